"""The Standard Webhooks verifier: messages signed and sent by the real server to a local receiver
(and to the WSGI example) verify; tampered, stale, foreign or unsigned ones do not."""

from __future__ import annotations

import base64
import hashlib
import hmac
import sys
import threading
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

from ludus import Event, Ludus, WebhookVerificationError, verify_webhook

from .harness import WebhookReceiver, app_with_rules, server

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
import wsgi_webhook  # noqa: E402 - the example, from examples/

SECRET = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()


def signed(body: bytes, secret: str = SECRET, message_id: str = "msg_1", timestamp: int | None = None) -> dict[str, str]:
    timestamp = int(time.time()) if timestamp is None else timestamp
    key = base64.b64decode(secret[len("whsec_"):])
    signature = hmac.new(key, f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return {"webhook-id": message_id, "webhook-timestamp": str(timestamp),
            "webhook-signature": "v1," + base64.b64encode(signature).decode()}


class VerifierTest(unittest.TestCase):
    BODY = b'{"type":"webhook.ping","timestamp":"2026-11-22T21:37:00Z","data":{}}'

    def test_accepts_a_signed_message_and_answers_its_payload(self) -> None:
        self.assertEqual(verify_webhook(SECRET, signed(self.BODY), self.BODY)["type"], "webhook.ping")

    def test_matches_header_names_in_any_case_and_a_wsgi_environ(self) -> None:
        headers = signed(self.BODY)
        self.assertTrue(verify_webhook(SECRET, {k.title(): v for k, v in headers.items()}, self.BODY))
        environ = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()}
        self.assertTrue(verify_webhook(SECRET, environ, self.BODY.decode()))

    def test_rejects_a_tampered_body(self) -> None:
        with self.assertRaisesRegex(WebhookVerificationError, "no v1 signature"):
            verify_webhook(SECRET, signed(self.BODY), self.BODY.replace(b"ping", b"pong"))

    def test_rejects_another_secret(self) -> None:
        other = "whsec_" + base64.b64encode(b"another secret of 32 bytes......").decode()
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(other, signed(self.BODY), self.BODY)

    def test_rejects_stale_and_future_timestamps(self) -> None:
        now = int(time.time())
        with self.assertRaisesRegex(WebhookVerificationError, "too old"):
            verify_webhook(SECRET, signed(self.BODY, timestamp=now - 301), self.BODY)
        with self.assertRaisesRegex(WebhookVerificationError, "future"):
            verify_webhook(SECRET, signed(self.BODY, timestamp=now + 301), self.BODY)
        self.assertTrue(verify_webhook(SECRET, signed(self.BODY, timestamp=now - 1000), self.BODY,
                                       clock=lambda: now - 1000.0))

    def test_rejects_missing_headers_and_skips_other_versions(self) -> None:
        headers = signed(self.BODY)
        del headers["webhook-id"]
        with self.assertRaisesRegex(WebhookVerificationError, "missing header webhook-id"):
            verify_webhook(SECRET, headers, self.BODY)
        headers = signed(self.BODY)
        headers["webhook-signature"] = "v1a,abc v1,!!notbase64 " + headers["webhook-signature"]
        self.assertTrue(verify_webhook(SECRET, headers, self.BODY))
        headers["webhook-signature"] = headers["webhook-signature"].replace(" v1,", " v2,")
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(SECRET, headers, self.BODY)

    def test_refuses_a_secret_that_is_not_base64(self) -> None:
        with self.assertRaisesRegex(ValueError, "whsec_"):
            verify_webhook("whsec_***", signed(self.BODY), self.BODY)


