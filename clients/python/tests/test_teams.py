"""Teams and memberships end to end against the real server, answers read into dataclasses."""

from __future__ import annotations

import unittest
from typing import Callable

from ludus import Ludus, LudusError, Team, TeamMembership

from .harness import admin_client, create_app, server


class TeamsTest(unittest.TestCase):
    def setUp(self) -> None:
        self.app = create_app()
        self.admin = admin_client(self.app)
        self.client = Ludus(server().base_url, application_token=self.app.application_token())
        for user in ("ann", "bob"):
            self.client.users.put(user, {"name": user})

    def tearDown(self) -> None:
        self.client.close()
        self.admin.close()

    def error(self, call: Callable[[], object]) -> LudusError:
        with self.assertRaises(LudusError) as caught:
            call()
        return caught.exception

    def test_put_join_twice_list_members_and_a_users_teams_leave_delete(self) -> None:
        red = self.client.teams.put("red", {"name": "Red", "attributes": {"city": "Oslo"}})
        self.assertIsInstance(red, Team)
        self.assertEqual((red.id, red.name, red.attributes, red.members), ("red", "Red", {"city": "Oslo"}, 0))
        blue = self.client.teams.put("blue")
        self.assertEqual((blue.name, blue.attributes), ("blue", {}))
        renamed = self.client.teams.put("red", {"name": "Reds", "attributes": {"city": "Oslo"}})
        self.assertEqual((renamed.name, renamed.created_at), ("Reds", red.created_at))

        joined = self.client.teams.join("red", "ann")
        again = self.client.teams.join("red", "ann")
        self.assertIsInstance(joined, TeamMembership)
        self.assertEqual((joined.team_id, joined.user_id), ("red", "ann"))
        self.assertEqual(again, joined)  # already a member: the membership as it was, joined_at unchanged
        self.client.teams.join("red", "bob")
        self.client.teams.join("blue", "ann")

        self.assertEqual(self.client.teams.get("red").members, 2)
        self.assertEqual([m.user_id for m in self.client.teams.members("red").items], ["ann", "bob"])
        first = self.client.teams.members("red", limit=1)
        self.assertEqual(([m.user_id for m in first.items], first.has_next), (["ann"], True))
        self.assertEqual([m.user_id for m in self.client.teams.members_all("red")], ["ann", "bob"])
        self.assertEqual([m.team_id for m in self.client.users.teams("ann").items], ["blue", "red"])
        self.assertEqual([m.team_id for m in self.client.as_user("ann").users.teams_all("me")], ["blue", "red"])
        self.assertEqual([t.id for t in self.client.teams.list().items], ["blue", "red"])
        self.assertEqual([t.id for t in self.client.teams.list_all()], ["blue", "red"])

        self.client.teams.leave("red", "ann")
        self.assertEqual([m.team_id for m in self.client.users.teams("ann").items], ["blue"])
        gone = self.error(lambda: self.client.teams.leave("red", "ann"))
        self.assertEqual((gone.status, gone.code), (404, "not_found"))

        self.client.teams.delete("red")
        missing = self.error(lambda: self.client.teams.get("red"))
        self.assertEqual((missing.status, missing.code), (404, "not_found"))
        self.assertEqual(self.client.users.teams("bob").items, [])
        self.assertEqual(self.client.users.get("bob").id, "bob")  # members stay users
        self.assertEqual(self.error(lambda: self.client.teams.delete("red")).status, 404)

    def test_refusals_unknown_team_or_user_bad_id_missing_scope(self) -> None:
        self.client.teams.put("green")
        self.assertEqual(self.error(lambda: self.client.teams.join("nope", "ann")).code, "not_found")
        self.assertEqual(self.error(lambda: self.client.teams.join("green", "nobody")).code, "not_found")
        self.assertEqual(self.error(lambda: self.client.teams.members("nope")).status, 404)
        bad = self.error(lambda: self.client.teams.put("x" * 256))
        self.assertEqual((bad.status, bad.field), (400, "id"))
        forbidden = self.error(lambda: self.client.as_user("ann").teams.join("green", "me"))
        self.assertEqual((forbidden.status, forbidden.code), (403, "insufficient_permissions"))

    def test_team_limit_reached_after_max_teams_per_user_is_patched_to_1(self) -> None:
        self.assertEqual(self.admin.application.get().max_teams_per_user, 10)
        self.assertEqual(self.admin.application.update({"max_teams_per_user": 1}).max_teams_per_user, 1)
        self.client.teams.put("one")
        self.client.teams.put("two")
        self.client.teams.join("one", "ann")

        refused = self.error(lambda: self.client.teams.join("two", "ann"))

        self.assertEqual((refused.status, refused.code, refused.field), (409, "team_limit_reached", "user_id"))
        self.assertEqual(self.client.teams.join("one", "ann").team_id, "one")  # a team held is no new one
        self.assertEqual([m.team_id for m in self.client.users.teams("ann").items], ["one"])
        self.assertEqual(self.error(lambda: self.admin.application.update({"max_teams_per_user": 0})).field,
                         "max_teams_per_user")


if __name__ == "__main__":
    unittest.main()
