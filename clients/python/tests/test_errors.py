"""Refusals as typed LudusError: status, code, detail, field, the problem body and the request id;
and calls that got no answer."""

from __future__ import annotations

import pickle
import socket
import unittest

from ludus import Event, Ludus, LudusError

from .harness import app_with_rules, server


class TypedErrorTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.app, cls.admin = app_with_rules()
        cls.client = Ludus(server().base_url, application_token=cls.app.application_token())

    def test_an_unknown_metric_names_the_field(self) -> None:
        with self.assertRaises(LudusError) as raised:
            self.client.events.send(Event("no_such_metric", user_id="ann"))
        error = raised.exception
        self.assertEqual((error.status, error.code, error.field), (400, "unknown_metric", "metric"))
        self.assertIn("no_such_metric", error.detail or "")
        self.assertTrue(error.request_id)
        self.assertEqual(error.problem and error.problem["error"], "unknown_metric")
        self.assertIn("HTTP 400 unknown_metric [metric]", str(error))

    def test_a_missing_scope_is_insufficient_permissions(self) -> None:
        with self.assertRaises(LudusError) as raised:
            self.client.metrics.put("walks", {"name": "Walks"})
        error = raised.exception
        self.assertEqual((error.status, error.code), (403, "insufficient_permissions"))
        self.assertEqual(error.problem and error.problem["required_scope"], "admin")

    def test_an_unknown_user_is_not_found(self) -> None:
        with self.assertRaises(LudusError) as raised:
            self.client.users.get("nobody-here")
        self.assertEqual(raised.exception.status, 404)
        self.assertEqual(raised.exception.code, "not_found")

    def test_a_bad_value_names_the_member(self) -> None:
        with self.assertRaises(LudusError) as raised:
            self.client.events.send({"metric": "steps", "user_id": "ann", "value": "a lot"})
        self.assertEqual((raised.exception.status, raised.exception.field), (400, "value"))

    def test_an_error_survives_pickling(self) -> None:
        with self.assertRaises(LudusError) as raised:
            self.client.users.get("nobody-here")
        copy = pickle.loads(pickle.dumps(raised.exception))
        self.assertEqual((copy.status, copy.code, copy.request_id),
                         (404, raised.exception.code, raised.exception.request_id))

    def test_no_server_is_a_network_error_with_status_0(self) -> None:
        with socket.socket() as unused:
            unused.bind(("127.0.0.1", 0))
            port = unused.getsockname()[1]
        ludus = Ludus(f"http://127.0.0.1:{port}", token="t", max_retries=0)
        with self.assertRaises(LudusError) as raised:
            ludus.auth.verify()
        self.assertEqual((raised.exception.status, raised.exception.code), (0, "network_error"))

    def test_bad_arguments_are_refused_before_sending(self) -> None:
        with self.assertRaisesRegex(ValueError, "relative path"):
            self.client.users.get("..")
        with self.assertRaisesRegex(ValueError, "base_url"):
            Ludus("localhost:8080", token="t")
        with self.assertRaisesRegex(ValueError, "time zone"):
            from datetime import datetime
            self.client.events.send(Event("steps", occurred_at=datetime(2026, 1, 1)))
        with self.assertRaisesRegex(ValueError, "1 to 1000"):
            self.client.events.send_batch([])


if __name__ == "__main__":
    unittest.main()
