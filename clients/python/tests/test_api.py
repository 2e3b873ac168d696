"""The application API end to end against the real server, answers read into dataclasses."""

from __future__ import annotations

import unittest
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from ludus import (
    Achievement, Event, EventAnswer, Leaderboard, Ludus, LudusError, Metric, Page, PointsSystem, Progress, Streak,
    User,
)

from .harness import app_with_rules, server


class RulesTest(unittest.TestCase):
    def setUp(self) -> None:
        self.app, self.admin = app_with_rules()

    def test_put_get_list_and_archive_a_metric(self) -> None:
        put = self.admin.metrics.put("distance", {"name": "Distance", "description": "km", "allow_negative": False})
        self.assertIsInstance(put, Metric)
        self.assertEqual((put.key, put.name, put.description), ("distance", "Distance", "km"))
        self.assertEqual(self.admin.metrics.get("distance"), put)
        page = self.admin.metrics.list(limit=1)
        self.assertIsInstance(page, Page)
        self.assertEqual(len(page.items), 1)
        self.assertTrue(page.has_next)
        self.assertEqual(sorted(m.key for m in self.admin.metrics.list_all()), ["distance", "steps"])
        self.admin.metrics.archive("distance")
        self.assertEqual([m.key for m in self.admin.metrics.list_all()], ["steps"])
        archived = [m for m in self.admin.metrics.list_all(include_archived=True) if m.key == "distance"]
        self.assertIsNotNone(archived[0].archived_at)

    def test_points_achievements_streaks_and_leaderboards_read_as_dataclasses(self) -> None:
        xp = self.admin.points_systems.get("xp")
        self.assertIsInstance(xp, PointsSystem)
        self.assertEqual([(level.name, level.threshold) for level in xp.levels], [("Walker", 100)])
        self.assertEqual(xp.triggers[0]["metric"], "steps")
        first = self.admin.achievements.get("first_steps")
        self.assertIsInstance(first, Achievement)
        self.assertEqual((first.reward and first.reward.points, first.completions), (50, 0))
        daily = self.admin.streaks.put("daily_walk", {"name": "Daily walk", "conditions": [
            {"metric": "steps", "threshold": 500}], "freezes": {"initial": 1, "max": 3}})
        self.assertIsInstance(daily, Streak)
        self.assertEqual((daily.period, daily.conditions[0]["metric"]), ("daily", "steps"))
        board = self.admin.leaderboards.put("walkers", {"name": "Walkers", "rank_by": {"type": "metric",
                                                                                          "metric": "steps"}})
        self.assertIsInstance(board, Leaderboard)
        self.assertEqual(self.admin.leaderboards.get("walkers").rank_by, {"type": "metric", "metric": "steps"})
        self.assertEqual([b.key for b in self.admin.leaderboards.list().items], ["walkers"])


