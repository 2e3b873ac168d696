"""Points that expire, against the real server: a points system's ``expiry`` is defined and read back as
:class:`PointsExpiry` (None without one); an ``after_days`` out of range is refused naming the member.
(The expiry itself runs on the server's clock and is not waited for here.)"""

from __future__ import annotations

import unittest

from ludus import LudusError, PointsExpiry, PointsSystem

from .harness import admin_client, create_app


class PointsExpiryTest(unittest.TestCase):
    def setUp(self) -> None:
        self.admin = admin_client(create_app())

    def tearDown(self) -> None:
        self.admin.close()

    def test_a_points_system_with_expiry_reads_it_back_and_one_without_reads_none(self) -> None:
        coins = self.admin.points_systems.put("coins", {"name": "Coins", "expiry": {"after_days": 30}})
        self.assertIsInstance(coins, PointsSystem)
        self.assertEqual(coins.expiry, PointsExpiry(after_days=30))
        self.assertEqual(self.admin.points_systems.get("coins").expiry, PointsExpiry(30))
        self.assertEqual([(p.key, p.expiry) for p in self.admin.points_systems.list_all()],
                         [("coins", PointsExpiry(30))])

        xp = self.admin.points_systems.put("xp", {"name": "XP"})
        self.assertIsNone(xp.expiry)
        self.assertIsNone(self.admin.points_systems.get("xp").expiry)

        never = self.admin.points_systems.put("coins", {"name": "Coins", "expiry": None})
        self.assertIsNone(never.expiry)

    def test_an_after_days_out_of_range_is_refused_naming_it(self) -> None:
        with self.assertRaises(LudusError) as refused:
            self.admin.points_systems.put("coins", {"name": "Coins", "expiry": {"after_days": 0}})
        self.assertEqual((refused.exception.status, refused.exception.field), (400, "expiry.after_days"))


if __name__ == "__main__":
    unittest.main()
