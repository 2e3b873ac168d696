"""What the tests share: one real Ludus server started from the built jar, new applications through
the operator API, a reverse proxy that records (and can break) what a client sends, a clock the tests
move, a webhook receiver, and the server's own request counts from ``/metrics``.

The server: ``server/target/ludus.jar`` (``LUDUS_TEST_JAR`` names another), run by ``$JAVA_HOME/bin/java``
(or ``java`` on the PATH), on a free port with a temporary data directory; started once per process
and stopped at exit. ``LUDUS_TEST_BASE_URL`` with ``LUDUS_TEST_ADMIN_KEY`` use a running server instead.
"""

from __future__ import annotations

import atexit
import http.client
import http.server
import json
import os
import queue
import re
import shutil
import socketserver
import subprocess
import tempfile
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ludus import ApplicationToken, ClientCredentials, Ludus

ROOT = Path(__file__).resolve().parents[3]
_lock = threading.Lock()
_server: "_Server | None" = None


@dataclass(frozen=True)
class _Server:
    base_url: str
    admin_key: str


def server() -> _Server:
    """The shared server, started on first use."""
    global _server
    with _lock:
        if _server is None:
            given_url, given_key = os.environ.get("LUDUS_TEST_BASE_URL"), os.environ.get("LUDUS_TEST_ADMIN_KEY")
            _server = _Server(given_url, given_key) if given_url and given_key else _start()
        return _server


