"""Retries through a proxy in front of the real server that loses answers: a write goes again with
the same idempotency key and the server applies it once (answering ``idempotent_replayed``); 429
and 503 wait for ``Retry-After``; a write without a key is not sent twice."""

from __future__ import annotations

import json
import unittest
import uuid
from decimal import Decimal

from ludus import Event, Ludus, LudusError

from .harness import RecordingProxy, app_with_rules, server


class IdempotentRetryTest(unittest.TestCase):
    def setUp(self) -> None:
        self.app, self.admin = app_with_rules()
        self.proxy = RecordingProxy(server().base_url, late_seconds=2.0)
        self.addCleanup(self.proxy.close)
        self.client = Ludus(self.proxy.base_url, application_token=self.app.application_token(), timeout=1.0)

    def total_of_steps(self, user_id: str) -> Decimal:
        return next(m.total for m in self.admin.users.progress(user_id).metrics if m.key == "steps")

    def test_a_generated_key_is_reused_when_a_503_is_retried(self) -> None:
        self.proxy.fail_next("POST", "/v1/events", "503")

        answer = self.client.events.send(Event("steps", user_id="ann", value=1200))

        sent = self.proxy.requests("POST", "/v1/events")
        self.assertEqual(len(sent), 2)
        key = sent[0].headers["Idempotency-Key"]
        self.assertEqual(str(uuid.UUID(key)), key, "a UUID in canonical form")
        self.assertEqual(sent[1].headers["Idempotency-Key"], key)
        self.assertEqual(sent[1].body, sent[0].body)
        self.assertTrue(answer.idempotent_replayed)
        self.assertEqual(answer.metric.total, Decimal(1200))
        self.assertEqual(self.total_of_steps("ann"), Decimal(1200), "applied once")

    def test_a_generated_key_is_reused_when_a_timeout_is_retried(self) -> None:
        self.proxy.fail_next("POST", "/v1/events", "late")

        answer = self.client.events.send({"metric": "steps", "user_id": "ben", "value": 300})

        sent = self.proxy.requests("POST", "/v1/events")
        self.assertEqual(len(sent), 2)
        self.assertEqual(sent[1].headers["Idempotency-Key"], sent[0].headers["Idempotency-Key"])
        self.assertTrue(answer.idempotent_replayed)
        self.assertEqual(self.total_of_steps("ben"), Decimal(300))

    def test_an_explicit_key_is_the_one_sent_on_every_attempt(self) -> None:
        self.proxy.fail_next("POST", "/v1/events", "503")

        answer = self.client.events.send(Event("steps", user_id="cy", value=Decimal("2.5"), idempotency_key="order-42"))

        self.assertEqual([s.headers["Idempotency-Key"] for s in self.proxy.requests("POST", "/v1/events")],
                         ["order-42", "order-42"])
        self.assertTrue(answer.idempotent_replayed)
        self.assertEqual(answer.event.value, Decimal("2.5"))
        again = self.client.events.send(Event("steps", user_id="cy", value=Decimal("2.5")), idempotency_key="order-42")
        self.assertTrue(again.idempotent_replayed)
        self.assertEqual(self.total_of_steps("cy"), Decimal("2.5"))

    def test_a_batch_is_sent_again_with_the_keys_it_was_given(self) -> None:
        self.proxy.fail_next("POST", "/v1/events/batch", "late")

        results = self.client.events.send_batch([Event("steps", user_id="dee", value=100),
                                                 {"metric": "steps", "user_id": "dee", "value": 200}])

        sent = self.proxy.requests("POST", "/v1/events/batch")
        self.assertEqual(len(sent), 2)
        self.assertEqual(sent[1].body, sent[0].body)
        keys = [event["idempotency_key"] for event in json.loads(sent[0].body)["events"]]
        self.assertEqual(len(set(keys)), 2)
        self.assertTrue(all(result.ok and result.body and result.body.idempotent_replayed for result in results))
        self.assertEqual(self.total_of_steps("dee"), Decimal(300))

    def test_points_adjustments_and_completions_are_applied_once(self) -> None:
        self.admin.achievements.put("helper", {"name": "Helper", "trigger": {"type": "api"}})
        self.proxy.fail_next("POST", "/v1/users/eve/points/xp/adjust", "503")
        self.proxy.fail_next("POST", "/v1/users/eve/achievements/helper/complete", "late")

        adjustment = self.client.users.adjust_points("eve", "xp", 40, "welcome gift")
        completion = self.client.users.complete_achievement("eve", "helper")

        self.assertTrue(adjustment.idempotent_replayed)
        self.assertEqual(adjustment.balance, 40)
        self.assertTrue(completion.idempotent_replayed)
        history = self.admin.users.points_history("eve", "xp")
        self.assertEqual([entry.amount for entry in history.items], [40])
        self.assertEqual(len(self.proxy.requests("POST", "/v1/users/eve/achievements/helper/complete")), 2)


