"""Team leaderboards end to end against the real server: definitions as rules, a period's ranking and
a team's place, answers read into dataclasses."""

from __future__ import annotations

import unittest
from decimal import Decimal
from typing import Callable

from ludus import (
    Event, Ludus, LudusError, TeamLeaderboard, TeamLeaderboardEntry, TeamLeaderboardPeriod, TeamLeaderboardPlace,
    TeamLeaderboardRanking,
)

from .harness import admin_client, create_app, server

ALL_TIME = TeamLeaderboardPeriod("all", None, None)


class TeamLeaderboardsTest(unittest.TestCase):
    def setUp(self) -> None:
        self.app = create_app()
        self.admin = admin_client(self.app)
        self.admin.metrics.put("steps", {"name": "Steps"})
        self.admin.points_systems.put("xp", {"triggers": [{"type": "metric", "metric": "steps", "points": 1,
                                                           "per": 10}]})
        self.client = Ludus(server().base_url, application_token=self.app.application_token())

    def tearDown(self) -> None:
        self.client.close()
        self.admin.close()

    def error(self, call: Callable[[], object]) -> LudusError:
        with self.assertRaises(LudusError) as caught:
            call()
        return caught.exception

    def test_a_board_by_points_ranks_the_team_of_a_member_who_sent_an_event(self) -> None:
        board = self.admin.team_leaderboards.put("xp_teams", {"name": "XP by team",
                                                              "rank_by": {"type": "points", "system": "xp"}})
        self.assertIsInstance(board, TeamLeaderboard)
        self.assertEqual((board.key, board.name, board.description, board.rank_by),
                         ("xp_teams", "XP by team", None, {"type": "points", "system": "xp"}))
        self.assertEqual((board.aggregate, board.period, board.timezone, board.week_start, board.archived_at),
                         ("sum", "all_time", "UTC", "monday", None))

        self.client.users.put("ann", {"name": "Ann"})
        self.client.teams.put("red", {"name": "Red"})
        self.client.teams.put("blue")
        self.client.teams.join("red", "ann")
        self.client.events.send(Event("steps", user_id="ann", value=100))

        ranking = self.client.team_leaderboards.ranking("xp_teams")
        self.assertIsInstance(ranking, TeamLeaderboardRanking)
        self.assertEqual(ranking.leaderboard, board)
        self.assertEqual((ranking.period, ranking.participants, ranking.has_next), (ALL_TIME, 1, False))
        self.assertEqual(ranking.entries, [TeamLeaderboardEntry(1, "red", "Red", Decimal(10), 1)])
        self.assertEqual(self.client.team_leaderboards.ranking("xp_teams", period="2026-01-15", limit=1).period.key,
                         "all")  # any date of an all-time board is its one period
        self.assertEqual([e.team_id for e in self.client.team_leaderboards.ranking_all("xp_teams")], ["red"])

        red = self.client.team_leaderboards.place("xp_teams", "red")
        self.assertEqual(red, TeamLeaderboardPlace("red", "Red", 1, Decimal(10), 1, 1, ALL_TIME))
        blue = self.error(lambda: self.client.team_leaderboards.place("xp_teams", "blue"))
        self.assertEqual((blue.status, blue.code), (404, "not_found"))
        self.assertEqual((blue.problem or {}).get("team_id"), "blue")
        self.assertEqual(self.error(lambda: self.client.team_leaderboards.ranking("nope")).status, 404)
        self.assertEqual(self.error(lambda: self.client.team_leaderboards.ranking("xp_teams", period="soon")).field,
                         "period")

    def test_get_list_archive_and_the_refused_changes(self) -> None:
        daily = self.admin.team_leaderboards.put("steps_avg", {
            "rank_by": {"type": "metric", "metric": "steps"}, "aggregate": "average", "period": "daily",
            "timezone": "Europe/Oslo", "week_start": "sunday", "description": "Average steps"})
        self.assertEqual((daily.name, daily.aggregate, daily.week_start), ("steps_avg", "average", "sunday"))
        self.assertEqual(self.client.team_leaderboards.get("steps_avg"), daily)
        definition = {"rank_by": daily.rank_by, "period": "daily", "timezone": "Europe/Oslo", "week_start": "sunday"}
        self.assertEqual(self.admin.team_leaderboards.put("steps_avg", {**definition, "aggregate": "sum"}).aggregate,
                         "sum")
        immutable = self.error(lambda: self.admin.team_leaderboards.put("steps_avg", {**definition,
                                                                                      "period": "weekly"}))
        self.assertEqual((immutable.status, immutable.code, immutable.field), (409, "leaderboard_immutable", "rank_by"))
        streak = self.error(lambda: self.admin.team_leaderboards.put("s", {"rank_by": {"type": "streak",
                                                                                         "streak": "x"}}))
        self.assertEqual((streak.status, streak.field), (400, "rank_by.type"))
        unknown = self.error(lambda: self.admin.team_leaderboards.put("s", {"rank_by": {"type": "metric",
                                                                                          "metric": "sleep"}}))
        self.assertEqual((unknown.status, unknown.code), (400, "unknown_rule"))

        self.admin.team_leaderboards.put("old", {"rank_by": {"type": "metric", "metric": "steps"}})
        self.admin.team_leaderboards.archive("old")
        self.assertIsNotNone(self.client.team_leaderboards.get("old").archived_at)
        self.assertEqual([b.key for b in self.client.team_leaderboards.list().items], ["steps_avg"])
        self.assertEqual([b.key for b in self.client.team_leaderboards.list_all(include_archived=True)],
                         ["old", "steps_avg"])
        self.assertEqual(self.client.team_leaderboards.ranking("old").participants, 0)  # archived: still readable


if __name__ == "__main__":
    unittest.main()