class EventsAndUsersTest(unittest.TestCase):
    def setUp(self) -> None:
        self.app, self.admin = app_with_rules()
        self.admin.leaderboards.put("walkers", {"rank_by": {"type": "metric", "metric": "steps"}})
        self.admin.streaks.put("daily_walk", {"conditions": [{"metric": "steps", "threshold": 500}],
                                              "freezes": {"max": 3}})
        self.client = Ludus(server().base_url, application_token=self.app.application_token())

    def test_an_event_answers_what_changed(self) -> None:
        when = datetime.now(timezone.utc) - timedelta(minutes=5)
        answer = self.client.events.send(Event("steps", user_id="ann", value=Decimal("1200.5"), occurred_at=when,
                                               attributes={"device": "watch"}, user={"name": "Ann"}))
        self.assertIsInstance(answer, EventAnswer)
        self.assertFalse(answer.idempotent_replayed)
        self.assertEqual(answer.event.value, Decimal("1200.5"))
        self.assertLess(abs(answer.event.occurred_at - when), timedelta(milliseconds=1))
        self.assertEqual(answer.event.attributes, {"device": "watch"})
        self.assertEqual(answer.metric.total, Decimal("1200.5"))
        self.assertEqual([(p.system, p.awarded) for p in answer.points], [("xp", 170)])  # 120 + 50 for the unlock
        self.assertEqual([(u.key, u.reward and u.reward.points) for u in answer.achievements], [("first_steps", 50)])
        self.assertEqual([(level.system, level.current.name) for level in answer.levels], [("xp", "Walker")])
        self.assertEqual([(s.key, s.change, s.length) for s in answer.streaks], [("daily_walk", "extended", 1)])
        self.assertEqual([(b.key, b.rank) for b in answer.leaderboards], [("walkers", 1)])
        self.assertEqual(self.client.users.get("ann").name, "Ann")

    def test_progress_leaderboards_and_streaks_of_a_user(self) -> None:
        self.client.events.send_batch([Event("steps", user_id="ann", value=800), Event("steps", user_id="bob", value=300),
                                       Event("steps", user_id="cat", value=1500)])
        progress = self.client.users.progress("ann")
        self.assertIsInstance(progress, Progress)
        self.assertEqual(progress.metrics[0].total, Decimal(800))
        self.assertEqual(progress.points[0].balance, 80)
        self.assertEqual(progress.points[0].next_level and progress.points[0].next_level.remaining, 20)
        steps = next(a for a in progress.achievements if a.key == "first_steps")
        self.assertEqual((steps.unlocked, steps.progress and steps.progress.current), (False, Decimal(800)))
        self.assertEqual(progress.streaks[0].current, 1)

        top = self.client.leaderboards.top("walkers", limit=2)
        self.assertEqual([(e.rank, e.user_id, e.score) for e in top.entries], [(1, "cat", 1500), (2, "ann", 800)])
        self.assertEqual(top.participants, 3)
        self.assertIsNotNone(top.next_cursor)
        around = self.client.leaderboards.around("walkers", "bob", radius=1)
        self.assertEqual([e.user_id for e in around.entries], ["ann", "bob"])
        rank = self.client.leaderboards.rank("walkers", "ann")
        self.assertEqual((rank.rank, rank.score, rank.participants), (2, Decimal(800), 3))

        standing = self.client.users.streak("ann", "daily_walk")
        self.assertEqual((standing.current, standing.period_met), (1, True))
        self.assertEqual([s.key for s in self.client.users.streaks("ann")], ["daily_walk"])
        self.assertEqual([(h.result, h.length) for h in self.client.users.streak_history("ann", "daily_walk").items],
                         [("met", 1)])
        grant = self.client.users.grant_freezes("ann", "daily_walk", 2)
        self.assertEqual((grant.granted, grant.freezes, grant.idempotent_replayed), (2, 2, False))

    def test_users_points_and_completions(self) -> None:
        user = self.client.users.put("dee", {"name": "Dee", "email": "dee@example.com", "timezone": "Europe/Paris",
                                             "attributes": {"plan": "pro"}})
        self.assertIsInstance(user, User)
        self.assertEqual((user.timezone, user.attributes), ("Europe/Paris", {"plan": "pro"}))
        self.assertIn("dee", [u.id for u in self.client.users.list(limit=10).items])
        spent = self.client.users.adjust_points("dee", "xp", 30, "bonus", idempotency_key="bonus-dee")
        self.assertEqual((spent.amount, spent.balance, spent.reason), (30, 30, "bonus"))
        self.assertTrue(self.client.users.adjust_points("dee", "xp", 30, "bonus",
                                                        idempotency_key="bonus-dee").idempotent_replayed)
        self.assertEqual([(e.amount, e.source) for e in self.client.users.points_history_all("dee", "xp")],
                         [(30, "adjustment")])
        self.admin.achievements.put("helper", {"name": "Helper", "trigger": {"type": "api"}})
        completion = self.client.users.complete_achievement("dee", "helper")
        self.assertEqual((completion.already_unlocked, [u.key for u in completion.achievements]), (False, ["helper"]))
        self.client.users.delete("dee")
        with self.assertRaises(LudusError) as raised:
            self.client.users.get("dee")
        self.assertEqual(raised.exception.status, 404)

    def test_validate_records_nothing(self) -> None:
        checked = self.client.events.validate(Event("steps", user_id="eve", value=5))
        self.assertTrue(checked.valid)
        self.assertEqual((checked.user_id, checked.value), ("eve", Decimal(5)))
        with self.assertRaises(LudusError):
            self.client.users.get("eve")

    def test_a_batch_answers_one_result_per_event(self) -> None:
        results = self.client.events.send_batch([Event("steps", user_id="fay", value=10),
                                                 Event("no_such_metric", user_id="fay")])
        self.assertEqual([r.status for r in results], [201, 400])
        self.assertTrue(results[0].ok)
        self.assertEqual(results[1].error and (results[1].error.error, results[1].error.field),
                         ("unknown_metric", "events[1].metric"))


class ApplicationTest(unittest.TestCase):
    def test_settings_audit_and_secret_rotation(self) -> None:
        app, admin = app_with_rules()
        before = admin.application.get()
        self.assertEqual(before.id, app.application_id)
        changed = admin.application.update({"default_scopes": ["read"]})
        self.assertEqual(changed.default_scopes, ["read"])
        entries = admin.audit.list(limit=50).items
        self.assertIn("rule.put", [entry.action for entry in entries])
        rotation = admin.application.rotate_secret(grace_seconds=60)
        self.assertNotIn(rotation.api_secret, repr(rotation))
        fresh = Ludus(server().base_url, application_token=app.application_token())
        self.assertEqual(fresh.auth.verify().method, "jwt", "the old secret works during the grace period")
        rotated = Ludus(server().base_url, application_token=type(app.application_token())(
            app.tenant_id, app.application_id, rotation.api_secret))
        self.assertEqual(rotated.auth.verify().subject, "server")
        client_rotation = admin.application.rotate_client_secret(grace_seconds=0)
        self.assertTrue(client_rotation.client_secret.startswith("cs_"))

    def test_usage_figures_by_hour_and_week(self) -> None:
        app, admin = app_with_rules()
        writer = Ludus(server().base_url, application_token=app.application_token())
        writer.events.send_batch([Event("steps", user_id="ann", value=1200), Event("steps", user_id="bob", value=30),
                                  Event("steps", user_id="ann", value=10)])
        now = datetime.now(timezone.utc)
        hours = admin.stats.get(now - timedelta(hours=1), now + timedelta(seconds=1))
        self.assertEqual(hours.interval, "hour")
        self.assertEqual(sum(bucket.events for bucket in hours.buckets), 3)
        self.assertEqual(hours.buckets[-1].webhook_deliveries, {"delivered": 0, "retrying": 0, "given_up": 0})
        week = admin.stats.get(now, now + timedelta(seconds=1), interval="week")
        self.assertEqual(len(week.buckets), 1)
        self.assertEqual(week.from_.weekday(), 0, "weeks start on Monday")
        self.assertEqual((week.buckets[0].events, week.buckets[0].active_users), (3, 2))
        self.assertEqual(week.buckets[0].achievements_unlocked, {"first_steps": 1})
        self.assertEqual(week.buckets[0].points_awarded["xp"], 120 + 3 + 1 + 50)


if __name__ == "__main__":
    unittest.main()
