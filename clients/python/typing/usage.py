"""Checked by ``mypy --strict`` (in .ci/python), never run: the answers are typed, so a wrong member is a
type error. Each ``type: ignore[...]`` below must be needed (strict mode warns about unused ones)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ludus import (
    ClientCredentials, Event, EventAnswer, Ludus, LudusError, Progress, RedemptionChange, RewardRule, Team,
    TeamLeaderboard, TeamLeaderboardPlace, TeamLeaderboardRanking, TeamMembership,
)


def typed(ludus: Ludus) -> None:
    answer: EventAnswer = ludus.events.send(Event("steps", user_id="alice", value=Decimal("1.5")))
    total: Decimal = answer.metric.total
    awarded: int = answer.points[0].awarded
    when: datetime = answer.event.occurred_at
    progress: Progress = ludus.users.progress("alice")
    balance: int = progress.points[0].balance
    print(total, awarded, when, balance)
    print(answer.points[0].awardd)  # type: ignore[attr-defined]
    name: int = ludus.metrics.get("steps").name  # type: ignore[assignment]
    print(name)
    ludus.events.send(Event("steps", value=1.5))  # type: ignore[arg-type]  # floats are not exact: Decimal
    ludus.users.adjust_points("alice", "xp", amount="10", reason="gift")  # type: ignore[arg-type]
    try:
        ludus.auth.verify()
    except LudusError as error:
        status: int = error.status
        code: str = error.code
        field: str | None = error.field
        print(status, code, field, error.detail)
    redeemed: RedemptionChange = ludus.users.redeem("me", "mug", idempotency_key="k1")
    spent: int = redeemed.points.amount
    left: int | None = redeemed.remaining
    state: str = ludus.rewards.fulfill(redeemed.redemption.id).status
    mug: RewardRule = ludus.rewards.get("mug")
    print(spent, left, state, mug.cost, redeemed.redemption.cots)  # type: ignore[attr-defined]
    team: Team = ludus.teams.put("red", {"name": "Red", "attributes": {"city": "Oslo"}})
    members: int = team.members
    joined: TeamMembership = ludus.teams.join("red", "alice")
    since: datetime = joined.joined_at
    team_ids: list[str] = [m.team_id for m in ludus.users.teams("me").items]
    limit: int = ludus.application.update({"max_teams_per_user": 3}).max_teams_per_user
    print(members, since, team_ids, limit, joined.team)  # type: ignore[attr-defined]
    board: TeamLeaderboard = ludus.team_leaderboards.put("xp_teams", {"rank_by": {"type": "points", "system": "xp"}})
    ranking: TeamLeaderboardRanking = ludus.team_leaderboards.ranking("xp_teams", period="2026-12-04", limit=10)
    leaders: list[str] = [entry.team_id for entry in ranking.entries]
    place: TeamLeaderboardPlace = ludus.team_leaderboards.place("xp_teams", "red")
    team_score: Decimal = place.score
    print(board.aggregate, leaders, team_score, place.points)  # type: ignore[attr-defined]
    Ludus("http://localhost:8080", client_credentials=ClientCredentials("cid_x", "cs_y")).close()