def _start() -> _Server:
    jar = Path(os.environ.get("LUDUS_TEST_JAR", ROOT / "server" / "target" / "ludus.jar"))
    if not jar.is_file():
        raise RuntimeError(f"no server jar at {jar}: build it first (./mvnw -B -q -DskipTests install at the root)")
    java = str(Path(os.environ["JAVA_HOME"]) / "bin" / "java") if os.environ.get("JAVA_HOME") else "java"
    data_dir = tempfile.mkdtemp(prefix="ludus-py-test-")
    admin_key = "py-test-operator-key-" + uuid.uuid4().hex
    env = {name: value for name, value in os.environ.items() if not name.startswith("LUDUS_")}
    env.update(LUDUS_ADMIN_KEY=admin_key, LUDUS_WEBHOOK_ALLOW_PRIVATE="true")
    log_path = Path(data_dir) / "serve.log"
    log = open(log_path, "wb")
    process = subprocess.Popen([java, "-jar", str(jar), "serve", "--port", "0", "--data-dir", data_dir],
                               env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    failed = {"any": False}

    def stop() -> None:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
        if failed["any"]:
            print(f"test: the server's log is {log_path}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)

    atexit.register(stop)
    started = time.monotonic()
    while time.monotonic() - started < 90 and process.poll() is None:
        match = re.search(r"Ludus listening on http://localhost:(\d+)", log_path.read_text(errors="replace"))
        if match:
            base_url = f"http://127.0.0.1:{match.group(1)}"
            try:
                with urllib.request.urlopen(base_url + "/health/ready", timeout=5) as ready:
                    if ready.status == 200:
                        print(f"test: Ludus ready at {base_url} in {time.monotonic() - started:.1f} s")
                        return _Server(base_url, admin_key)
            except OSError:
                pass
        time.sleep(0.1)
    failed["any"] = True
    raise RuntimeError("the server did not start:\n" + log_path.read_text(errors="replace"))


def _operator(method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    the = server()
    request = urllib.request.Request(the.base_url + path, method=method, data=json.dumps(body).encode(),
                                     headers={"Authorization": f"Bearer {the.admin_key}",
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class AppCredentials:
    tenant_id: str
    application_id: str
    api_secret: str = field(repr=False)
    client_id: str
    client_secret: str = field(repr=False)

    def application_token(self, **options: Any) -> ApplicationToken:
        return ApplicationToken(self.tenant_id, self.application_id, self.api_secret, **options)

    def client_credentials(self) -> ClientCredentials:
        return ClientCredentials(self.client_id, self.client_secret)


def create_app() -> AppCredentials:
    """A new tenant and application."""
    tenant = _operator("POST", "/admin/v1/tenants", {"name": "Python SDK test"})
    app = _operator("POST", f"/admin/v1/tenants/{tenant['id']}/applications", {"name": "App"})
    return AppCredentials(tenant["id"], app["id"], app["api_secret"], app["client_id"], app["client_secret"])


def admin_client(app: AppCredentials, base_url: str | None = None, **options: Any) -> Ludus:
    """A client of scope admin on the application (application tokens)."""
    return Ludus(base_url or server().base_url, application_token=app.application_token(scopes=["admin"]),
                 **options)


def app_with_rules() -> tuple[AppCredentials, Ludus]:
    """A new application with a metric ``steps``, points ``xp`` (1 per 10 steps) and an achievement
    ``first_steps`` (1,000 steps, 50 xp)."""
    app = create_app()
    admin = admin_client(app)
    admin.metrics.put("steps", {"name": "Steps"})
    admin.points_systems.put("xp", {"name": "XP", "triggers": [{"type": "metric", "metric": "steps",
                                                                "points": 1, "per": 10}],
                                    "levels": [{"name": "Walker", "threshold": 100}]})
    admin.achievements.put("first_steps", {"name": "First steps", "trigger": {"type": "metric", "metric": "steps",
                                                                              "threshold": 1000},
                                           "reward": {"system": "xp", "points": 50}})
    return app, admin


_SAMPLE = re.compile(r'^(?P<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?P<tags>[^}]*)\} (?P<value>[0-9.E+-]+)$', re.M)


def server_metric(name: str, **tags: str) -> int:
    """The sum of the server's ``/metrics`` samples of ``name`` whose labels include ``tags``."""
    with urllib.request.urlopen(server().base_url + "/metrics", timeout=30) as answer:
        text = answer.read().decode()
    total = 0.0
    for sample in _SAMPLE.finditer(text):
        labels = dict(re.findall(r'(\w+)="([^"]*)"', sample.group("tags")))
        if sample.group("name") == name and all(labels.get(key) == value for key, value in tags.items()):
            total += float(sample.group("value"))
    return int(total)


def served(method: str, route: str, status: int) -> int:
    """How many requests of ``method`` on ``route`` the server has answered with ``status``, by its own
    ``http.server.requests`` timer."""
    return server_metric("http_server_requests_seconds_count", method=method, route=route, status=str(status))


class MovableClock:
    """A clock the test moves: seconds since the epoch."""

    def __init__(self, start: float | None = None) -> None:
        self.now = time.time() if start is None else start

    def __call__(self) -> float:
        return self.now


@dataclass(frozen=True)
class Seen:
    """A request as the proxy forwarded it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class _Threading(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class RecordingProxy:
    """A reverse proxy in front of the real server. It records every request before forwarding it (so
    once a call has returned, :attr:`seen` holds every request it made), and can break the answer of
    the next request to a path: ``"503"`` (forwarded, then answered 503 with ``Retry-After: 0``),
    ``"late"`` (forwarded, then the answer held past the client's timeout), or a callable answering
    ``(status, headers, body)`` without forwarding."""

    def __init__(self, target: str, late_seconds: float = 3.0) -> None:
        self.target = target
        self.late_seconds = late_seconds
        self.seen: list[Seen] = []
        self._faults: dict[str, Any] = {}
        self._guard = threading.Lock()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                proxy._forward(self)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        self._http = _Threading(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._http.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._http.server_address[1]}"

    def fail_next(self, method: str, path: str, fault: Any) -> None:
        with self._guard:
            self._faults[f"{method} {path}"] = fault

    def count(self, method: str, path: str) -> int:
        with self._guard:
            return sum(1 for seen in self.seen if seen.method == method and seen.path == path)

    def requests(self, method: str, path: str) -> list[Seen]:
        with self._guard:
            return [seen for seen in self.seen if seen.method == method and seen.path == path]

    def _forward(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        path = handler.path.split("?")[0]
        headers = {name: value for name, value in handler.headers.items()
                   if name.lower() not in ("host", "connection", "content-length")}
        with self._guard:
            self.seen.append(Seen(handler.command, path, headers, body))
            fault = self._faults.pop(f"{handler.command} {path}", None)
        if callable(fault):
            status, answer_headers, answer = fault()
        else:
            upstream = http.client.HTTPConnection(self.target.split("//")[1], timeout=30)
            try:
                upstream.request(handler.command, handler.path, body=body or None, headers=headers)
                response = upstream.getresponse()
                status, answer = response.status, response.read()
                answer_headers = {name: value for name, value in response.getheaders()
                                  if name.lower() not in ("connection", "content-length", "transfer-encoding")}
            finally:
                upstream.close()
            if fault == "503":
                status, answer = 503, json.dumps({"type": "https://ludus.dev/problems/unavailable",
                                                  "title": "Service unavailable", "status": 503,
                                                  "detail": "the backend did not answer in time",
                                                  "error": "unavailable"}).encode()
                answer_headers = {"Content-Type": "application/problem+json", "Retry-After": "0"}
            elif fault == "late":
                time.sleep(self.late_seconds)
        try:
            handler.send_response(status)
            for name, value in answer_headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(answer)))
            handler.end_headers()
            handler.wfile.write(answer)
        except OSError:
            pass  # the client timed out and closed the connection

    def close(self) -> None:
        self._http.shutdown()
        self._http.server_close()


@dataclass(frozen=True)
class Delivery:
    """A webhook as the receiver got it: its headers and raw body."""

    headers: dict[str, str]
    body: bytes


class WebhookReceiver:
    """A local HTTP endpoint that keeps every POST it gets, answers ``status`` (204), and hands the
    deliveries out in order through :meth:`next`."""

    def __init__(self, status: int = 204) -> None:
        self.deliveries: "queue.Queue[Delivery]" = queue.Queue()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.deliveries.put(Delivery({name.lower(): value for name, value in self.headers.items()},
                                                 body))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self._http = _Threading(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._http.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._http.server_address[1]}/hooks"

    def next(self, matching: Callable[[dict[str, Any]], bool] = lambda payload: True,
             timeout: float = 30) -> tuple[Delivery, dict[str, Any]]:
        """The next delivery whose payload matches, waiting up to ``timeout`` seconds; earlier ones are passed over."""
        deadline = time.monotonic() + timeout
        while True:
            delivery = self.deliveries.get(timeout=max(0.01, deadline - time.monotonic()))
            payload = json.loads(delivery.body)
            if matching(payload):
                return delivery, payload

    def close(self) -> None:
        self._http.shutdown()
        self._http.server_close()
