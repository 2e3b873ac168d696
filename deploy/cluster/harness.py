"""The parts deploy/cluster/three-nodes.py drives: HTTP clients, psql, a little Redis, the Ludus nodes
and HAProxy as processes, and a webhook receiver that checks Standard Webhooks signatures. Python 3
standard library only."""

import base64
import hashlib
import hmac
import http.client
import http.server
import json
import os
import signal
import socket
import string
import subprocess
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))


class SetupError(Exception):
    """The cluster could not be started or configured: not a finding about Ludus."""


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def hs256(secret, claims):
    """An application token (HS256 with the API secret as UTF-8 bytes), as docs/authentication.md says."""
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64url(json.dumps(claims).encode())
    signature = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64url(signature)}"


class Answer:
    def __init__(self, status, body, headers):
        self.status = status
        self.body = body
        self.headers = headers

    def json(self):
        return json.loads(self.body) if self.body else None

    def __repr__(self):
        return f"{self.status} {self.body[:300]!r}"


class Client:
    """One keep-alive HTTP connection to one address; reconnects after an error."""

    def __init__(self, port, timeout=15):
        self.port = port
        self.timeout = timeout
        self.connection = None

    def send(self, method, path, body=None, headers=None):
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        all_headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        try:
            self.connection.request(method, path, body=data, headers=all_headers)
            response = self.connection.getresponse()
            text = response.read().decode()
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return Answer(response.status, text, {k.lower(): v for k, v in response.getheaders()})
        except Exception:
            self.close()
            raise

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def expect(answer, *statuses, what):
    if answer.status not in statuses:
        raise SetupError(f"{what}: expected {statuses}, got {answer}")
    return answer.json()


# ----------------------------------------------------------------------------------------------
# PostgreSQL and Redis

class Postgres:
    """psql against the server of LUDUS_TEST_PG_URL (or 127.0.0.1:5432, user postgres)."""

    def __init__(self, database):
        url = os.environ.get("LUDUS_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres")
        parsed = urllib.parse.urlparse(url.removeprefix("jdbc:"))
        query = urllib.parse.parse_qs(parsed.query)
        self.host = parsed.hostname or "127.0.0.1"
        self.port = parsed.port or 5432
        self.user = query.get("user", [parsed.username or "postgres"])[0]
        self.password = query.get("password", [parsed.password or ""])[0]
        self.admin_database = parsed.path.lstrip("/") or "postgres"
        self.database = database

    def jdbc_url(self):
        params = {"user": self.user}
        if self.password:
            params["password"] = self.password
        return f"jdbc:postgresql://{self.host}:{self.port}/{self.database}?{urllib.parse.urlencode(params)}"

    def psql(self, sql, database=None):
        env = dict(os.environ, PGHOST=self.host, PGPORT=str(self.port), PGUSER=self.user,
                   PGDATABASE=database or self.database, PGCONNECT_TIMEOUT="5")
        if self.password:
            env["PGPASSWORD"] = self.password
        done = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                              env=env, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise SetupError(f"psql failed: {done.stderr.strip()}")
        return [line.split("\t") for line in done.stdout.splitlines() if line]

    def create(self):
        self.psql(f'CREATE DATABASE "{self.database}"', database=self.admin_database)

    def drop(self):
        self.psql(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)', database=self.admin_database)


class Redis:
    """Just enough RESP to delete this run's leaderboard keys afterwards."""

    def __init__(self, url):
        parsed = urllib.parse.urlparse(url)
        self.host = parsed.hostname or "127.0.0.1"
        self.port = parsed.port or 6379
        self.database = int(parsed.path.lstrip("/") or "0")

    def command(self, sock, reader, *parts):
        message = f"*{len(parts)}\r\n" + "".join(f"${len(str(p).encode())}\r\n{p}\r\n" for p in parts)
        sock.sendall(message.encode())
        return self.read(reader)

    def read(self, reader):
        line = reader.readline().decode().rstrip("\r\n")
        kind, rest = line[0], line[1:]
        if kind in "+:":
            return rest
        if kind == "-":
            raise SetupError(f"redis: {rest}")
        if kind == "$":
            if rest == "-1":
                return None
            data = reader.read(int(rest) + 2)
            return data[:-2].decode()
        if kind == "*":
            return [self.read(reader) for _ in range(int(rest))]
        raise SetupError(f"redis: unexpected answer {line!r}")

    def delete_matching(self, pattern):
        deleted = 0
        with socket.create_connection((self.host, self.port), timeout=5) as sock:
            reader = sock.makefile("rb")
            self.command(sock, reader, "SELECT", self.database)
            cursor = "0"
            while True:
                cursor, keys = self.command(sock, reader, "SCAN", cursor, "MATCH", pattern, "COUNT", 1000)
                for key in keys:
                    deleted += int(self.command(sock, reader, "DEL", key))
                if cursor == "0":
                    return deleted


# ----------------------------------------------------------------------------------------------
# Processes: the nodes and HAProxy