class ServerSentWebhookTest(unittest.TestCase):
    def setUp(self) -> None:
        self.app, self.admin = app_with_rules()
        self.receiver = WebhookReceiver()
        self.addCleanup(self.receiver.close)
        self.endpoint = self.admin.webhooks.create(self.receiver.url, ["achievement.unlocked", "points.changed"],
                                                   description="tests")

    def test_a_message_from_the_server_verifies_with_the_endpoint_secret(self) -> None:
        self.assertTrue(self.endpoint.secret.startswith("whsec_"))
        self.assertNotIn(self.endpoint.secret, repr(self.endpoint))
        Ludus(server().base_url, application_token=self.app.application_token()).events.send(
            Event("steps", user_id="ann", value=1000))

        delivery, payload = self.receiver.next(lambda message: message["type"] == "achievement.unlocked")

        message = verify_webhook(self.endpoint.secret, delivery.headers, delivery.body)
        self.assertEqual(message, payload)
        self.assertEqual((message["data"]["user_id"], message["data"]["achievement"]["key"]), ("ann", "first_steps"))
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(self.endpoint.secret, delivery.headers, delivery.body + b" ")
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(SECRET, delivery.headers, delivery.body)

    def test_during_a_rotation_both_secrets_verify(self) -> None:
        rotation = self.admin.webhooks.rotate_secret(self.endpoint.id, grace_seconds=3600)
        ping = self.admin.webhooks.ping(self.endpoint.id)
        self.assertTrue(ping.succeeded)

        delivery, payload = self.receiver.next(lambda message: message["type"] == "webhook.ping")

        self.assertEqual(len(delivery.headers["webhook-signature"].split()), 2)
        self.assertEqual(verify_webhook(self.endpoint.secret, delivery.headers, delivery.body), payload)
        self.assertEqual(verify_webhook(rotation.secret, delivery.headers, delivery.body), payload)

    def test_endpoints_and_their_delivery_log(self) -> None:
        self.admin.webhooks.ping(self.endpoint.id)
        self.receiver.next(lambda message: message["type"] == "webhook.ping")
        self.assertEqual([e.id for e in self.admin.webhooks.list().items], [self.endpoint.id])
        changed = self.admin.webhooks.update(self.endpoint.id, {"event_types": ["points.changed"]})
        self.assertEqual(changed.event_types, ["points.changed"])
        deliveries = self.admin.webhooks.deliveries(self.endpoint.id).items
        self.assertEqual([(d.type, d.status, d.http_status) for d in deliveries], [("webhook.ping", "succeeded", 204)])
        self.assertEqual(self.admin.webhooks.replay(self.endpoint.id, message_id=deliveries[0].message_id), 1)
        replayed, _ = self.receiver.next(lambda message: message["type"] == "webhook.ping")
        self.assertEqual(replayed.headers["webhook-id"], deliveries[0].message_id)
        self.assertEqual(self.admin.webhooks.notices().items, [])
        self.admin.webhooks.delete(self.endpoint.id)
        self.assertEqual(self.admin.webhooks.list().items, [])


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class WsgiExampleTest(unittest.TestCase):
    def test_the_example_accepts_messages_from_the_server_once_and_refuses_forged_ones(self) -> None:
        app, admin = app_with_rules()
        handled: list[dict[str, Any]] = []
        arrived = threading.Condition()
        view: dict[str, Any] = {}

        def handle(message: dict[str, Any]) -> None:
            with arrived:
                handled.append(message)
                arrived.notify_all()

        wsgi = make_server("127.0.0.1", 0, lambda environ, start: view["app"](environ, start), handler_class=_Quiet)
        threading.Thread(target=wsgi.serve_forever, daemon=True).start()
        self.addCleanup(wsgi.server_close)
        self.addCleanup(wsgi.shutdown)
        url = f"http://127.0.0.1:{wsgi.server_port}{wsgi_webhook.PATH}"
        endpoint = admin.webhooks.create(url, ["achievement.unlocked"])
        view["app"] = wsgi_webhook.webhook_app(endpoint.secret, handle)

        admin.webhooks.ping(endpoint.id)
        Ludus(server().base_url, application_token=app.application_token()).events.send(
            Event("steps", user_id="bea", value=1500))
        with arrived:
            self.assertTrue(arrived.wait_for(lambda: len(handled) == 2, timeout=30))
        self.assertEqual(sorted(m["type"] for m in handled), ["achievement.unlocked", "webhook.ping"])

        ping = next(d for d in admin.webhooks.deliveries(endpoint.id).items if d.type == "webhook.ping")
        self.assertEqual(admin.webhooks.replay(endpoint.id, message_id=ping.message_id), 1)
        deadline = time.monotonic() + 30
        while len([d for d in admin.webhooks.deliveries(endpoint.id).items
                   if d.message_id == ping.message_id and d.http_status == 204]) < 2:
            self.assertLess(time.monotonic(), deadline, "the replay was not delivered")
            time.sleep(0.1)
        self.assertEqual(len(handled), 2, "the replayed ping was answered 204 and not handled again")

        body = b'{"type":"achievement.unlocked","timestamp":"2026-11-22T21:37:00Z","data":{}}'
        request = urllib.request.Request(url, data=body, headers=signed(body), method="POST")
        with self.assertLogs("ludus.webhooks.example", "WARNING") as logs, \
                self.assertRaises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        self.assertEqual(refused.exception.code, 400)
        self.assertEqual(logs.output, ["WARNING:ludus.webhooks.example:webhook refused: "
                                       "no v1 signature of webhook-signature matches"])
        self.assertEqual(len(handled), 2)

if __name__ == "__main__":
    unittest.main()
