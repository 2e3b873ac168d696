#!/usr/bin/env python3
"""Three Ludus nodes on one PostgreSQL and one Redis behind HAProxy, driven through the proxy while one
node is killed with SIGKILL; then checks what a cluster promises. Run by three-nodes.sh, which finds
the JDK and HAProxy; Python 3 standard library only.

Checks: every acknowledged event is stored exactly once; no achievement is awarded twice; every
node answers the same leaderboard ranks; a revocation made through one node is refused by every node
within the documented delay; every webhook message is delivered at least once, never to the wrong
endpoint, with a valid signature; the surviving nodes carried the load. Prints the figures, leaves
logs in the output folder, and exits 1 when a check fails (2 when the cluster could not be set up).
The processes, clients and the webhook receiver are in harness.py beside it.
"""
import base64
import http.client
import json
import os
import queue
import random
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
import uuid

from harness import (Client, Node, Postgres, Proxy, Receiver, Redis, SetupError, bearer, expect, free_port,
                     hs256, log)


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


EVENTS = env_int("LUDUS_CLUSTER_EVENTS", 3000)
WORKERS = env_int("LUDUS_CLUSTER_WORKERS", 8)
USERS_PER_APP = env_int("LUDUS_CLUSTER_USERS", 15)
KILL_AT = 0.4                 # the share of events sent when a node is killed
REPLAY_SHARE = 0.05           # events sent once more with the same key after their 2xx
ABANDON_SHARE = 0.03          # events whose first answer the client does not wait for (a timeout), then retries
THRESHOLD = 60                # steps for the achievement: most users reach it during the run
REWARD = 100                  # its reward in xp
FAIL_FIRST_SHARE = 0.03       # webhook messages whose first attempt the receiver answers 503
REVOCATION_DELAY = 1.0        # documented: every node within one second (docs/authentication.md, ADR 0003)
REVOCATION_SLACK = 0.5        # for the query and this script's own polling on a shared machine
WEBHOOK_TYPES = ["achievement.unlocked", "points.changed"]


