"""Seasons and expiry notices, against the real server: a points system's ``season`` and ``expiry.notice_days``
are defined and read back (:class:`PointsSeason`, :class:`PointsExpiry`), bad ones refused naming the member;
the seasons of a system with a daily season (the current one set, none ended), a user's seasons (none), the
progress item's ``season`` and ``next_expiry``, 404 for a season no balance ended and 400 for a malformed
key; and the key of a quarterly leaderboard's period. (Seasons end on the server's clock at the end of a day,
and are not waited for here.)"""

from __future__ import annotations

import re
import unittest
from datetime import datetime, timedelta, timezone
from typing import Any

from ludus import LudusError, NextExpiry, Page, PointsExpiry, PointsSeason, Seasons, UserSeason

from .harness import admin_client, create_app


class SeasonsTest(unittest.TestCase):
    def setUp(self) -> None:
        self.admin = admin_client(create_app())
        self.admin.metrics.put("steps", {"name": "Steps"})

    def tearDown(self) -> None:
        self.admin.close()

    def test_a_notice_and_a_season_read_back_and_bad_ones_are_refused_naming_the_member(self) -> None:
        coins = self.admin.points_systems.put("coins", {"name": "Coins",
                                                        "expiry": {"after_days": 30, "notice_days": 7},
                                                        "season": {"period": "quarterly", "timezone": "Europe/Oslo",
                                                                   "week_start": "sunday"}})
        self.assertEqual(coins.expiry, PointsExpiry(after_days=30, notice_days=7))
        self.assertEqual(coins.season, PointsSeason("quarterly", "Europe/Oslo", "sunday"))
        self.assertEqual((self.admin.points_systems.get("coins").expiry, self.admin.points_systems.get("coins").season),
                         (PointsExpiry(30, 7), PointsSeason("quarterly", "Europe/Oslo", "sunday")))

        # "timezone" given: the server commit 06174df reads a season without one back as "Z", which it then
        # refuses (400 season.timezone) on every later request of the application
        defaults = self.admin.points_systems.put("coins", {"name": "Coins", "expiry": {"after_days": 30},
                                                           "season": {"period": "yearly", "timezone": "UTC"}})
        self.assertEqual(defaults.expiry, PointsExpiry(30))
        self.assertIsNone(defaults.expiry.notice_days if defaults.expiry else "no expiry")
        self.assertEqual(defaults.season, PointsSeason(period="yearly", timezone="UTC", week_start="monday"))
        self.assertIsNone(self.admin.points_systems.put("xp", {"name": "XP"}).season)
        self.assertIsNone(self.admin.points_systems.seasons("xp").current)

        refusals: list[tuple[dict[str, Any], str]] = [
            ({"expiry": {"after_days": 5, "notice_days": 6}}, "expiry.notice_days"),
            ({"season": {"period": "hourly", "timezone": "UTC"}}, "season.period")]
        for definition, field in refusals:
            with self.subTest(field=field), self.assertRaises(LudusError) as refused:
                self.admin.points_systems.put("coins", {"name": "Coins", **definition})
            self.assertEqual((refused.exception.status, refused.exception.code, refused.exception.field),
                             (400, "invalid_request", field))

    def test_a_daily_season_runs_now_and_none_has_ended(self) -> None:
        self.admin.points_systems.put("xp", {"name": "XP", "triggers": [{"type": "metric", "metric": "steps",
                                                                         "points": 1, "per": 10}],
                                             "levels": [{"name": "Walker", "threshold": 10}],
                                             "expiry": {"after_days": 30, "notice_days": 7},
                                             "season": {"period": "daily", "timezone": "UTC"}})
        self.admin.events.send_batch([{"metric": "steps", "user_id": user, "value": value}
                                      for user, value in [("ana", 200), ("bo", 50)]])

        seasons = self.admin.points_systems.seasons("xp")
        self.assertIsInstance(seasons, Seasons)
        self.assertEqual((seasons.points_system, seasons.seasons), ("xp", []))
        current = seasons.current
        assert current is not None
        now = datetime.now(timezone.utc)
        self.assertEqual(current.key, current.start.date().isoformat())  # a day of UTC
        self.assertEqual(current.end - current.start, timedelta(days=1))
        self.assertTrue(current.start - timedelta(minutes=1) <= now < current.end + timedelta(minutes=1))

        ana = next(p for p in self.admin.users.progress("ana").points if p.system == "xp")
        self.assertEqual((ana.balance, ana.season), (20, current))
        assert ana.next_expiry is not None
        self.assertIsInstance(ana.next_expiry, NextExpiry)
        self.assertEqual(ana.next_expiry.points, 20)
        self.assertEqual(ana.next_expiry.expires_at - current.start, timedelta(days=31))  # earned today, 30 days

        mine = self.admin.users.points_seasons("ana", "xp")
        self.assertEqual(mine, Page[UserSeason]([], None))
        self.assertEqual(list(self.admin.users.points_seasons_all("ana", "xp")), [])
        with self.assertRaises(LudusError) as unknown_user:
            self.admin.users.points_seasons("nobody", "xp")
        self.assertEqual((unknown_user.exception.status, unknown_user.exception.code), (404, "not_found"))

        with self.assertRaises(LudusError) as not_ended:
            self.admin.points_systems.season("xp", "2001-01", limit=10)
        self.assertEqual((not_ended.exception.status, not_ended.exception.code), (404, "not_found"))
        with self.assertRaises(LudusError) as malformed:
            self.admin.points_systems.season("xp", "last")
        self.assertEqual((malformed.exception.status, malformed.exception.field), (400, "season"))
        with self.assertRaises(LudusError) as unknown_system:
            self.admin.points_systems.seasons("gems")
        self.assertEqual(unknown_system.exception.status, 404)

    def test_a_quarterly_leaderboard_names_its_period_by_quarter(self) -> None:
        self.admin.leaderboards.put("quarter", {"name": "Quarter", "rank_by": {"type": "metric", "metric": "steps"},
                                                "period": "quarterly"})
        self.admin.events.send({"metric": "steps", "user_id": "ana", "value": 5})
        standings = self.admin.leaderboards.top("quarter")
        self.assertEqual(standings.leaderboard.period, "quarterly")
        self.assertRegex(standings.period.key, re.compile(r"^[0-9]{4}-Q[1-4]$"))
        self.assertEqual([(e.user_id, e.rank) for e in standings.entries], [("ana", 1)])


if __name__ == "__main__":
    unittest.main()
