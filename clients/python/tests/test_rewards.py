"""Rewards and redemptions end to end against the real server, answers read into dataclasses."""

from __future__ import annotations

import unittest
from datetime import datetime, timedelta, timezone
from typing import Callable

from ludus import Ludus, LudusError, Page, Redemption, RedemptionChange, RewardRule

from .harness import admin_client, create_app, server


class RewardsTest(unittest.TestCase):
    def setUp(self) -> None:
        self.app = create_app()
        self.admin = admin_client(self.app)
        self.admin.points_systems.put("coins", {"name": "Coins", "levels": [{"name": "Bronze", "threshold": 0},
                                                                           {"name": "Silver", "threshold": 200}]})
        self.client = Ludus(server().base_url, application_token=self.app.application_token())

    def error(self, call: Callable[[], object]) -> LudusError:
        with self.assertRaises(LudusError) as caught:
            call()
        return caught.exception

    def test_a_reward_is_a_rule_answered_in_canonical_form(self) -> None:
        until = datetime(2099, 1, 1, tzinfo=timezone.utc)
        mug = self.admin.rewards.put("mug", {"name": "Mug", "points_system": "coins", "cost": 100, "stock": 5,
                                             "per_user_limit": 2, "available_until": "2099-01-01T00:00:00Z"})
        self.assertIsInstance(mug, RewardRule)
        self.assertEqual((mug.key, mug.name, mug.points_system, mug.cost), ("mug", "Mug", "coins", 100))
        self.assertEqual((mug.stock, mug.per_user_limit, mug.redeemed, mug.remaining), (5, 2, 0, 5))
        self.assertEqual((mug.available_from, mug.available_until, mug.level_required), (None, until, None))
        self.assertEqual(self.client.rewards.get("mug"), mug)
        pen = self.admin.rewards.put("pen", {"points_system": "coins", "cost": 10, "level_required": 2})
        self.assertEqual((pen.name, pen.stock, pen.remaining, pen.level_required), ("pen", None, None, 2))
        self.assertEqual([r.key for r in self.client.rewards.list_all()], ["mug", "pen"])
        self.admin.rewards.archive("pen")
        self.assertEqual([r.key for r in self.client.rewards.list().items], ["mug"])
        self.assertIsNotNone(self.client.rewards.get("pen").archived_at)
        unknown = self.error(lambda: self.admin.rewards.put("hat", {"points_system": "gold", "cost": 5}))
        self.assertEqual((unknown.status, unknown.code), (400, "unknown_rule"))
        self.assertEqual(self.error(lambda: self.admin.rewards.put("hat", {"points_system": "coins", "cost": 0})).field,
                         "cost")

    def test_redeem_spends_the_cost_once_per_key_and_refusals_are_typed(self) -> None:
        self.admin.rewards.put("mug", {"points_system": "coins", "cost": 100, "stock": 2})
        self.admin.rewards.put("pen", {"points_system": "coins", "cost": 10, "per_user_limit": 1})
        self.admin.rewards.put("later", {"points_system": "coins", "cost": 1, "available_from":
                                         (datetime.now(timezone.utc) + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")})
        self.admin.rewards.put("vip", {"points_system": "coins", "cost": 1, "level_required": 2})
        self.client.users.adjust_points("ada", "coins", 250, "seed")

        first = self.client.users.redeem("ada", "mug", idempotency_key="redeem-ada-1")
        again = self.client.users.redeem("ada", "mug", idempotency_key="redeem-ada-1")

        self.assertIsInstance(first, RedemptionChange)
        self.assertTrue(first.redemption.id.startswith("rdm_"))
        self.assertEqual((first.redemption.user_id, first.redemption.reward, first.redemption.status),
                         ("ada", "mug", "pending"))
        self.assertEqual((first.points.system, first.points.amount, first.points.balance), ("coins", -100, 150))
        self.assertEqual([(c.previous and c.previous.name, c.current and c.current.name) for c in first.levels],
                         [("Silver", "Bronze")])
        self.assertEqual((first.remaining, first.idempotent_replayed), (1, False))
        self.assertTrue(again.idempotent_replayed)
        self.assertEqual(again.redemption, first.redemption)
        history = self.client.users.points_history("ada", "coins").items
        self.assertEqual([(e.source, e.amount, e.reference) for e in history],
                         [("reward", -100, first.redemption.id), ("adjustment", 250, None)])

        self.client.users.adjust_points("bo", "coins", 40, "seed")
        poor = self.error(lambda: self.client.users.redeem("bo", "mug"))
        self.assertEqual((poor.status, poor.code), (409, "insufficient_points"))
        self.client.users.redeem("bo", "pen")
        self.assertEqual(self.error(lambda: self.client.users.redeem("bo", "pen")).code, "limit_reached")
        self.assertEqual(self.error(lambda: self.client.users.redeem("bo", "later")).code, "reward_unavailable")
        self.assertEqual(self.error(lambda: self.client.users.redeem("bo", "vip")).code, "level_required")
        self.assertEqual(self.error(lambda: self.client.users.redeem("ada", "pen", idempotency_key="redeem-ada-1")).code,
                         "idempotency_conflict")
        self.assertEqual(self.error(lambda: self.client.users.redeem("nobody", "mug")).status, 404)
        self.client.users.redeem("ada", "mug")
        self.assertEqual(self.error(lambda: self.client.users.redeem("ada", "mug")).code, "out_of_stock")
        self.assertEqual(self.client.rewards.get("mug").remaining, 0)

    def test_redemptions_are_listed_fulfilled_and_cancelled_with_a_refund(self) -> None:
        self.admin.rewards.put("mug", {"points_system": "coins", "cost": 100, "stock": 10})
        self.client.users.adjust_points("cy", "coins", 500, "seed")
        one = self.client.users.redeem("cy", "mug").redemption
        two = self.client.users.redeem("cy", "mug").redemption

        first = self.client.users.redemptions("cy", limit=1)
        self.assertIsInstance(first, Page)
        self.assertEqual(first.items, [two])
        self.assertEqual(self.client.users.redemptions("cy", limit=1, cursor=first.next_cursor).items, [one])
        self.assertEqual(list(self.client.users.redemptions_all("cy")), [two, one])
        self.assertEqual([r.id for r in self.client.rewards.redemptions("mug").items], [two.id, one.id])

        fulfilled = self.client.rewards.fulfill(one.id)
        self.assertIsInstance(fulfilled, Redemption)
        self.assertEqual((fulfilled.id, fulfilled.status), (one.id, "fulfilled"))
        self.assertEqual(self.client.rewards.redemption(one.id), fulfilled)
        self.assertEqual(self.error(lambda: self.client.rewards.fulfill(one.id)).code, "redemption_not_pending")

        cancelled = self.client.rewards.cancel(two.id, idempotency_key="cancel-two")
        replayed = self.client.rewards.cancel(two.id, idempotency_key="cancel-two")
        self.assertEqual(cancelled.redemption.status, "cancelled")
        self.assertEqual((cancelled.points.amount, cancelled.points.balance, cancelled.remaining), (100, 400, 9))
        self.assertTrue(replayed.idempotent_replayed)
        self.assertEqual(self.error(lambda: self.client.rewards.cancel(two.id)).code, "redemption_not_pending")
        refund = self.client.users.points_history("cy", "coins", limit=1).items[0]
        self.assertEqual((refund.source, refund.reference, refund.amount), ("refund", two.id, 100))
        self.assertEqual(self.client.rewards.get("mug").redeemed, 1)

        self.assertEqual([r.id for r in self.client.users.redemptions("cy", status="cancelled").items], [two.id])
        self.assertEqual([r.id for r in self.client.rewards.redemptions_all("mug", status="fulfilled")], [one.id])
        bad = self.error(lambda: self.client.users.redemptions("cy", status="lost"))
        self.assertEqual((bad.status, bad.field), (400, "status"))
        self.assertEqual(self.error(lambda: self.client.rewards.redemption("rdm_nope")).status, 404)

    def test_a_user_redeems_for_themselves(self) -> None:
        self.admin.rewards.put("pen", {"points_system": "coins", "cost": 10})
        self.client.users.adjust_points("alice", "coins", 30, "seed")
        alice = self.client.as_user("alice")
        mine = alice.users.redeem("me", "pen")
        self.assertEqual(mine.redemption.user_id, "alice")
        self.assertEqual(alice.users.redemptions("me").items, [mine.redemption])
        self.assertEqual(self.error(lambda: alice.rewards.redemption(mine.redemption.id)).code,
                         "insufficient_permissions")


if __name__ == "__main__":
    unittest.main()