class Node:
    def __init__(self, name, port, out_dir):
        self.name = name
        self.port = port
        self.out_dir = out_dir
        self.process = None
        self.log_path = os.path.join(out_dir, f"{name}.log")
        self.starts = 0

    def start(self, java, jar, env):
        self.starts += 1
        data_dir = os.path.join(self.out_dir, f"{self.name}-data")
        os.makedirs(data_dir, exist_ok=True)
        node_env = dict(env, LUDUS_PORT=str(self.port), LUDUS_DATA_DIR=data_dir)
        log_file = open(self.log_path, "a")
        log_file.write(f"---- start {self.starts} at {time.strftime('%H:%M:%S')}\n")
        log_file.flush()
        self.process = subprocess.Popen([java, "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar, "serve"],
                                        env=node_env, stdout=log_file, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, start_new_session=True)
        log_file.close()

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def wait_ready(self, deadline):
        while time.monotonic() < deadline:
            if not self.alive():
                raise SetupError(f"{self.name} exited with status {self.process.returncode} while starting")
            try:
                if Client(self.port, timeout=2).send("GET", "/health/ready").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SetupError(f"{self.name} was not ready on port {self.port} in time")

    def kill(self):
        if self.alive():
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self):
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def tail(self, lines=40):
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""


class Proxy:
    def __init__(self, out_dir, nodes):
        self.port = free_port()
        self.stats_port = free_port()
        self.config_path = os.path.join(out_dir, "haproxy.cfg")
        self.log_path = os.path.join(out_dir, "haproxy.log")
        with open(os.path.join(HERE, "haproxy.cfg")) as f:
            template = string.Template(f.read())
        values = {"proxy_port": self.port, "stats_port": self.stats_port}
        for index, node in enumerate(nodes, 1):
            values[f"node{index}_port"] = node.port
        with open(self.config_path, "w") as f:
            f.write(template.substitute(values))
        self.process = None

    def start(self):
        subprocess.run(["haproxy", "-c", "-q", "-f", self.config_path], check=True, timeout=30)
        log_file = open(self.log_path, "w")
        self.process = subprocess.Popen(["haproxy", "-db", "-f", self.config_path], stdout=log_file,
                                        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                        start_new_session=True)
        log_file.close()

    def stats(self):
        """Per server of the backend: its status and counters, from HAProxy's CSV statistics."""
        answer = Client(self.stats_port, timeout=5).send("GET", "/stats;csv")
        lines = answer.body.splitlines()
        header = lines[0].lstrip("# ").split(",")
        rows = {}
        for line in lines[1:]:
            row = dict(zip(header, line.split(",")))
            if row.get("pxname") == "ludus_nodes" and row.get("svname") not in ("FRONTEND", "BACKEND"):
                rows[row["svname"]] = row
        return rows

    def wait_up(self, names, deadline, up=True):
        while time.monotonic() < deadline:
            try:
                rows = self.stats()
                if all(rows.get(name, {}).get("status", "").startswith("UP") == up for name in names):
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SetupError(f"HAProxy did not see {names} {'UP' if up else 'DOWN'} in time")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# ----------------------------------------------------------------------------------------------
# The webhook receiver

class Receiver:
    """Takes the messages of every endpoint at /hook/<name>, checks each signature with that
    endpoint's secret, and answers 503 to the first attempt of a few messages, so that retries happen."""

    def __init__(self, fail_first_share):
        self.fail_first_share = fail_first_share
        self.lock = threading.Lock()
        self.secrets = {}          # endpoint name -> whsec_ secret
        self.received = []         # (endpoint name, webhook-id, payload, signature ok)
        self.failed_once = set()
        self.refused = 0
        self.broken = 0
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                name = self.path.removeprefix("/hook/")
                status = receiver.take(name, self.headers, body)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                # a sender that died mid-request (the killed node): counted, not printed
                with receiver.lock:
                    receiver.broken += 1

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @staticmethod
    def signature_valid(secret, headers, body):
        message_id, timestamp = headers.get("webhook-id", ""), headers.get("webhook-timestamp", "0")
        if abs(time.time() - int(timestamp)) > 300:
            return False
        key = base64.b64decode(secret.removeprefix("whsec_"))
        digest = hmac.new(key, f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
        expected = "v1," + base64.b64encode(digest).decode()
        return any(hmac.compare_digest(given, expected) for given in headers.get("webhook-signature", "").split(" "))

    def take(self, name, headers, body):
        message_id = headers.get("webhook-id", "")
        with self.lock:
            secret = self.secrets.get(name)
            if secret is not None and message_id not in self.failed_once and \
                    int(hashlib.sha256(message_id.encode()).hexdigest(), 16) % 1000 < self.fail_first_share * 1000:
                self.failed_once.add(message_id)
                self.refused += 1
                return 503
        valid = secret is not None and self.signature_valid(secret, headers, body)
        try:
            payload = json.loads(body)
        except ValueError:
            payload = None
        with self.lock:
            self.received.append((name, message_id, payload, valid))
        return 204

    def snapshot(self):
        with self.lock:
            return list(self.received)

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


# ----------------------------------------------------------------------------------------------
# The run
