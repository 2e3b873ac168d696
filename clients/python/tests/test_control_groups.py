"""Control groups end to end against the real server: the application's ``control_group_percent``, the
event answer's and the user's ``control_group``, and the stats buckets' ``groups``, answers read into
dataclasses. The server runs on the real clock: the stats are read from an hour before now to an hour
after, so that the events are in the buckets read even if an hour starts between them."""

from __future__ import annotations

import unittest
from datetime import datetime, timedelta, timezone

from ludus import Event, Ludus, LudusError, PointsChange, StatsBucket, StatsGroups

from .harness import app_with_rules, server


class ControlGroupTest(unittest.TestCase):
    def setUp(self) -> None:
        self.app, self.admin = app_with_rules()
        self.client = Ludus(server().base_url, application_token=self.app.application_token())

    def tearDown(self) -> None:
        self.client.close()
        self.admin.close()

    def buckets(self) -> list[StatsBucket]:
        now = datetime.now(timezone.utc)
        return self.admin.stats.get(now - timedelta(hours=1), now + timedelta(hours=1)).buckets

    def test_at_100_percent_every_user_is_held_out_of_the_game_and_at_0_the_next_event_plays(self) -> None:
        self.assertEqual(self.admin.application.get().control_group_percent, 0)

        self.assertEqual(self.admin.application.update({"control_group_percent": 100}).control_group_percent, 100)
        held = self.client.events.send(Event("steps", user_id="ann", value=1200))

        self.assertTrue(held.control_group)
        self.assertEqual((held.points, held.levels, held.achievements, held.streaks, held.quests, held.leaderboards),
                         ([], [], [], [], [], []))  # the control group sees no game
        self.assertEqual(held.metric.total, 1200)  # its total still counts
        self.assertTrue(self.client.users.get("ann").control_group)
        self.assertEqual([(user.id, user.control_group) for user in self.client.users.list().items], [("ann", True)])
        during = self.buckets()
        for bucket in during:
            self.assertIsInstance(bucket.groups, StatsGroups)
        self.assertEqual(sum(bucket.groups.control.events for bucket in during if bucket.groups), 1)
        self.assertEqual(sum(bucket.groups.game.events for bucket in during if bucket.groups), 0)
        self.assertEqual([bucket.groups.control.achievements_unlocked for bucket in during
                          if bucket.groups and bucket.groups.control.events], [{"first_steps": 1}])

        self.assertEqual(self.admin.application.update({"control_group_percent": 0}).control_group_percent, 0)
        played = self.client.events.send(Event("steps", user_id="ann", value=100))

        self.assertFalse(played.control_group)
        # what the control group earned was counted: 120 for the steps and 50 for first_steps
        self.assertEqual(played.points, [PointsChange("xp", 10, 180, False)])
        self.assertFalse(self.client.users.get("ann").control_group)
        after = self.buckets()
        self.assertEqual((sum(bucket.groups.game.events for bucket in after if bucket.groups),
                          sum(bucket.groups.control.events for bucket in after if bucket.groups)), (1, 1))
        with self.assertRaises(LudusError) as refused:
            self.admin.application.update({"control_group_percent": 101})
        self.assertEqual((refused.exception.status, refused.exception.field), (400, "control_group_percent"))


if __name__ == "__main__":
    unittest.main()
