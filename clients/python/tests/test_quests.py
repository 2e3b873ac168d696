"""Quests end to end against the real server: the rule, the event answer's ``quests``, joining, a user's
quests and history, team quests and a team's standing, answers read into dataclasses. The server runs on the real clock: daily windows are
UTC days (the application's timezone), derived from what the server recorded, and windows that ended are
made with events dated one and two days back."""

from __future__ import annotations

import time
import unittest
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Callable

from ludus import (
    Event, EventAnswer, Ludus, LudusError, Page, PointsHistoryEntry, Quest, QuestChange, QuestHistoryEntry, QuestJoin,
    QuestPrize, TeamQuest, TeamQuests, TeamQuestStep, UserQuest, UserQuests, UserQuestStep, verify_webhook,
)

from ludus._decode import decode_object

from .harness import WebhookReceiver, app_with_rules, server


def _instant(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _day(when: datetime) -> tuple[datetime, datetime]:
    """The UTC day holding ``when``: its start and end."""
    start = when.astimezone(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + timedelta(days=1)


DAILY_WALK = {"name": "Daily walk", "steps": [{"key": "walk", "metric": "steps", "total": 1000},
                                              {"key": "run", "metric": "distance_km", "total": 5}],
              "window": {"type": "recurring", "period": "daily"}, "reward": {"system": "xp", "points": 50}}

TEAM_DAY = {"name": "Team day", "team": True,
            "steps": [{"key": "walk", "metric": "steps", "total": 1000}, {"key": "run", "metric": "distance_km",
                                                                          "total": 5}],
            "window": {"type": "recurring", "period": "daily"}, "reward": {"system": "xp", "points": 30}}


class QuestsTest(unittest.TestCase):
    def setUp(self) -> None:
        # metric steps, points xp (1 per 10 steps, level Walker at 100), achievement first_steps (1,000 steps, 50 xp)
        self.app, self.admin = app_with_rules()
        self.admin.metrics.put("distance_km", {"name": "Distance"})
        self.admin.achievements.put("champion", {"trigger": {"type": "api"}})
        self.client = Ludus(server().base_url, application_token=self.app.application_token())
        self.now = datetime.now(timezone.utc).replace(microsecond=0)

    def tearDown(self) -> None:
        self.client.close()
        self.admin.close()

    def error(self, call: Callable[[], object]) -> LudusError:
        with self.assertRaises(LudusError) as caught:
            call()
        return caught.exception

    def send(self, user_id: str, metric: str, value: int | Decimal, ago: timedelta | None = None) -> EventAnswer:
        return self.client.events.send(Event(metric, user_id=user_id, value=value,
                                             occurred_at=None if ago is None else self.now - ago))

    def test_a_quest_is_a_rule_answered_in_canonical_form(self) -> None:
        starts, ends = self.now - timedelta(days=1), self.now + timedelta(days=6)
        week = self.admin.quests.put("week", {
            "name": "Week", "description": "Walk and earn the badge",
            "steps": [{"key": "walk", "metric": "steps", "total": Decimal("5000.5")}, {"achievement": "first_steps"}],
            "window": {"type": "fixed", "starts_at": _instant(starts), "ends_at": _instant(ends)},
            "reward": {"system": "xp", "points": 50, "achievement": "champion"}})
        self.assertIsInstance(week, Quest)
        self.assertEqual((week.key, week.name, week.description), ("week", "Week", "Walk and earn the badge"))
        self.assertEqual(week.steps, [{"key": "walk", "metric": "steps", "total": Decimal("5000.5")},
                                      {"key": "step_2", "achievement": "first_steps"}])
        self.assertEqual((week.order, week.enrollment), ("any", "automatic"))
        self.assertEqual(week.window, {"type": "fixed", "starts_at": _instant(starts), "ends_at": _instant(ends)})
        self.assertEqual(week.reward, {"system": "xp", "points": 50, "achievement": "champion"})
        self.assertIs(week.team, False)
        self.assertIsNone(week.archived_at)
        self.assertEqual(self.client.quests.get("week"), week)

        daily = self.admin.quests.put("daily", {"steps": [{"metric": "distance_km", "total": 2}], "order": "ordered",
                                                "enrollment": "opt_in", "window": {"type": "recurring",
                                                                                   "period": "daily"}})
        self.assertEqual((daily.name, daily.description, daily.reward), ("daily", None, None))
        self.assertEqual(daily.steps, [{"key": "step_1", "metric": "distance_km", "total": 2}])
        self.assertEqual((daily.order, daily.enrollment), ("ordered", "opt_in"))
        self.assertEqual(daily.window, {"type": "recurring", "period": "daily", "week_start": "monday"},
                         "a user quest's window has no timezone")

        self.assertEqual([quest.key for quest in self.client.quests.list_all()], ["daily", "week"])
        self.admin.quests.archive("daily")
        self.assertEqual([quest.key for quest in self.client.quests.list().items], ["week"])
        self.assertIsNotNone(self.client.quests.get("daily").archived_at)
        self.assertEqual([q.key for q in self.client.quests.list_all(include_archived=True)], ["daily", "week"])
        self.assertIsNone(self.admin.quests.put("daily", {"steps": daily.steps, "window": daily.window}).archived_at)

        unknown = self.error(lambda: self.admin.quests.put("swim", {"steps": [{"metric": "laps", "total": 1}],
                                                                    "window": daily.window}))
        self.assertEqual((unknown.status, unknown.code, unknown.field), (400, "unknown_rule", "steps"))
        refusals: list[tuple[dict[str, Any], str]] = [
            ({"steps": [], "window": daily.window}, "steps"),
            ({"steps": [{"key": "a", "metric": "steps", "total": 1}, {"key": "a", "achievement": "first_steps"}],
              "window": daily.window}, "steps[1].key"),
            ({"steps": [{"metric": "steps", "total": 0}], "window": daily.window}, "steps[0].total"),
            ({"steps": [{"metric": "steps", "total": 1}], "window": {"type": "recurring", "period": "monthly"}},
             "window.period"),
            ({"steps": [{"metric": "steps", "total": 1}], "window": {"type": "fixed", "starts_at": _instant(ends),
                                                                     "ends_at": _instant(starts)}}, "window.ends_at"),
            ({"steps": [{"metric": "steps", "total": 1}], "window": daily.window, "reward": {"system": "xp",
                                                                                         "points": 0}},
             "reward.points"),
        ]
        for definition, field in refusals:
            with self.subTest(field=field):
                refused = self.error(lambda: self.admin.quests.put("refused", definition))
                self.assertEqual((refused.status, refused.code, refused.field), (400, "invalid_request", field))

    def test_events_answer_the_steps_and_quests_they_completed_and_the_prize_is_paid(self) -> None:
        self.admin.quests.put("daily_walk", DAILY_WALK)
        prize = QuestPrize("xp", 50, None)

        some = self.send("ada", "steps", 600)
        enough = self.send("ada", "steps", 500)

        start, end = _day(enough.event.received_at)
        self.assertEqual(some.quests, [])
        self.assertEqual(enough.quests, [QuestChange("daily_walk", "Daily walk", "step_completed", "walk", 1, 2, start,
                                                     end, enough.event.received_at, None)])
        standing = self.client.users.quests("ada")
        self.assertIsInstance(standing, UserQuests)
        self.assertEqual((standing.user_id, standing.history), ("ada", []))
        self.assertEqual(standing.quests, [UserQuest(
            "daily_walk", "Daily walk", None, "automatic", "any", "active", False, None, start, end, 1, 2,
            [UserQuestStep("walk", "steps", None, Decimal(1100), Decimal(1000), True, enough.event.received_at),
             UserQuestStep("run", "distance_km", None, Decimal(0), Decimal(5), False, None)], None, prize)])

        run = self.send("ada", "distance_km", 5)

        at = run.event.received_at
        self.assertEqual(run.quests, [
            QuestChange("daily_walk", "Daily walk", "step_completed", "run", 2, 2, start, end, at, None),
            QuestChange("daily_walk", "Daily walk", "completed", None, 2, 2, start, end, at, prize)])
        self.assertEqual([(p.system, p.awarded) for p in run.points], [("xp", 50)])
        latest = self.client.users.points_history("ada", "xp", limit=1).items[0]
        self.assertEqual((latest.source, latest.reference, latest.amount), ("quest", "daily_walk", 50))
        done = self.client.users.quests("ada")
        self.assertEqual((done.quests[0].status, done.quests[0].steps_done, done.quests[0].completed_at),
                         ("completed", 2, at))
        completed = QuestHistoryEntry("daily_walk", start, end, "completed", 2, 2, at, at)
        self.assertEqual(done.history, [completed])
        self.assertEqual(self.client.users.quest_history("ada").items, [completed])
        self.assertEqual(self.send("ada", "distance_km", 5).quests, [], "a quest completes once per window")

    def test_windows_that_end_unfinished_expire_and_the_history_is_paged(self) -> None:
        self.admin.quests.put("daily_walk", DAILY_WALK)

        first = self.send("bo", "steps", 1000, timedelta(days=2))
        second = self.send("bo", "steps", 1000, timedelta(days=1))
        third = self.send("bo", "steps", 10)

        older, newer = _day(first.event.occurred_at), _day(second.event.occurred_at)
        self.assertEqual(first.quests, [QuestChange("daily_walk", "Daily walk", "step_completed", "walk", 1, 2,
                                                    *older, first.event.received_at, None)])
        self.assertEqual(second.quests, [
            QuestChange("daily_walk", "Daily walk", "expired", None, 1, 2, *older, None, None),
            QuestChange("daily_walk", "Daily walk", "step_completed", "walk", 1, 2, *newer, second.event.received_at,
                        None)])
        self.assertEqual(third.quests, [QuestChange("daily_walk", "Daily walk", "expired", None, 1, 2, *newer, None,
                                                    None)])

        expired_newer = QuestHistoryEntry("daily_walk", *newer, "expired", 1, 2, None, third.event.received_at)
        expired_older = QuestHistoryEntry("daily_walk", *older, "expired", 1, 2, None, second.event.received_at)
        page = self.client.users.quest_history("bo", limit=1)
        self.assertIsInstance(page, Page)
        self.assertEqual((page.items, page.has_next), ([expired_newer], True))
        rest = self.client.users.quest_history("bo", limit=1, cursor=page.next_cursor)
        self.assertEqual((rest.items, rest.has_next), ([expired_older], False))
        self.assertEqual(list(self.client.users.quest_history_all("bo", quest="daily_walk")),
                         [expired_newer, expired_older])
        self.assertEqual(self.client.users.quest_history("bo", quest="another").items, [])
        standing = self.client.users.quests("bo")
        self.assertEqual(standing.history, [expired_newer, expired_older])
        self.assertEqual((standing.quests[0].status, standing.quests[0].steps_done,
                          standing.quests[0].steps[0].progress), ("active", 0, Decimal(10)))
        self.assertEqual(self.error(lambda: self.client.users.quests("nobody")).code, "not_found")

    def test_an_opt_in_quest_counts_after_joining_and_held_achievements_count_at_once(self) -> None:
        starts, ends = self.now - timedelta(hours=1), self.now + timedelta(days=7)
        window = {"type": "fixed", "starts_at": _instant(starts), "ends_at": _instant(ends)}
        self.admin.quests.put("challenge", {"name": "Challenge", "enrollment": "opt_in", "window": window,
                                            "steps": [{"key": "badge", "achievement": "first_steps"},
                                                      {"key": "walk", "metric": "steps", "total": 500}],
                                            "reward": {"system": "xp", "points": 30, "achievement": "champion"}})
        self.assertEqual(self.send("dee", "steps", 1000).quests, [], "not joined: nothing counts")
        self.assertEqual([(q.key, q.status, q.joined) for q in self.client.users.quests("dee").quests],
                         [("challenge", "not_joined", False)])

        joined = self.client.users.join_quest("dee", "challenge", idempotency_key="join-dee")
        replay = self.client.users.join_quest("dee", "challenge", idempotency_key="join-dee")
        again = self.client.users.join_quest("dee", "challenge")

        self.assertIsInstance(joined, QuestJoin)
        at = joined.quest.joined_at
        assert at is not None
        self.assertEqual((joined.user_id, joined.levels, joined.idempotent_replayed), ("dee", [], False))
        self.assertEqual((joined.points, joined.achievements), ([], []), "one step of two: no prize")
        self.assertEqual(joined.changes, [QuestChange("challenge", "Challenge", "step_completed", "badge", 1, 2,
                                                      starts, ends, at, None)])
        self.assertEqual(joined.quest, UserQuest(
            "challenge", "Challenge", None, "opt_in", "any", "active", True, at, starts, ends, 1, 2,
            [UserQuestStep("badge", None, "first_steps", None, None, True, at),
             UserQuestStep("walk", "steps", None, Decimal(0), Decimal(500), False, None)],
            None, QuestPrize("xp", 30, "champion")))
        self.assertEqual((replay.idempotent_replayed, replay.quest), (True, joined.quest))
        self.assertEqual((again.idempotent_replayed, again.changes, again.quest), (False, [], joined.quest))

        walked = self.send("dee", "steps", 500)

        self.assertEqual([(c.change, c.step, c.reward) for c in walked.quests],
                         [("step_completed", "walk", None), ("completed", None, QuestPrize("xp", 30, "champion"))])
        self.assertIn("champion", [unlock.key for unlock in walked.achievements])
        self.assertEqual([(e.reference, e.amount) for e in self.client.users.points_history_all("dee", "xp")
                          if e.source == "quest"], [("challenge", 30)])
        self.assertEqual(self.client.users.quests("dee").quests[0].status, "completed")

    def test_an_api_completion_or_a_join_that_completes_a_quest_answers_it_and_its_prize(self) -> None:
        self.admin.quests.put("testers", {"name": "Testers", "steps": [{"key": "badge", "achievement": "champion"}],
                                          "window": {"type": "recurring", "period": "daily"},
                                          "reward": {"system": "xp", "points": 40}})
        self.admin.quests.put("club", {"name": "Club", "steps": [{"key": "badge", "achievement": "champion"}],
                                       "enrollment": "opt_in", "window": {"type": "recurring", "period": "daily"},
                                       "reward": {"system": "xp", "points": 15}})

        completed = self.client.users.complete_achievement("fay", "champion")
        joined = self.client.users.join_quest("fay", "club")

        at = completed.achievements[0].unlocked_at
        start, end = _day(at)
        self.assertEqual(completed.quests, [
            QuestChange("testers", "Testers", "step_completed", "badge", 1, 1, start, end, at, None),
            QuestChange("testers", "Testers", "completed", None, 1, 1, start, end, at, QuestPrize("xp", 40, None))])
        self.assertEqual([(p.system, p.awarded) for p in completed.points], [("xp", 40)])
        self.assertEqual([c.change for c in joined.changes], ["step_completed", "completed"])
        self.assertEqual([(p.system, p.awarded, p.balance) for p in joined.points], [("xp", 15, 55)])
        self.assertEqual((joined.achievements, joined.quest.status), ([], "completed"))

    def test_joining_is_refused_for_quests_that_ended_or_do_not_exist_and_a_user_joins_for_themselves(self) -> None:
        def fixed(start: timedelta, end: timedelta) -> dict[str, Any]:
            return {"steps": [{"metric": "steps", "total": 10}], "enrollment": "opt_in",
                    "window": {"type": "fixed", "starts_at": _instant(self.now + start),
                               "ends_at": _instant(self.now + end)}}

        self.admin.quests.put("spring", fixed(timedelta(days=-10), timedelta(days=-9)))
        self.admin.quests.put("summer", fixed(timedelta(days=1), timedelta(days=8)))
        erin = self.client.as_user("erin")

        ended = self.error(lambda: erin.users.join_quest("me", "spring"))
        self.assertEqual((ended.status, ended.code), (409, "quest_ended"))
        self.assertEqual(self.error(lambda: erin.users.join_quest("me", "autumn")).code, "not_found")
        summer = erin.users.join_quest("me", "summer")
        self.assertEqual((summer.user_id, summer.quest.status, summer.quest.joined, summer.changes),
                         ("erin", "upcoming", True, []))
        self.assertEqual([(q.key, q.status) for q in erin.users.quests("me").quests],
                         [("spring", "ended"), ("summer", "upcoming")])
        self.assertEqual(self.error(lambda: erin.users.join_quest("dee", "summer")).code, "insufficient_permissions")

    def test_the_quest_webhooks_carry_the_user_and_the_quest_change(self) -> None:
        receiver = WebhookReceiver()
        self.addCleanup(receiver.close)
        types = ["quest.step_completed", "quest.completed", "quest.expired"]
        endpoint = self.admin.webhooks.create(receiver.url, types)
        self.assertEqual(sorted(endpoint.event_types), sorted(types))
        self.admin.quests.put("daily_walk", DAILY_WALK)
        self.send("ada", "steps", 1000)
        answer = self.send("ada", "distance_km", 5)

        delivery, payload = receiver.next(lambda message: message["type"] == "quest.completed")

        message = verify_webhook(endpoint.secret, delivery.headers, delivery.body)
        self.assertEqual(message["data"]["user_id"], "ada")
        self.assertEqual(decode_object(QuestChange, message["data"]["quest"]), answer.quests[-1])
        self.assertEqual(answer.quests[-1].change, "completed")


    def team(self, team_id: str, *members: str) -> None:
        """A team of ``members``, who become users first (a member must be one)."""
        self.client.teams.put(team_id)
        for member in members:
            self.client.users.put(member, {"name": member})
            self.client.teams.join(team_id, member)

    def quest_prize_paid(self, user_id: str, system: str) -> PointsHistoryEntry:
        """The user's points history entry of source ``quest``, waited for (up to 10 s): a team quest's prize
        is paid just after the completing event's commit, in a write of the member's own."""
        deadline = time.monotonic() + 10
        while True:
            paid = [entry for entry in self.client.users.points_history_all(user_id, system) if entry.source == "quest"]
            if paid:
                self.assertEqual(len(paid), 1, "the prize is paid once")
                return paid[0]
            if time.monotonic() > deadline:
                self.fail(f"no quest prize in the {system} history of {user_id} after 10 s")
            time.sleep(0.02)

    def test_a_team_quest_is_answered_with_its_timezone_and_refuses_what_is_a_users_only(self) -> None:
        oslo = self.admin.quests.put("team_week", {
            "name": "Team week", "team": True, "steps": [{"key": "walk", "metric": "steps", "total": 10000}],
            "window": {"type": "recurring", "period": "weekly", "week_start": "sunday", "timezone": "Europe/Oslo"}})
        utc = self.admin.quests.put("team_day", TEAM_DAY)

        self.assertEqual((oslo.team, oslo.order, oslo.enrollment), (True, "any", "automatic"))
        self.assertEqual(oslo.window, {"type": "recurring", "period": "weekly", "week_start": "sunday",
                                       "timezone": "Europe/Oslo"})
        self.assertEqual(self.client.quests.get("team_week"), oslo)
        self.assertIs(utc.team, True)
        # a team quest's recurring window always has its timezone: UTC without one
        self.assertEqual(utc.window["timezone"], "UTC")
        self.assertEqual(self.admin.quests.put("team_day", {"steps": utc.steps, "window": utc.window, "team": True,
                                                            "name": utc.name, "reward": utc.reward}), utc)

        daily = {"type": "recurring", "period": "daily"}
        walk = [{"key": "walk", "metric": "steps", "total": 1}]
        refusals: list[tuple[dict[str, Any], str]] = [
            ({"steps": walk, "window": {**daily, "timezone": "Europe/Oslo"}}, "window.timezone"),
            ({"steps": walk, "window": {**daily, "timezone": "Mars/Olympus_Mons"}, "team": True}, "window.timezone"),
            ({"steps": [*walk, {"achievement": "first_steps"}], "window": daily, "team": True}, "steps[1].achievement"),
            ({"steps": walk, "window": daily, "order": "ordered", "team": True}, "order"),
            ({"steps": walk, "window": daily, "enrollment": "opt_in", "team": True}, "enrollment"),
        ]
        for definition, field in refusals:
            with self.subTest(field=field):
                refused = self.error(lambda: self.admin.quests.put("refused", definition))
                self.assertEqual((refused.status, refused.code, refused.field), (400, "invalid_request", field))
        self.assertEqual([quest.key for quest in self.client.quests.list_all()], ["team_day", "team_week"])

    def test_the_members_of_a_team_complete_a_team_quest_together_and_each_is_paid(self) -> None:
        receiver = WebhookReceiver()
        self.addCleanup(receiver.close)
        endpoint = self.admin.webhooks.create(receiver.url, ["quest.completed"])
        self.admin.quests.put("team_day", TEAM_DAY)
        self.team("owls", "ann", "bob")
        self.team("larks")
        prize = QuestPrize("xp", 30, None)

        before = self.client.teams.quests("owls")
        self.assertIsInstance(before, TeamQuests)
        self.assertEqual(before.team_id, "owls")
        self.assertEqual(len(before.quests), 1)
        start, end = before.quests[0].window_start, before.quests[0].window_end
        self.assertEqual(before.quests, [TeamQuest(
            "team_day", "Team day", None, "active", start, end, 0, 2,
            [TeamQuestStep("walk", "steps", Decimal(0), Decimal(1000), False),
             TeamQuestStep("run", "distance_km", Decimal(0), Decimal(5), False)], None, prize)])

        ann_walked = self.send("ann", "steps", 600)
        self.send("bob", "steps", 400)
        self.send("cat", "distance_km", 5)
        halfway = self.client.teams.quests("owls").quests[0]
        bob_ran = self.send("bob", "distance_km", 5)

        self.assertEqual(_day(ann_walked.event.received_at), (start, end), "a UTC day (run again at midnight)")
        self.assertEqual((ann_walked.quests, bob_ran.quests), ([], []), "a team quest is not in a member's answer")
        self.assertEqual((halfway.status, halfway.steps_done, [step.progress for step in halfway.steps]),
                         ("active", 1, [Decimal(1000), Decimal(0)]), "a non-member's events do not count")
        for member in ("ann", "bob"):
            with self.subTest(member=member):
                paid = self.quest_prize_paid(member, "xp")
                self.assertEqual((paid.reference, paid.amount), ("team_day", 30))

        done = self.client.teams.quests("owls").quests[0]
        assert done.completed_at is not None
        self.assertEqual(done, TeamQuest(
            "team_day", "Team day", None, "completed", start, end, 2, 2,
            [TeamQuestStep("walk", "steps", Decimal(1000), Decimal(1000), True),
             TeamQuestStep("run", "distance_km", Decimal(5), Decimal(5), True)], done.completed_at, prize))
        self.assertTrue(bob_ran.event.received_at <= done.completed_at < end)
        self.assertEqual([(q.status, q.steps_done) for q in self.client.teams.quests("larks").quests], [("active", 0)])
        self.assertEqual(list(self.client.users.points_history_all("cat", "xp")), [], "not a member: not paid")

        completed = QuestChange("team_day", "Team day", "completed", None, 2, 2, start, end, done.completed_at, prize,
                                "owls")
        paid_users = set()
        for _ in range(2):
            delivery, _payload = receiver.next(lambda message: message["type"] == "quest.completed")
            message = verify_webhook(endpoint.secret, delivery.headers, delivery.body)
            paid_users.add(message["data"]["user_id"])
            self.assertEqual(decode_object(QuestChange, message["data"]["quest"]), completed)
        self.assertEqual(paid_users, {"ann", "bob"})

        ann = self.client.users.quests("ann")
        self.assertEqual(ann.quests, [], "a user's quests do not list team quests")
        self.assertEqual([(h.quest, h.window_start, h.window_end, h.status, h.steps_done, h.steps_total, h.completed_at)
                          for h in ann.history], [("team_day", start, end, "completed", 2, 2, done.completed_at)],
                         "a member paid has the window in their history")
        refused = self.error(lambda: self.client.users.join_quest("ann", "team_day"))
        self.assertEqual((refused.status, refused.code), (409, "not_joinable"))
        self.assertEqual(self.error(lambda: self.client.teams.quests("nobody")).code, "not_found")


if __name__ == "__main__":
    unittest.main()
