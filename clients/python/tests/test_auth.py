"""The three authentication methods (and a given token) against the real server; the auth token
cache counted by a recording proxy and by the server's own request counts."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import unittest
from pathlib import Path

from ludus import ApplicationToken, ClientCredentials, EcdsaSigning, Ludus, LudusError, mint_application_token

from .harness import MovableClock, RecordingProxy, admin_client, create_app, served, server, server_metric

MINUTE = 60.0


class ClientCredentialsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.app = create_app()

    def setUp(self) -> None:
        self.proxy = RecordingProxy(server().base_url)
        self.addCleanup(self.proxy.close)

    def client(self, clock: MovableClock | None = None) -> Ludus:
        options = {"clock": clock} if clock else {}
        return Ludus(self.proxy.base_url, client_credentials=self.app.client_credentials(), **options)

    def test_authenticates_with_a_server_token(self) -> None:
        who = self.client().auth.verify()
        self.assertEqual(who.method, "auth_token")
        self.assertEqual(who.subject, self.app.client_id)
        self.assertEqual(who.scopes, ["users:read", "users:write"])

    def test_thousand_calls_make_one_auth_token_request(self) -> None:
        issued_before = served("POST", "/v1/auth_token", 200)
        ludus = self.client()
        token_ids = {ludus.auth.verify().token_id for _ in range(1000)}
        self.assertEqual(len(token_ids), 1)
        self.assertEqual(self.proxy.count("POST", "/v1/auth_token"), 1)
        self.assertEqual(self.proxy.count("GET", "/v1/auth/verify"), 1000)
        self.assertEqual(served("POST", "/v1/auth_token", 200) - issued_before, 1, "the server issued one token")

    def test_refreshes_with_29_minutes_left_not_with_31(self) -> None:
        clock = MovableClock()
        ludus = self.client(clock)
        expires_at = ludus.auth.verify().expires_at.timestamp()

        clock.now = expires_at - 31 * MINUTE
        ludus.auth.verify()
        self.assertEqual(self.proxy.count("POST", "/v1/auth_token"), 1, "31 minutes left: still cached")

        clock.now = expires_at - 29 * MINUTE
        for _ in range(20):
            ludus.auth.verify()
        # The server's clock finds 8 hours left and hands back the same token: the client asks once and
        # uses it for a minute, without asking again on every call.
        self.assertEqual(self.proxy.count("POST", "/v1/auth_token"), 2)
        clock.now += 61
        ludus.auth.verify()
        self.assertEqual(self.proxy.count("POST", "/v1/auth_token"), 3, "asked again a minute later")

    def test_threads_at_refresh_time_share_one_request(self) -> None:
        clock = MovableClock()
        ludus = self.client(clock)
        clock.now = ludus.auth.verify().expires_at.timestamp() - 29 * MINUTE
        issued_before = served("POST", "/v1/auth_token", 200)
        start = threading.Barrier(50)
        subjects: list[str] = []
        failures: list[BaseException] = []

        def call() -> None:
            start.wait()
            try:
                subjects.append(ludus.auth.verify().subject)
            except BaseException as failure:  # noqa: BLE001 - reported below
                failures.append(failure)

        threads = [threading.Thread(target=call) for _ in range(50)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)

        self.assertEqual(failures, [])
        self.assertEqual(subjects, [self.app.client_id] * 50)
        self.assertEqual(self.proxy.count("POST", "/v1/auth_token"), 2)
        self.assertEqual(served("POST", "/v1/auth_token", 200) - issued_before, 1)

    def test_revoked_token_is_dropped_and_the_call_sent_once_more(self) -> None:
        ludus = self.client()
        first = ludus.auth.verify()
        token = self.proxy.requests("GET", "/v1/auth/verify")[-1].headers["Authorization"][len("Bearer "):]
        admin_client(self.app).auth.revoke(token=token)
        refused_before = server_metric("ludus_auth_failures_total", error="token_revoked")

        again = ludus.auth.verify()

        self.assertNotEqual(again.token_id, first.token_id)
        self.assertEqual(self.proxy.count("POST", "/v1/auth_token"), 2)
        self.assertEqual(self.proxy.count("GET", "/v1/auth/verify"), 3, "first, refused, sent once more")
        self.assertEqual(server_metric("ludus_auth_failures_total", error="token_revoked") - refused_before, 1)

    def test_invalidate_token_ends_it_at_the_server(self) -> None:
        ludus = self.client()
        first = ludus.auth.verify()
        ludus.invalidate_token()
        self.assertEqual(self.proxy.count("DELETE", "/v1/auth_token"), 1)
        self.assertNotEqual(ludus.auth.verify().token_id, first.token_id)
        self.assertEqual(self.proxy.count("POST", "/v1/auth_token"), 2)

    def test_wrong_client_secret_raises_invalid_client(self) -> None:
        ludus = Ludus(server().base_url, client_credentials=ClientCredentials(self.app.client_id, "cs_wrong"))
        with self.assertRaises(LudusError) as raised:
            ludus.auth.verify()
        self.assertEqual((raised.exception.status, raised.exception.code), (401, "invalid_client"))
        self.assertNotIn("cs_wrong", repr(ludus))


class ApplicationTokenTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.app = create_app()

    def test_mints_an_hs256_token_for_every_request(self) -> None:
        ludus = Ludus(server().base_url, application_token=self.app.application_token())
        first, second = ludus.auth.verify(), ludus.auth.verify()
        self.assertEqual((first.method, first.subject), ("jwt", "server"))
        self.assertEqual(first.scopes, ["users:read", "users:write"])
        self.assertNotEqual(first.token_id, second.token_id)
        self.assertEqual((first.expires_at - first.issued_at).total_seconds(), 300)

    def test_as_user_acts_for_that_user_with_read_and_write(self) -> None:
        ludus = Ludus(server().base_url, application_token=self.app.application_token())
        who = ludus.as_user("alice").auth.verify()
        self.assertEqual((who.subject, who.scopes), ("alice", ["read", "write"]))
        with self.assertRaises(LudusError) as raised:
            ludus.as_user("alice").users.progress("bob")
        self.assertEqual((raised.exception.status, raised.exception.code), (403, "insufficient_permissions"))

    def test_tokens_carry_the_clients_clock(self) -> None:
        clock = MovableClock()
        clock.now -= 2 * 3600
        ludus = Ludus(server().base_url, application_token=self.app.application_token(), clock=clock)
        with self.assertRaises(LudusError) as raised:
            ludus.auth.verify()
        self.assertEqual(raised.exception.code, "token_expired")

    def test_minted_token_given_as_a_function_is_asked_again_after_a_revocation(self) -> None:
        asked: list[str] = []

        def token() -> str:  # dated 10 s ago: issued before the revocation whenever it is asked
            asked.append(mint_application_token(self.app.tenant_id, self.app.application_id, self.app.api_secret,
                                                subject="carol", clock=lambda: time.time() - 10))
            return asked[-1]

        ludus = Ludus(server().base_url, token=token)
        self.assertEqual(ludus.auth.verify().subject, "carol")
        admin_client(self.app).auth.revoke(subject="carol")
        with self.assertRaises(LudusError) as raised:  # every token of carol issued before now
            ludus.auth.verify()
        self.assertEqual(raised.exception.code, "token_revoked")
        self.assertEqual(len(asked), 3, "asked before the first call, and twice for the refused one")

    def test_a_fixed_token_is_not_sent_again_after_a_refusal(self) -> None:
        fixed = mint_application_token(self.app.tenant_id, self.app.application_id, "sk_not_the_secret_at_all",
                                       subject="dan")
        proxy = RecordingProxy(server().base_url)
        self.addCleanup(proxy.close)
        with self.assertRaises(LudusError) as raised:
            Ludus(proxy.base_url, token=fixed).auth.verify()
        self.assertEqual((raised.exception.status, raised.exception.code), (401, "invalid_signature"))
        self.assertEqual(proxy.count("GET", "/v1/auth/verify"), 1)


class EcdsaTest(unittest.TestCase):
    KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"

    def test_signed_requests_authenticate_and_warn_once(self) -> None:
        from ludus.ecdsa import ecdsa_address

        app = create_app()
        added = admin_client(app).application.add_ecdsa_key(ecdsa_address(self.KEY), ["users:read", "users:write"])
        self.assertIsNone(added.last_used_at)
        ludus = Ludus(server().base_url, ecdsa=EcdsaSigning(app.application_id, "0x" + self.KEY))
        with self.assertLogs("ludus", "WARNING") as logs:
            who = ludus.auth.verify()
            ludus.auth.verify()
        self.assertEqual(who.method, "ecdsa")
        self.assertEqual(who.application_id, app.application_id)
        self.assertEqual(len(logs.records), 1)
        self.assertIn("deprecated", logs.output[0])
        self.assertNotIn(self.KEY, repr(ludus) + logs.output[0])
        answer = ludus.users.put("erin", {"name": "Erin"})  # a body and a path parameter, signed
        self.assertEqual(answer.name, "Erin")
        (key,) = admin_client(app).application.list_ecdsa_keys()
        self.assertIsNotNone(key.last_used_at, "the key signed requests")

    def test_an_unregistered_key_is_refused(self) -> None:
        app = create_app()
        ludus = Ludus(server().base_url, ecdsa=EcdsaSigning(app.application_id, self.KEY))
        with self.assertLogs("ludus", "WARNING"), self.assertRaises(LudusError) as raised:
            ludus.auth.verify()
        self.assertEqual(raised.exception.status, 401)

    def test_address_of_a_known_key(self) -> None:
        from ludus.ecdsa import ecdsa_address

        self.assertEqual(ecdsa_address(1), "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf")
        self.assertEqual(ecdsa_address(self.KEY), "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23")

    def test_signs_exactly_as_the_java_sdk(self) -> None:
        from ludus.ecdsa import ecdsa_signature

        # computed by the Java SDK's EcdsaAuthentication (BouncyCastle, RFC 6979) for the same request
        java = ("0755b476fe6160bef02d96faefcf433c1e2ab59bc93ad668c3773908e786c011"
                "750f07ebbc9a10dd9a5cc779989c9fd85c1574e50d7557528c510be8b1c9b92a1b")
        self.assertEqual(ecdsa_signature(self.KEY, "PUT", "/v1/users/u%201?limit=5", "1700000000",
                                         "e8b6e2b81fdfa21cc1cb44b630c5fb84", b'{"name":"Ann"}'), java)

    def test_the_core_works_without_the_ecdsa_extra(self) -> None:
        hide = ("import sys\n"
                "for name in ('ecdsa', 'Crypto', 'Cryptodome'): sys.modules[name] = None\n"
                "import ludus\n"
                "client = ludus.Ludus('http://127.0.0.1:1', token='t')\n"
                "try:\n"
                "    ludus.Ludus('http://127.0.0.1:1', ecdsa=ludus.EcdsaSigning('app_x', '01'))\n"
                "except ImportError as e:\n"
                "    print(e)\n")
        src = str(Path(__file__).resolve().parents[1] / "src")
        result = subprocess.run([sys.executable, "-c", hide], capture_output=True, text=True, timeout=60,
                                env={"PYTHONPATH": src})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("ecdsa extra", result.stdout)


class ChoosingTest(unittest.TestCase):
    def test_exactly_one_method(self) -> None:
        with self.assertRaisesRegex(ValueError, "exactly one"):
            Ludus("http://localhost:8080")
        with self.assertRaisesRegex(ValueError, "given: client_credentials, token"):
            Ludus("http://localhost:8080", client_credentials=ClientCredentials("cid_x", "cs_y"), token="t")

    def test_secrets_stay_out_of_reprs(self) -> None:
        options = ApplicationToken("ten_x", "app_y", "sk_secret_value")
        ludus = Ludus("http://localhost:8080", application_token=options)
        self.assertNotIn("sk_secret_value", repr(options) + repr(ludus))
        self.assertNotIn("cs_secret", repr(ClientCredentials("cid", "cs_secret")))


if __name__ == "__main__":
    unittest.main()
