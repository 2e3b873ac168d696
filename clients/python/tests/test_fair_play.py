"""Fair play end to end against the real server: a metric's velocity guard, a points system's earning cap,
the event answer's ``cap`` and ``flag``, the user's flag, the ``user.flagged`` webhook and clearing the flag,
answers read into dataclasses. The server runs on the real clock: the daily cap's period is the UTC day
(the application's timezone) of the event's arrival."""

from __future__ import annotations

import unittest
from datetime import timedelta, timezone

from ludus import (
    CapReached, EarningCap, Event, FlagClear, Ludus, LudusError, PointsChange, UserFlag, VelocityGuard, verify_webhook,
)

from ludus._decode import decode_object

from .harness import WebhookReceiver, admin_client, create_app, server


class FairPlayTest(unittest.TestCase):
    def setUp(self) -> None:
        self.app = create_app()
        self.admin = admin_client(self.app)
        self.client = Ludus(server().base_url, application_token=self.app.application_token())

    def tearDown(self) -> None:
        self.client.close()
        self.admin.close()

    def test_a_guard_with_hold_flags_the_user_a_daily_cap_cuts_their_points_and_the_flag_is_cleared(self) -> None:
        receiver = WebhookReceiver()
        self.addCleanup(receiver.close)
        endpoint = self.admin.webhooks.create(receiver.url, ["user.flagged"])
        lessons = self.admin.metrics.put("lessons", {"name": "Lessons",
                                                     "velocity": {"max_events": 2, "seconds": 60, "hold": True}})
        xp = self.admin.points_systems.put("xp", {"triggers": [{"type": "metric", "metric": "lessons", "points": 10}],
                                                  "caps": [{"metric": "lessons", "points": 15, "period": "day"}]})
        self.assertEqual(lessons.velocity, VelocityGuard(max_events=2, seconds=60, hold=True))
        self.assertEqual(self.client.metrics.get("lessons").velocity, lessons.velocity)
        self.assertEqual(xp.caps, [EarningCap(metric="lessons", points=15, period="day")])

        first, second, third = [self.client.events.send(Event("lessons", user_id="ada")) for _ in range(3)]

        self.assertEqual((first.points, first.flag), ([PointsChange("xp", 10, 10, False)], None))
        arrived = second.event.received_at.astimezone(timezone.utc)
        midnight = arrived.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
        self.assertEqual(second.points,
                         [PointsChange("xp", 5, 15, True, CapReached("lessons", "day", 15, 15, midnight))])
        self.assertIsNone(second.flag)
        flag = third.flag
        assert flag is not None
        self.assertIsInstance(flag, UserFlag)
        self.assertEqual((flag.reason, flag.metric, flag.events, flag.seconds, flag.hold),
                         ("velocity", "lessons", 3, 60, True))
        self.assertGreaterEqual(flag.flagged_at, first.event.received_at)
        self.assertEqual(third.points, [])  # a held event earns nothing
        self.assertEqual(third.metric.total, 3)  # its total still counts
        self.assertEqual(self.client.users.get("ada").flag, flag)
        self.assertEqual([(user.id, user.flag) for user in self.client.users.list().items], [("ada", flag)])

        delivery, _ = receiver.next(lambda message: message["type"] == "user.flagged")
        message = verify_webhook(endpoint.secret, delivery.headers, delivery.body)
        self.assertEqual(message["data"]["user_id"], "ada")
        self.assertEqual(decode_object(UserFlag, message["data"]["flag"]), flag)

        self.assertEqual(self.client.users.clear_flag("ada"), FlagClear("ada", True, flag))
        self.assertIsNone(self.client.users.get("ada").flag)
        self.assertEqual(self.client.users.clear_flag("ada"), FlagClear("ada", False, None))  # nothing changes
        with self.assertRaises(LudusError) as unknown:
            self.client.users.clear_flag("nobody")
        self.assertEqual((unknown.exception.status, unknown.exception.code), (404, "not_found"))


if __name__ == "__main__":
    unittest.main()
