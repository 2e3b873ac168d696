"""Checked by ``mypy --strict`` (in .ci/python), never run: the answers are typed, so a wrong member is a
type error. Each ``type: ignore[...]`` below must be needed (strict mode warns about unused ones)."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal
from typing import Any

from ludus import (
    Achievement, Application, CapReached, ClientCredentials, EarningCap, Event, EventAnswer, ExportedUser, FlagClear,
    Ludus, LudusError, Metric, RecordedEvent,
    NextExpiry, Page, PointsExpiry, PointsSeason, PointsSystem, Progress, Quest, QuestChange, QuestHistoryEntry, QuestJoin,
    RedemptionChange, RewardRule, Season, SeasonEntry, Seasons, SeasonStandings,
    StatsGroup, StatsGroups, Team, TeamLeaderboard, TeamLeaderboardPlace, TeamLeaderboardRanking, TeamMembership,
    TeamQuests, UserFlag, UserQuests, UserSeason, VelocityGuard,
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
    quest: Quest = ludus.quests.put("week", {"steps": [{"metric": "steps", "total": 1000}],
                                             "window": {"type": "recurring", "period": "weekly"}})
    first_step: str = quest.steps[0]["key"]
    changes: list[QuestChange] = answer.quests
    done: int = changes[0].steps_done
    prize_points: int | None = changes[0].reward.points if changes[0].reward else None
    quest_join: QuestJoin = ludus.users.join_quest("me", "week", idempotency_key="k2")
    joined_at: datetime | None = quest_join.quest.joined_at
    join_points: int = quest_join.points[0].awarded
    completion_quests: list[QuestChange] = ludus.users.complete_achievement("me", "beta").quests
    print(join_points, completion_quests, [unlock.key for unlock in quest_join.achievements])
    standing: UserQuests = ludus.users.quests("me")
    progress_made: Decimal | None = standing.quests[0].steps[0].progress
    ended: Page[QuestHistoryEntry] = ludus.users.quest_history("me", quest="week", limit=10)
    every_window: list[str] = [entry.status for entry in ludus.users.quest_history_all("me")]
    print(first_step, done, prize_points, joined_at, progress_made, ended.next_cursor, every_window)
    print(changes[0].reward.points_system)  # type: ignore[union-attr]
    team_quest: Quest = ludus.quests.put("team_week", {"team": True, "steps": [{"metric": "steps", "total": 10000}],
                                                       "window": {"type": "recurring", "period": "weekly",
                                                                  "timezone": "Europe/Oslo"}})
    is_team: bool = team_quest.team
    paid_team: str | None = changes[0].team_id
    team_quests: TeamQuests = ludus.teams.quests("red")
    team_progress: Decimal = team_quests.quests[0].steps[0].progress
    team_completed: datetime | None = team_quests.quests[0].completed_at
    print(is_team, paid_team, team_quests.team_id, team_progress, team_completed)
    print(team_quests.quests[0].steps[0].achievement)  # type: ignore[attr-defined]  # a team step is a metric step
    ludus.users.join_quest("me", "week", "k3")  # type: ignore[misc]  # the idempotency key is keyword-only
    lessons: Metric = ludus.metrics.put("lessons", {"velocity": {"max_events": 10, "seconds": 60, "hold": True}})
    guard: VelocityGuard | None = lessons.velocity
    xp: PointsSystem = ludus.points_systems.put("xp", {"caps": [{"metric": "lessons", "points": 50, "period": "day"}]})
    caps: list[EarningCap] = xp.caps
    cap_metric: str | None = caps[0].metric
    cut: CapReached | None = answer.points[0].cap
    resets_at: datetime | None = cut.resets_at if cut else None
    event_flag: UserFlag | None = answer.flag
    user_flag: UserFlag | None = ludus.users.get("alice").flag
    listed_flags: list[UserFlag | None] = [user.flag for user in ludus.users.list(limit=10).items]
    cleared: FlagClear = ludus.users.clear_flag("alice")
    was_flagged: bool = cleared.cleared
    flagged_at: datetime | None = cleared.flag.flagged_at if cleared.flag else None
    print(guard, cap_metric, resets_at, event_flag, user_flag, listed_flags, was_flagged, flagged_at)
    print(answer.flag.metric)  # type: ignore[union-attr]  # None when the user is not flagged
    print(cut.earned)  # type: ignore[union-attr]  # None when no earning cap cut the award
    held: int = ludus.users.clear_flag("alice").flag  # type: ignore[assignment]
    print(held)
    coins: PointsSystem = ludus.points_systems.put("coins", {"expiry": {"after_days": 30}})
    expiry: PointsExpiry | None = coins.expiry
    lifetime: int | None = expiry.after_days if expiry else None
    expired: list[int] = [e.amount for e in ludus.users.points_history("alice", "coins").items if e.source == "expiry"]
    print(lifetime, expired)
    print(coins.expiry.after_days)  # type: ignore[union-attr]  # None when its points never expire
    ranked: PointsSystem = ludus.points_systems.put("ranked", {"expiry": {"after_days": 30, "notice_days": 7},
                                                               "season": {"period": "quarterly", "timezone": "UTC"}})
    notice: int | None = ranked.expiry.notice_days if ranked.expiry else None
    season_rule: PointsSeason | None = ranked.season
    season_period: str | None = season_rule.period if season_rule else None
    seasons: Seasons = ludus.points_systems.seasons("ranked")
    running: Season | None = seasons.current
    ended_keys: list[str] = [ended.key for ended in seasons.seasons]
    final: SeasonStandings = ludus.points_systems.season("ranked", "2026-Q3", limit=10)
    final_points: list[int] = [entry.points for entry in final.entries]
    every_entry: list[SeasonEntry] = list(ludus.points_systems.season_all("ranked", "2026-Q3"))
    mine: Page[UserSeason] = ludus.users.points_seasons("me", "ranked", limit=10)
    my_ends: list[datetime] = [past.season.end for past in ludus.users.points_seasons_all("me", "ranked")]
    progress_season: Season | None = progress.points[0].season
    next_expiry: NextExpiry | None = progress.points[0].next_expiry
    expiring_at: datetime | None = next_expiry.expires_at if next_expiry else None
    print(notice, season_period, running, ended_keys, final_points, every_entry, mine.next_cursor, my_ends,
          progress_season, expiring_at, final.has_next)
    print(seasons.current.key)  # type: ignore[union-attr]  # None for a system without seasons
    print(mine.items[0].points.bit_length(), mine.items[0].level.name)  # type: ignore[union-attr]  # no levels: None
    ludus.points_systems.season("ranked", 2026)  # type: ignore[arg-type]  # a season's key is text
    settings: Application = ludus.application.update({"control_group_percent": 10})
    percent: int = settings.control_group_percent
    answer_in_control: bool = answer.control_group
    user_in_control: bool = ludus.users.get("alice").control_group
    listed_in_control: list[bool] = [user.control_group for user in ludus.users.list(limit=10).items]
    groups: StatsGroups | None = ludus.stats.get(when, when, interval="day").buckets[0].groups
    control: StatsGroup | None = groups.control if groups else None
    control_points: dict[str, int] = control.points_awarded if control else {}
    print(percent, answer_in_control, user_in_control, listed_in_control, control_points)
    print(groups.game.events)  # type: ignore[union-attr]  # None from a server without control groups
    exported: list[RecordedEvent] = list(ludus.exports.events(from_=when, after="evt_x"))
    exported_value: Decimal = exported[0].value
    users: list[ExportedUser] = list(ludus.exports.users(after="alice"))
    totals: dict[str, Decimal] = users[0].metrics
    balances: dict[str, int] = users[0].points
    unlocked_at: dict[str, datetime] = users[0].achievements
    with open("events.csv", "wb") as out:
        written: int = ludus.exports.events_raw(out, to=when, format="csv")
    record: dict[str, Any] = ludus.users.export("alice")
    print(exported_value, totals, balances, unlocked_at, written, record["events"])
    ludus.exports.users_raw(io.BytesIO(), format="xlsx")  # type: ignore[arg-type]  # ndjson or csv
    ludus.exports.events(after=7)  # type: ignore[arg-type]  # an event id
    print(users[0].flag)  # type: ignore[attr-defined]  # an exported user has flagged_at
    Ludus("http://localhost:8080", client_credentials=ClientCredentials("cid_x", "cs_y")).close()
    french = Ludus("http://localhost:8080", client_credentials=ClientCredentials("cid_x", "cs_y"),
                   accept_language="fr, en;q=0.5")
    first: Achievement = french.achievements.put("first", {"name": {"en": "First", "fr": "Premier"},
                                                           "image_url": "https://img.example.com/first.png"})
    defined_name: str | dict[str, str] = first.name
    defined_description: str | dict[str, str] | None = first.description
    picture: str | None = first.image_url
    level_picture: str | None = xp.levels[0].image_url
    unlocked_name: str = answer.achievements[0].name  # one string, in the user's language
    unlocked_picture: str | None = answer.achievements[0].image_url
    achievement_text: str | None = progress.achievements[0].description
    locale: str | None = french.users.put("alice", {"locale": "fr"}).locale
    language: str = french.application.update({"default_language": "fr"}).default_language
    print(defined_name, defined_description, picture, level_picture, unlocked_name, unlocked_picture,
          achievement_text, locale, language)
    print(first.name.upper())  # type: ignore[union-attr]  # a definition's name may be texts by language
    Ludus("http://localhost:8080", token="t", accept_language=["fr"])  # type: ignore[arg-type]  # a header value