class Run:
    def __init__(self, out_dir, jar, java, database):
        self.out_dir = out_dir
        self.jar = jar
        self.java = java
        self.pg = Postgres(database)
        redis_url = os.environ.get("LUDUS_CLUSTER_REDIS_URL") or \
            re.sub(r"/\d*$", "", os.environ.get("LUDUS_TEST_REDIS_URL", "redis://127.0.0.1:6379").rstrip("/")) + "/13"
        self.redis_url = redis_url
        self.redis = Redis(redis_url)
        self.nodes = [Node(f"node{i}", free_port(), out_dir) for i in (1, 2, 3)]
        self.proxy = None
        self.receiver = None
        self.database_created = False
        self.admin_key = secrets.token_urlsafe(36)
        self.failures = []
        self.figures = {}
        self.timings = {}
        self.apps = {}
        self.victim = self.nodes[1]

    # -- checks and figures

    def check(self, condition, message):
        if not condition:
            self.failures.append(message)
            log(f"FAILED: {message}")
        return condition

    def timed(self, name, started):
        self.timings[name] = round(time.monotonic() - started, 2)

    # -- set-up

    def start_cluster(self):
        started = time.monotonic()
        self.pg.drop()
        self.pg.create()
        self.database_created = True
        self.receiver = Receiver(FAIL_FIRST_SHARE)
        self.proxy = Proxy(self.out_dir, self.nodes)
        issuer = f"http://127.0.0.1:{self.proxy.port}"
        base = {k: v for k, v in os.environ.items() if not k.startswith("LUDUS_")}
        # A 5 s webhook timeout: a delivery claimed by the killed node is free again after 15 s (twice
        # the timeout plus 5 s) instead of 35 s. Pools of 8: three nodes share one PostgreSQL.
        self.node_env = dict(base, LUDUS_DB_URL=self.pg.jdbc_url(), LUDUS_REDIS_URL=self.redis_url,
                             LUDUS_ADMIN_KEY=self.admin_key, LUDUS_ISSUER=issuer,
                             LUDUS_WEBHOOK_ALLOW_PRIVATE="true", LUDUS_WEBHOOK_TIMEOUT="PT5S",
                             LUDUS_DB_POOL_SIZE="8")
        with open(os.path.join(self.out_dir, "pids"), "w") as pids:
            for node in self.nodes:
                node.start(self.java, self.jar, self.node_env)
                pids.write(f"{node.process.pid}\n")
            self.proxy.start()
            pids.write(f"{self.proxy.process.pid}\n")
        deadline = time.monotonic() + 120
        for node in self.nodes:
            node.wait_ready(deadline)
        self.proxy.wait_up([n.name for n in self.nodes], deadline)
        self.timed("start_three_nodes_s", started)
        log(f"three nodes ready on ports {[n.port for n in self.nodes]}, HAProxy on {self.proxy.port} "
            f"(in {self.timings['start_three_nodes_s']} s)")

    def configure(self):
        """Through the proxy: a tenant, two applications with the same rules, one webhook endpoint each."""
        client = Client(self.proxy.port)
        admin = bearer(self.admin_key)
        tenant = expect(client.send("POST", "/admin/v1/tenants", {"name": "cluster test"}, admin), 201,
                        what="create the tenant")
        for name in ("A", "B"):
            app = expect(client.send("POST", f"/admin/v1/tenants/{tenant['id']}/applications",
                                     {"name": f"cluster {name}"}, admin), 201, what=f"create application {name}")
            now = int(time.time())
            admin_token = hs256(app["api_secret"], {"iss": tenant["id"], "aud": app["id"], "sub": "cluster-admin",
                                                    "iat": now, "exp": now + 3600, "scope": ["admin"],
                                                    "jti": f"admin-{uuid.uuid4()}"})
            headers = bearer(admin_token)
            rules = [
                ("/v1/metrics/steps", {"name": "Steps"}),
                ("/v1/points/xp", {"name": "XP", "triggers": [{"type": "metric", "metric": "steps", "points": 1}]}),
                ("/v1/achievements/walker", {"name": "Walker",
                                             "trigger": {"type": "metric", "metric": "steps", "threshold": THRESHOLD},
                                             "reward": {"system": "xp", "points": REWARD}}),
                ("/v1/leaderboards/top_xp", {"name": "Top XP", "rank_by": {"type": "points", "system": "xp"}}),
            ]
            for path, rule in rules:
                expect(client.send("PUT", path, rule, headers), 200, 201, what=f"PUT {path} ({name})")
            endpoint = expect(client.send("POST", "/v1/webhooks",
                                          {"url": f"http://127.0.0.1:{self.receiver.port}/hook/{name}",
                                           "event_types": WEBHOOK_TYPES}, headers), 201,
                              what=f"create the webhook endpoint of {name}")
            self.receiver.secrets[name] = endpoint["secret"]
            users = [f"{name.lower()}-user-{i:02d}" for i in range(USERS_PER_APP)]
            self.apps[name] = {"tenant": tenant["id"], "id": app["id"], "api_secret": app["api_secret"],
                               "client_id": app["client_id"], "client_secret": app["client_secret"],
                               "admin": headers, "endpoint": endpoint["id"], "users": users}
        client.close()

    def auth_tokens(self):
        """One server token per application from POST /v1/auth_token through the proxy, reused by every
        worker; each node asked directly must hand out the same token."""
        for name, app in self.apps.items():
            basic = base64.b64encode(f"{app['client_id']}:{app['client_secret']}".encode()).decode()
            headers = {"Authorization": f"Basic {basic}"}
            token = expect(Client(self.proxy.port).send("POST", "/v1/auth_token", headers=headers), 200,
                           what=f"POST /v1/auth_token ({name})")["token"]
            app["token"] = token
            app["basic"] = headers
            for node in self.nodes:
                again = expect(Client(node.port).send("POST", "/v1/auth_token", headers=headers), 200,
                               what=f"POST /v1/auth_token on {node.name}")["token"]
                self.check(again == token, f"{node.name} handed application {name} another token than the proxy did")
        self.figures["auth_token_requests"] = len(self.apps) * (1 + len(self.nodes))

    # -- the load

    def load(self):
        rng = random.Random(17)
        plan = []
        for i in range(EVENTS):
            name = "A" if i % 2 == 0 else "B"
            app = self.apps[name]
            plan.append({"app": name, "user": rng.choice(app["users"]), "value": rng.randint(1, 3),
                         "key": f"cluster-{uuid.uuid4()}", "replay": rng.random() < REPLAY_SHARE,
                         "abandon": rng.random() < ABANDON_SHARE})
        work = queue.Queue()
        for item in plan:
            work.put(item)
        lock = threading.Lock()
        counters = {"sent": 0, "requests": 0, "retries": 0, "errors": {}, "replays": 0, "replay_mismatches": 0,
                    "refused": 0, "abandoned": 0}
        kill_after = int(EVENTS * KILL_AT)
        killed = threading.Event()
        stats_at_kill = {}
        self.acked = {}     # key -> (app, user, value, event id)
        self.unresolved = []

        def note_error(kind):
            with lock:
                counters["errors"][kind] = counters["errors"].get(kind, 0) + 1

        def event(item):
            """The body and headers of an item's event: the same on every retry."""
            headers = dict(bearer(self.apps[item["app"]]["token"]), **{"Idempotency-Key": item["key"]})
            return {"metric": "steps", "user_id": item["user"], "value": item["value"]}, headers

        def post(client, item):
            with lock:
                counters["requests"] += 1
            return client.send("POST", "/v1/events", *event(item))

        def abandon(item):
            """Sends the event and hangs up before the answer, as a client whose timeout fired; the
            request goes on in the node, and the retry that follows may reach another node."""
            body, headers = event(item)
            connection = http.client.HTTPConnection("127.0.0.1", self.proxy.port, timeout=15)
            try:
                connection.request("POST", "/v1/events", body=json.dumps(body).encode(),
                                   headers=dict(headers, **{"Content-Type": "application/json"}))
            except OSError as e:
                note_error(type(e).__name__)
            finally:
                connection.close()
            with lock:
                counters["requests"] += 1
                counters["abandoned"] += 1

        def worker():
            client = Client(self.proxy.port, timeout=15)
            while True:
                try:
                    item = work.get_nowait()
                except queue.Empty:
                    break
                with lock:
                    counters["sent"] += 1
                    kill_now = counters["sent"] == kill_after
                if kill_now:
                    stats_at_kill.update(self.proxy.stats())
                    self.victim.kill()
                    self.timed("node_killed_after_load_start_s", started)
                    killed.set()
                    log(f"killed {self.victim.name} (SIGKILL) after {kill_after} events sent")
                answer = None
                if item["abandon"]:
                    abandon(item)
                for attempt in range(40):
                    if attempt or item["abandon"]:
                        with lock:
                            counters["retries"] += 1
                        time.sleep(min(0.05 * 2 ** attempt, 1.0))
                    try:
                        answer = post(client, item)
                    except (OSError, http.client.HTTPException) as e:
                        note_error(type(e).__name__)
                        answer = None
                        continue
                    if answer.status >= 500:
                        note_error(f"http_{answer.status}")
                        continue
                    break
                if answer is None or answer.status >= 500:
                    self.unresolved.append(item)
                    continue
                if answer.status != 201:
                    with lock:
                        counters["refused"] += 1
                    self.check(False, f"event {item['key']} refused: {answer}")
                    continue
                event_id = answer.json()["event"]["id"]
                with lock:
                    self.acked[item["key"]] = (item["app"], item["user"], item["value"], event_id)
                if item["replay"]:
                    try:
                        again = post(client, item)
                    except (OSError, http.client.HTTPException):
                        again = None
                    if again is not None and again.status == 201:
                        replayed = again.json()
                        with lock:
                            counters["replays"] += 1
                            if not (replayed.get("idempotent_replayed") and replayed["event"]["id"] == event_id):
                                counters["replay_mismatches"] += 1
            client.close()

        started = time.monotonic()
        threads = [threading.Thread(target=worker, name=f"worker-{i}", daemon=True) for i in range(WORKERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        self.timings["event_load_s"] = round(elapsed, 2)
        self.stats_at_kill = stats_at_kill
        self.figures.update({
            "events_sent": EVENTS, "event_requests": counters["requests"], "retries": counters["retries"],
            "errors_before_retry": counters["errors"], "acknowledged": len(self.acked),
            "never_acknowledged": len(self.unresolved), "refused_4xx": counters["refused"],
            "abandoned_then_retried": counters["abandoned"], "replayed_on_purpose": counters["replays"], "replay_mismatches": counters["replay_mismatches"],
            "events_per_second": round(counters["requests"] / elapsed, 1),
        })
        log(f"load done: {EVENTS} events, {len(self.acked)} acknowledged, {counters['retries']} retries "
            f"({counters['errors']}), {counters['replays']} replays, in {elapsed:.1f} s")
        self.check(killed.is_set(), "the node was never killed")
        self.check(not self.unresolved, f"{len(self.unresolved)} events were never acknowledged after 40 attempts")
        self.check(counters["replay_mismatches"] == 0,
                   f"{counters['replay_mismatches']} retries with the same key did not replay the first answer")

    # -- expectations

    def expected_users(self):
        """Per (application, user): the total of the acknowledged values, from this script's own records."""
        totals = {}
        for app, user, value, _ in self.acked.values():
            totals[(app, user)] = totals.get((app, user), 0) + value
        return totals

    # -- checks

    def check_events(self):
        """Every acknowledged event stored exactly once: the events table, the idempotency records, and
        each user's totals through the API."""
        found_total, duplicates = 0, 0
        for name, app in self.apps.items():
            acked = {key: v for key, v in self.acked.items() if v[0] == name}
            rows = self.pg.psql(f"SELECT id, user_id, value FROM events WHERE application_id = '{app['id']}'")
            by_id = {}
            for event_id, user, value in rows:
                by_id.setdefault(event_id, []).append((user, int(value)))
            found = sum(1 for v in acked.values() if v[3] in by_id)
            found_total += found
            stray = len(rows) - len({v[3] for v in acked.values()} & set(by_id))
            duplicates += stray
            self.check(found == len(acked), f"{name}: {len(acked) - found} acknowledged events are not stored")
            self.check(all(by_id[v[3]] == [(v[1], v[2] * 1_000_000)] for v in acked.values() if v[3] in by_id),
                       f"{name}: an acknowledged event is stored with another user or value")
            self.check(stray == 0, f"{name}: {stray} stored events beyond the acknowledged ones (duplicates)")
            keys = dict(self.pg.psql(
                f"SELECT idem_key, (response::json)->'event'->>'id' FROM idempotency_keys "
                f"WHERE application_id = '{app['id']}'"))
            wrong = [k for k, v in acked.items() if keys.get(k) != v[3]]
            self.check(not wrong, f"{name}: {len(wrong)} idempotency records do not name the acknowledged event")
        self.figures["events_found"] = found_total
        self.figures["duplicates"] = duplicates

        client = Client(self.proxy.port)
        expected = self.expected_users()
        mismatches, unlocked_users = [], 0
        for (name, user), total in sorted(expected.items()):
            app = self.apps[name]
            progress = expect(client.send("GET", f"/v1/users/{user}/progress", headers=bearer(app["token"])), 200,
                              what=f"progress of {user}")
            steps = next(m["total"] for m in progress["metrics"] if m["key"] == "steps")
            xp = next(p["balance"] for p in progress["points"] if p["system"] == "xp")
            unlocked = next(a["unlocked"] for a in progress["achievements"] if a["key"] == "walker")
            want_xp = total + (REWARD if total >= THRESHOLD else 0)
            unlocked_users += unlocked
            if steps != total or xp != want_xp or unlocked != (total >= THRESHOLD):
                mismatches.append(f"{user}: steps {steps} (want {total}), xp {xp} (want {want_xp}), "
                                  f"walker {unlocked}")
        client.close()
        self.check(not mismatches, f"user state differs from the acknowledged events: {mismatches[:5]}")
        self.figures["users"] = len(expected)
        self.figures["achievements_unlocked"] = unlocked_users

        for name, app in self.apps.items():
            twice = self.pg.psql(
                f"SELECT user_id, count(*) FROM points_ledger WHERE application_id = '{app['id']}' "
                f"AND source = 'achievement' GROUP BY user_id HAVING count(*) > 1")
            self.check(not twice, f"{name}: achievement reward paid more than once to {twice[:5]}")

    def check_leaderboards(self, nodes):
        """Each running node, asked directly, answers the same ranks, and they follow the expected xp."""
        expected = self.expected_users()
        for name, app in self.apps.items():
            answers = {}
            for node in nodes:
                board = expect(Client(node.port).send("GET", "/v1/leaderboards/top_xp?limit=100",
                                                      headers=bearer(app["token"])), 200,
                               what=f"leaderboard on {node.name}")
                answers[node.name] = [(e["rank"], e["user_id"], e["score"]) for e in board["entries"]]
            first = next(iter(answers.values()))
            for node_name, entries in answers.items():
                self.check(entries == first, f"{name}: {node_name} answers other ranks than {nodes[0].name}: "
                                             f"{entries[:5]} vs {first[:5]}")
            want = {user: total + (REWARD if total >= THRESHOLD else 0)
                    for (a, user), total in expected.items() if a == name}
            got = {user: int(score) for _, user, score in first}
            self.check(got == want, f"{name}: leaderboard scores differ from the acknowledged events")
            ranks_ok = all(rank == 1 + sum(1 for s in got.values() if s > int(score)) for rank, _, score in first)
            self.check(ranks_ok, f"{name}: leaderboard ranks do not follow the scores")
        self.figures["leaderboard_nodes_compared"] = [n.name for n in nodes]

    def application_token(self, app, scope):
        now = int(time.time())
        return hs256(app["api_secret"], {"iss": app["tenant"], "aud": app["id"], "sub": "revoked-user", "iat": now,
                                         "exp": now + 600, "scope": scope, "jti": f"jti-{uuid.uuid4()}"})

    def revoke_while_down(self):
        """Revokes a token through the proxy while the killed node is down: restarted, it must refuse
        it from its first request (it replays the auth change feed before it listens)."""
        app = self.apps["B"]
        self.revoked_while_down = self.application_token(app, ["read"])
        jti = json.loads(base64.urlsafe_b64decode(self.revoked_while_down.split(".")[1] + "=="))["jti"]
        expect(Client(self.proxy.port).send("POST", "/v1/auth/revocations", {"jti": jti}, app["admin"]),
               200, 201, 204, what="revoke a token while a node is down")

    def check_revoked_while_down(self):
        answer = Client(self.victim.port).send("GET", "/v1/auth/verify", headers=bearer(self.revoked_while_down))
        refused = answer.status == 401 and (answer.json() or {}).get("error") == "token_revoked"
        self.figures["revoked_while_down_refused_by_restarted_node"] = refused
        self.check(refused, f"the restarted {self.victim.name} accepts a token revoked while it was down ({answer.status})")

    def check_revocation(self, nodes):
        """A token revoked through the proxy (one node) is refused by every node, each asked directly,
        within the documented delay: an application token by jti, then the workers' server token."""
        app = self.apps["A"]
        token = self.application_token(app, ["read"])
        claims = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
        delays = {}
        for label, revoked, body in (("application_token", token, {"jti": claims["jti"]}),
                                     ("server_token", app["token"], {"token": app["token"]})):
            for node in nodes:       # each node accepts it first (and remembers the verdict, ADR 0007)
                expect(Client(node.port).send("GET", "/v1/auth/verify", headers=bearer(revoked)), 200,
                       what=f"verify before the revocation on {node.name}")
            answer = Client(self.proxy.port).send("POST", "/v1/auth/revocations", body, app["admin"])
            revoked_at = time.monotonic()
            expect(answer, 200, 201, 204, what=f"revoke the {label}")
            took_it = answer.headers.get("x-served-by", "?")
            limit = REVOCATION_DELAY + REVOCATION_SLACK
            # Every node in turn, about every 20 ms, the one that took the call first, until each refuses.
            waiting = sorted(nodes, key=lambda n: n.name != took_it)
            clients = {node.name: Client(node.port) for node in waiting}
            first_round = True
            while waiting:
                for node in list(waiting):
                    answer = clients[node.name].send("GET", "/v1/auth/verify", headers=bearer(revoked))
                    waited = time.monotonic() - revoked_at
                    if answer.status == 401 and (answer.json() or {}).get("error") == "token_revoked":
                        took = " (took the call)" if node.name == took_it else ""
                        delays[f"{label}@{node.name}{took}"] = round(waited, 3)
                        waiting.remove(node)
                    elif node.name == took_it and first_round:
                        self.check(False, f"{node.name} took the revocation of the {label} and still accepts it "
                                          f"({answer.status})")
                    elif waited > limit:
                        self.check(False, f"{node.name} still accepts the revoked {label} {waited:.2f} s after "
                                          f"the revocation ({answer.status})")
                        waiting.remove(node)
                first_round = False
                time.sleep(0.02)
            for client in clients.values():
                client.close()
        self.figures["revocation_refused_after_s"] = delays
        self.figures["revocation_max_s"] = max(delays.values()) if delays else None
        fresh = expect(Client(self.proxy.port).send("POST", "/v1/auth_token", headers=app["basic"]), 200,
                       what="POST /v1/auth_token after the revocation")["token"]
        self.check(fresh != app["token"], "the revoked server token was handed out again")
        app["token"] = fresh

    def expected_messages(self):
        """Per application, what its endpoint must receive: a points.changed for every acknowledged
        event, and for each user past the threshold one achievement.unlocked and one points.changed of
        its reward."""
        expected = {name: set() for name in self.apps}
        for app, user, _, event_id in self.acked.values():
            expected[app].add(("points.changed", "event", event_id))
        for (app, user), total in self.expected_users().items():
            if total >= THRESHOLD:
                expected[app].add(("achievement.unlocked", user, "walker"))
                expected[app].add(("points.changed", "achievement", user))
        return expected

    @staticmethod
    def meaning(payload):
        data = payload.get("data", {})
        if payload.get("type") == "achievement.unlocked":
            return ("achievement.unlocked", data.get("user_id"), data.get("achievement", {}).get("key"))
        points = data.get("points", {})
        if points.get("source") == "event":
            return ("points.changed", "event", points.get("reference"))
        return ("points.changed", points.get("source"), data.get("user_id"))

    def wait_for_webhooks(self, started, timeout):
        expected = self.expected_messages()
        want = sum(len(v) for v in expected.values())
        while time.monotonic() - started < timeout:
            got = {(name, self.meaning(p)) for name, _, p, _ in self.receiver.snapshot() if p}
            if sum(1 for name, keys in expected.items() for key in keys if (name, key) in got) >= want:
                break
            time.sleep(0.5)
        self.timed("webhooks_drained_after_load_s", started)

    def check_webhooks(self):
        expected = self.expected_messages()
        received = self.receiver.snapshot()
        outbox = {}
        for name, app in self.apps.items():
            outbox[name] = {row[0] for row in self.pg.psql(
                f"SELECT id FROM webhook_messages WHERE application_id = '{app['id']}'")}
        ids_by_meaning, deliveries, bad_signature, wrong_endpoint = {}, 0, 0, []
        for name, message_id, payload, valid in received:
            deliveries += 1
            bad_signature += not valid
            if message_id not in outbox.get(name, set()) or payload is None or \
                    not payload.get("data", {}).get("user_id", "").startswith(name.lower() + "-"):
                wrong_endpoint.append((name, message_id))
                continue
            ids_by_meaning.setdefault((name, self.meaning(payload)), set()).add(message_id)
        distinct = {message_id for _, message_id, _, _ in received}
        missing = [(name, key) for name, keys in expected.items() for key in keys if (name, key) not in ids_by_meaning]
        unexpected = [k for k in ids_by_meaning if k[1] not in expected[k[0]]]
        twice = {k: v for k, v in ids_by_meaning.items() if len(v) > 1}
        outbox_total = sum(len(v) for v in outbox.values())
        self.figures.update({
            "webhook_messages_expected": sum(len(v) for v in expected.values()),
            "webhook_messages_in_outbox": outbox_total,
            "webhook_messages_delivered": len(distinct), "webhook_deliveries": deliveries,
            "webhook_redeliveries": deliveries - len(distinct),
            "webhook_first_attempts_refused": self.receiver.refused,
            "webhook_requests_broken_off": self.receiver.broken,
        })
        self.check(bad_signature == 0, f"{bad_signature} webhook deliveries with a wrong signature")
        self.check(not wrong_endpoint, f"{len(wrong_endpoint)} webhook messages at the wrong endpoint: {wrong_endpoint[:5]}")
        self.check(not missing, f"{len(missing)} webhook messages never delivered: {missing[:5]}")
        self.check(not unexpected, f"{len(unexpected)} webhook messages nobody expected: {unexpected[:5]}")
        self.check(not twice, f"{len(twice)} changes notified under two message ids (a double award?): "
                              f"{list(twice.items())[:3]}")
        self.check(outbox_total == sum(len(v) for v in expected.values()),
                   f"the outbox holds {outbox_total} messages, {sum(len(v) for v in expected.values())} expected")

    def check_load_carried(self, stats_end):
        def requests(row):
            value = row.get("req_tot") or row.get("stot") or "0"
            return int(value or 0)

        per_node, after_kill = {}, {}
        for node in self.nodes:
            end = requests(stats_end.get(node.name, {}))
            at_kill = requests(self.stats_at_kill.get(node.name, {}))
            per_node[node.name] = end
            after_kill[node.name] = end - at_kill
        self.figures["requests_per_node"] = per_node
        self.figures["requests_per_node_after_kill"] = after_kill
        survivors = [n.name for n in self.nodes if n is not self.victim]
        total_after = sum(after_kill.values())
        for name in survivors:
            self.check(after_kill[name] >= 0.3 * total_after,
                       f"{name} took {after_kill[name]} of the {total_after} requests after the kill")
        self.check(after_kill[self.victim.name] <= WORKERS,
                   f"{self.victim.name} took {after_kill[self.victim.name]} requests after it was killed")
        self.check(per_node[self.victim.name] > 0, f"{self.victim.name} took no requests before it was killed")
        metrics = {}
        for node in self.nodes:
            if node.alive():
                text = Client(node.port).send("GET", "/metrics").body
                metrics[node.name] = int(sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                                             if line.startswith("http_server_requests_seconds_count{")
                                             and 'route="/v1/events"' in line))
        self.figures["events_requests_per_node_since_start_from_metrics"] = metrics

    # -- the whole run

    def execute(self):
        started = time.monotonic()
        self.start_cluster()
        self.configure()
        self.auth_tokens()
        self.load()
        load_end = time.monotonic()
        # The killed node comes back, to show it catches up from the shared store and feed.
        self.revoke_while_down()
        restart = time.monotonic()
        self.victim.start(self.java, self.jar, self.node_env)
        with open(os.path.join(self.out_dir, "pids"), "a") as pids:
            pids.write(f"{self.victim.process.pid}\n")
        self.victim.wait_ready(time.monotonic() + 60)
        self.timed("restart_killed_node_s", restart)
        self.check_revoked_while_down()
        self.wait_for_webhooks(load_end, timeout=90)
        stats_end = self.proxy.stats()
        checks = time.monotonic()
        self.check_events()
        self.check_webhooks()
        self.check_leaderboards(self.nodes)
        self.check_revocation(self.nodes)
        self.check_load_carried(stats_end)
        self.timed("checks_s", checks)
        self.timed("total_s", started)
        self.timings["load_to_checks_s"] = round(checks - load_end, 2)

    def cleanup(self):
        for node in self.nodes:
            node.stop()
        if self.proxy is not None:
            self.proxy.stop()
        try:
            os.remove(os.path.join(self.out_dir, "pids"))     # nothing left for the wrapper to stop
        except FileNotFoundError:
            pass
        if self.receiver is not None:
            self.receiver.stop()
        try:
            if self.apps:
                for app in self.apps.values():
                    self.redis.delete_matching(f"ludus:lb:{app['id']}/*")
        except (OSError, SetupError) as e:
            log(f"could not delete this run's Redis keys: {e}")
        if self.database_created:
            try:
                self.pg.drop()
            except (SetupError, subprocess.TimeoutExpired) as e:
                log(f"could not drop database {self.pg.database}: {e}")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--drop-database":
        Postgres(sys.argv[2]).drop()
        return 0
    if len(sys.argv) != 5:
        print("usage: three-nodes.py <java> <jar> <output folder> <database name>\n"
              "       three-nodes.py --drop-database <database name>", file=sys.stderr)
        return 2
    java, jar, out_dir, database = sys.argv[1:]
    os.makedirs(out_dir, exist_ok=True)
    run = Run(out_dir, jar, java, database)

    def on_signal(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    status = 0
    try:
        run.execute()
    except SetupError as e:
        run.failures.append(f"set-up: {e}")
        log(f"SET-UP FAILED: {e}")
        status = 2
    except KeyboardInterrupt as e:
        run.failures.append(f"interrupted: {e}")
        status = 2
    except Exception as e:                    # an unexpected answer shape is a failure too, with its trace
        import traceback
        traceback.print_exc()
        run.failures.append(f"{type(e).__name__}: {e}")
        status = 1
    finally:
        run.cleanup()
    summary = {"figures": run.figures, "timings": run.timings, "failures": run.failures}
    with open(os.path.join(out_dir, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print("\n== three nodes: figures")
    for key, value in run.figures.items():
        print(f"  {key}: {value}")
    print("== timings (s)")
    for key, value in run.timings.items():
        print(f"  {key}: {value}")
    if run.failures:
        print(f"== {len(run.failures)} check(s) FAILED:")
        for failure in run.failures:
            print(f"  - {failure}")
        for node in run.nodes:
            print(f"\n== last lines of {node.log_path}")
            print(node.tail())
        return status or 1
    print("== every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
