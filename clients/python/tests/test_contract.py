"""The answer dataclasses against the server's contract (openapi.yaml): every member a dataclass
has is in its schema, and every member the schema requires is in the dataclass. Reading the YAML
needs PyYAML (Debian's python3-yaml): skipped without it, unless CI=true."""

from __future__ import annotations

import dataclasses
import os
import unittest
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

import ludus
from ludus._decode import decode_object, member, parse_instant

from .harness import ROOT

try:
    import yaml
except ImportError:  # pragma: no cover - the CI installs it
    yaml = None

SCHEMAS: dict[str, list[str]] = {
    # dataclass: [the schema it reads, other schemas of the same thing whose members it also holds]
    "Verification": ["Verification"], "Revocation": ["Revocation"], "Application": ["Application"],
    "Rotation": ["Rotation"], "ClientSecretRotation": ["ClientSecretRotation"], "EcdsaKey": ["EcdsaKey"],
    "Metric": ["Metric"], "Level": ["Level"], "Reward": ["Reward"], "PointsSystem": ["PointsSystem"],
    "Achievement": ["Achievement", "AchievementListItem", "AchievementPut"], "Streak": ["StreakRule"],
    "Leaderboard": ["Leaderboard", "LeaderboardPut"], "LeaderboardPeriod": ["LeaderboardPeriod"],
    "LeaderboardEntry": ["LeaderboardEntry"], "LeaderboardStandings": ["LeaderboardRanking"],
    "LeaderboardRank": ["LeaderboardUser"], "RecordedEvent": ["Event"], "MetricTotal": ["MetricTotal"],
    "PointsChange": ["PointsChange"], "LevelReached": ["LevelReached"], "LevelChange": ["LevelChange"],
    "Unlock": ["Unlock"], "StreakChange": ["StreakChange"], "LeaderboardChange": ["LeaderboardChange"],
    "EventAnswer": ["EventAnswer"], "BatchResult": ["EventBatchResult"], "ValidatedEvent": ["ValidatedEvent"],
    "User": ["User", "UserList.items"], "MetricProgress": ["MetricProgress"], "NextLevel": ["NextLevel"],
    "PointsProgress": ["PointsProgress"], "Target": ["AchievementProgress.progress"],
    "AchievementProgress": ["AchievementProgress"], "ConditionProgress": ["StreakConditionProgress"],
    "StreakStanding": ["StreakProgress"], "Progress": ["Progress"], "PointsAdjustment": ["PointsAdjustmentAnswer"],
    "PointsHistoryEntry": ["PointsHistoryEntry"], "Completion": ["CompletionAnswer"],
    "StreakHistoryEntry": ["StreakPeriod"], "FreezeGrant": ["FreezeAnswer"], "WebhookEndpoint": ["WebhookEndpoint"],
    "NewWebhookEndpoint": ["WebhookEndpointCreated"], "WebhookSecretRotation": ["WebhookSecretRotation"],
    "WebhookDelivery": ["WebhookAttempt"], "WebhookPing": ["WebhookPingAnswer"], "WebhookNotice": ["WebhookNotice"],
    "AuditEntry": ["AuditEntry"], "StatsSeries": ["StatsSeries"], "StatsBucket": ["StatsBucket"],
    "Problem": ["Problem"], "RewardRule": ["RewardRule"], "Redemption": ["Redemption"],
    "RedemptionPoints": ["RedemptionPoints"], "RedemptionChange": ["RedeemAnswer", "CancelAnswer"],
    "Team": ["Team"], "TeamMembership": ["TeamMembership"], "TeamLeaderboard": ["TeamLeaderboardRule"],
    "TeamLeaderboardPeriod": ["TeamLeaderboardPeriod"], "TeamLeaderboardEntry": ["TeamLeaderboardEntry"],
    "TeamLeaderboardRanking": ["TeamLeaderboardRanking"], "TeamLeaderboardPlace": ["TeamLeaderboardPlace"],
    "Quest": ["QuestRule"], "QuestPrize": ["QuestPrize"], "QuestChange": ["QuestChange"],
    "UserQuestStep": ["UserQuestStep"], "UserQuest": ["UserQuest"], "QuestHistoryEntry": ["QuestHistoryEntry"],
    "UserQuests": ["UserQuestList"], "QuestJoin": ["QuestJoinAnswer"],
    "TeamQuestStep": ["TeamQuestStep"], "TeamQuest": ["TeamQuest"], "TeamQuests": ["TeamQuestList"],
    "VelocityGuard": ["VelocityGuard"], "EarningCap": ["EarningCap"], "PointsExpiry": ["PointsExpiry"], "CapReached": ["CapReached"],
    "UserFlag": ["UserFlag"], "FlagClear": ["FlagClearAnswer"],
    "StatsGroups": ["StatsBucket.groups"], "StatsGroup": ["StatsGroup"],
    "PointsSeason": ["PointsSeason"], "NextExpiry": ["PointsProgress.next_expiry"], "Season": ["Season"],
    "EndedSeason": ["SeasonList.seasons"], "Seasons": ["SeasonList"], "SeasonEntry": ["SeasonStandings.entries"],
    "SeasonStandings": ["SeasonStandings"], "UserSeason": ["UserSeasonList.items"],
}