class StatusRetryTest(unittest.TestCase):
    def setUp(self) -> None:
        self.app, self.admin = app_with_rules()
        self.proxy = RecordingProxy(server().base_url)
        self.addCleanup(self.proxy.close)

    def client(self, **options: object) -> Ludus:
        return Ludus(self.proxy.base_url, application_token=self.app.application_token(scopes=["admin"]),
                     **options)  # type: ignore[arg-type]

    @staticmethod
    def refusal(status: int, retry_after: str) -> object:
        body = json.dumps({"type": "https://ludus.dev/problems/rate-limited", "title": "Too many requests",
                           "status": status, "detail": "slow down", "error": "rate_limited"}).encode()
        return lambda: (status, {"Content-Type": "application/problem+json", "Retry-After": retry_after,
                                 "X-Request-Id": "req-1"}, body)

    def test_a_429_is_retried_after_its_retry_after(self) -> None:
        self.proxy.fail_next("GET", "/v1/metrics/steps", self.refusal(429, "1"))
        metric = self.client().metrics.get("steps")
        self.assertEqual(metric.name, "Steps")
        self.assertEqual(self.proxy.count("GET", "/v1/metrics/steps"), 2)

    def test_a_retry_after_longer_than_allowed_is_raised_at_once(self) -> None:
        self.proxy.fail_next("GET", "/v1/metrics/steps", self.refusal(429, "120"))
        with self.assertRaises(LudusError) as raised:
            self.client(max_retry_delay=5).metrics.get("steps")
        error = raised.exception
        self.assertEqual((error.status, error.code, error.retry_after, error.request_id),
                         (429, "rate_limited", 120.0, "req-1"))
        self.assertEqual(self.proxy.count("GET", "/v1/metrics/steps"), 1)

    def test_retries_stop_after_max_retries(self) -> None:
        self.proxy.fail_next("GET", "/v1/metrics/steps", self.refusal(503, "0"))
        with self.assertRaises(LudusError) as raised:
            self.client(max_retries=0).metrics.get("steps")
        self.assertEqual(raised.exception.status, 503)
        self.assertEqual(self.proxy.count("GET", "/v1/metrics/steps"), 1)

    def test_a_call_without_an_idempotency_key_is_not_sent_again_after_a_timeout(self) -> None:
        proxy = RecordingProxy(server().base_url, late_seconds=2.0)
        self.addCleanup(proxy.close)
        proxy.fail_next("PUT", "/v1/metrics/walks", "late")
        client = Ludus(proxy.base_url, application_token=self.app.application_token(scopes=["admin"]), timeout=1.0)
        with self.assertRaises(LudusError) as raised:
            client.metrics.put("walks", {"name": "Walks"})
        self.assertEqual((raised.exception.status, raised.exception.code), (0, "timeout"))
        self.assertEqual(proxy.count("PUT", "/v1/metrics/walks"), 1)


if __name__ == "__main__":
    unittest.main()