EXPORT_LINES: dict[str, tuple[str, set[str], set[str]]] = {
    # a line of an NDJSON export, which openapi.yaml describes in prose (the body is text): the schema it
    # is built from, the members it leaves out, the members it adds (the export's profile members are
    # listed in openapi.yaml's GET /v1/export/users: no locale)
    "ExportedUser": ("User", {"flag"}, {"flagged_at", "metrics", "points", "achievements"}),
}


@unittest.skipIf(yaml is None and os.environ.get("CI") != "true", "needs PyYAML (python3-yaml) to read openapi.yaml")
class ContractTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        if yaml is None:
            raise AssertionError("CI=true: install PyYAML (python3-yaml)")
        with open(ROOT / "server" / "src" / "main" / "resources" / "openapi.yaml", encoding="utf-8") as contract:
            cls.schemas = yaml.safe_load(contract)["components"]["schemas"]

    def members(self, name: str) -> tuple[set[str], set[str]]:
        """(every member, the required ones) of a schema, through ``allOf`` and ``$ref``;
        ``Schema.member`` names the object schema of one member (``items`` of an array, the object of a
        ``oneOf`` with null)."""
        schema, _, member = name.partition(".")
        node: dict[str, Any] = self.schemas[schema]
        if member:
            node = self.resolve(node)["properties"][member]
            node = node.get("items", node)
            objects = [option for option in node.get("oneOf", []) if option.get("type") != "null"]
            node = objects[0] if len(objects) == 1 else node
        return self.walk(node)

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        merged: dict[str, Any] = {"properties": {}, "required": []}
        for part in [node, *node.get("allOf", [])]:
            part = self.schemas[part["$ref"].split("/")[-1]] if "$ref" in part else part
            if part is not node and ("allOf" in part or "$ref" in part):
                part = self.resolve(part)
            merged["properties"].update(part.get("properties", {}))
            merged["required"] += part.get("required", [])
        return merged

    def walk(self, node: dict[str, Any]) -> tuple[set[str], set[str]]:
        resolved = self.resolve(node)
        return set(resolved["properties"]), set(resolved["required"])

    def test_every_answer_dataclass_matches_its_schemas(self) -> None:
        for class_name, schema_names in SCHEMAS.items():
            with self.subTest(dataclass=class_name):
                fields = {member(f.name) for f in dataclasses.fields(getattr(ludus, class_name))}
                everything: set[str] = set()
                for schema_name in schema_names:
                    everything |= self.members(schema_name)[0]
                required = self.members(schema_names[0])[1]
                self.assertEqual(fields - everything, set(), f"members of {class_name} the contract does not have")
                self.assertEqual(required - fields, set(), f"members of {schema_names[0]} {class_name} lacks")

    def test_every_export_line_dataclass_is_its_schema_changed_as_the_contract_says(self) -> None:
        for class_name, (schema_name, left_out, added) in EXPORT_LINES.items():
            with self.subTest(dataclass=class_name):
                fields = {member(f.name) for f in dataclasses.fields(getattr(ludus, class_name))}
                self.assertEqual(fields, (self.members(schema_name)[0] - left_out) | added)

    def test_every_answer_dataclass_is_checked(self) -> None:
        answers = {name for name in ludus.models.__all__ if name not in ("Event", "Page")}
        self.assertEqual(answers - set(SCHEMAS) - set(EXPORT_LINES), set())


class DecodingTest(unittest.TestCase):
    def test_instants_with_any_number_of_fraction_digits(self) -> None:
        self.assertEqual(parse_instant("2026-11-22T21:37:00Z"), datetime(2026, 11, 22, 21, 37, tzinfo=timezone.utc))
        self.assertEqual(parse_instant("2026-11-22T21:37:00.123456789Z").microsecond, 123456)
        self.assertEqual(parse_instant("2026-11-22T22:37:00.5+01:00"),
                         datetime(2026, 11, 22, 21, 37, 0, 500000, tzinfo=timezone.utc))
        with self.assertRaises(ValueError):
            parse_instant("22/11/2026")

    def test_nested_answers_decimals_dates_and_unknown_members(self) -> None:
        entry = decode_object(ludus.StreakHistoryEntry, {
            "period_start": "2026-11-22T00:00:00Z", "period_end": "2026-11-23T00:00:00Z", "first_day": "2026-11-22",
            "timezone": "UTC", "result": "met", "length": 3, "recorded_at": "2026-11-23T00:00:01Z",
            "a_member_from_a_newer_server": True})
        self.assertEqual((entry.first_day, entry.length), (date(2026, 11, 22), 3))
        total = decode_object(ludus.MetricTotal, {"key": "steps", "total": 12.5})
        self.assertEqual(total.total, Decimal("12.5"))
        rank = decode_object(ludus.LeaderboardChange, {"key": "b", "period": "all", "score": 3, "rank": 1})
        self.assertEqual((rank.score, rank.previous_rank), (Decimal(3), None))


if __name__ == "__main__":
    unittest.main()
