"""The calls of the application API, one class per resource; each answers the dataclasses of
:mod:`ludus.models`. Built by :class:`ludus.Ludus`; not meant to be built by hand."""

from __future__ import annotations

import builtins
import uuid
from datetime import datetime
from typing import Any, Callable, Generic, Iterator, Literal, Mapping, Protocol, Sequence, TypeVar

from ._decode import decode, decode_object
from ._transport import Authentication, Body, Transport, loads, segment
from .models import (
    Achievement, Application, AuditEntry, BatchResult, ClientSecretRotation, Completion, EcdsaKey, Event,
    EventAnswer, ExportedUser, FlagClear, FreezeGrant, Leaderboard, LeaderboardRank, LeaderboardStandings, Metric,
    NewWebhookEndpoint, Page,
    PointsAdjustment, PointsHistoryEntry, PointsSystem, Progress, Quest, QuestHistoryEntry, QuestJoin,
    RecordedEvent, Redemption, RedemptionChange, Revocation, SeasonEntry, Seasons, SeasonStandings, UserQuests,
    UserSeason,
    RewardRule, Rotation, Streak, StreakHistoryEntry, StreakStanding, Team, TeamLeaderboard, TeamLeaderboardEntry,
    TeamLeaderboardPlace, TeamLeaderboardRanking, TeamMembership, TeamQuests,
    User, ValidatedEvent, Verification, WebhookDelivery, WebhookEndpoint, WebhookNotice,
    WebhookPing, WebhookSecretRotation, StatsSeries,
)

R = TypeVar("R")
I = TypeVar("I")
#: The most items a list call asks for per page when it walks every page.
PAGE_LIMIT = 100
#: The most events one batch may hold.
MAX_BATCH = 1000


def new_idempotency_key() -> str:
    """A new idempotency key: a random UUID."""
    return str(uuid.uuid4())


class _Calls:
    """What every resource needs: the transport and the authentication of its client."""

    def __init__(self, transport: Transport, auth: Authentication) -> None:
        self._transport = transport
        self._auth = auth

    def _call(self, method: str, path: str, **spec: Any) -> Any:
        return self._transport.call(self._auth, method, path, **spec)

    def _one(self, cls: type[R], method: str, path: str, **spec: Any) -> R:
        return decode_object(cls, self._call(method, path, **spec))

    def _page(self, item: type[I], path: str, query: Mapping[str, Any]) -> Page[I]:
        answer = self._call("GET", path, query=query)
        return Page([decode(item, element) for element in answer["items"]], answer.get("next_cursor"))


def _every(fetch_page: Callable[[str | None], Page[I]]) -> Iterator[I]:
    """Follows ``next_cursor`` from the first page to the last, one page at a time."""
    cursor: str | None = None
    while True:
        page = fetch_page(cursor)
        yield from page.items
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


class RulesApi(_Calls, Generic[R]):
    """put, get, list and archive of one kind of rule (``/v1/metrics``, ``/v1/points``, ...)."""

    def __init__(self, transport: Transport, auth: Authentication, collection: str, rule: type[R]) -> None:
        super().__init__(transport, auth)
        self._collection = collection
        self._rule = rule

    def put(self, key: str, definition: Mapping[str, Any]) -> R:
        """Defines, replaces (the whole definition) or restores the rule. Scope ``admin``. ``name`` and
        ``description`` are a string or a dict of texts by BCP 47 language tag; achievements, rewards,
        quests and the levels of a points system take an ``image_url`` (https)."""
        return self._one(self._rule, "PUT", self._path(key), body=definition)

    def get(self, key: str) -> R:
        return self._one(self._rule, "GET", self._path(key))

    def list(self, *, limit: int = 50, cursor: str | None = None, include_archived: bool = False) -> Page[R]:
        return self._page(self._rule, self._collection, {"limit": limit, "cursor": cursor,
                                                         "include_archived": include_archived or None})

    def list_all(self, *, include_archived: bool = False) -> Iterator[R]:
        """Every rule, page after page."""
        return _every(lambda cursor: self.list(limit=PAGE_LIMIT, cursor=cursor, include_archived=include_archived))

    def archive(self, key: str) -> None:
        """Archives the rule (``put`` restores it). Scope ``admin``."""
        self._call("DELETE", self._path(key))

    def _path(self, key: str) -> str:
        return f"{self._collection}/{segment(key, 'key')}"


class LeaderboardsApi(RulesApi[Leaderboard]):
    """``/v1/leaderboards``: define, list and archive boards; read their top, a user's window and rank."""

    def __init__(self, transport: Transport, auth: Authentication) -> None:
        super().__init__(transport, auth, "/v1/leaderboards", Leaderboard)

    def get(self, key: str) -> Leaderboard:
        """The board's definition (read from its current standings)."""
        return self.top(key, limit=1).leaderboard

    def top(self, key: str, *, period: str | None = None, limit: int | None = None,
            cursor: str | None = None) -> LeaderboardStandings:
        """The ranking of a period (a day such as ``2026-11-22`` in it; default the current one), from the top."""
        return self._one(LeaderboardStandings, "GET", self._path(key),
                         query={"period": period, "limit": limit, "cursor": cursor})

    def around(self, key: str, user_id: str, *, radius: int | None = None,
               period: str | None = None) -> LeaderboardStandings:
        """The users ranked ``radius`` above and below ``user_id``."""
        return self._one(LeaderboardStandings, "GET", self._path(key),
                         query={"around": user_id, "radius": radius, "period": period})

    def rank(self, key: str, user_id: str, *, period: str | None = None) -> LeaderboardRank:
        return self._one(LeaderboardRank, "GET", f"{self._path(key)}/users/{segment(user_id, 'user_id')}",
                         query={"period": period})


class PointsSystemsApi(RulesApi[PointsSystem]):
    """``/v1/points``: put, get, list and archive as for every rule (scope ``admin`` to change), and the
    seasons of a system with a ``season`` (scope ``read``). A user's seasons are
    :meth:`UsersApi.points_seasons`."""

    def __init__(self, transport: Transport, auth: Authentication) -> None:
        super().__init__(transport, auth, "/v1/points", PointsSystem)

    def seasons(self, key: str) -> Seasons:
        """The season running now (None for a system without seasons, or archived) and the seasons that
        ended with at least one non-zero balance, newest first, each with its ``participants``. 404
        ``not_found`` for a system never defined (an archived one is found)."""
        return self._one(Seasons, "GET", f"{self._path(key)}/seasons")

    def season(self, key: str, season: str, *, limit: int | None = None,
               cursor: str | None = None) -> SeasonStandings:
        """A page of a season's final standings (``season``: its key, such as ``2027``, ``2027-Q1``,
        ``2027-03`` or ``2027-03-01``): the users whose balance was not zero at its end, highest first,
        equal points sharing a rank, with their level then; ``limit`` 1 to 100 (default 50). 404
        ``not_found`` when no balance ended that season; 400 naming ``season`` for a malformed key."""
        return self._one(SeasonStandings, "GET", f"{self._path(key)}/seasons/{segment(season, 'season')}",
                         query={"limit": limit, "cursor": cursor})

    def season_all(self, key: str, season: str) -> Iterator[SeasonEntry]:
        """Every entry of a season's final standings, in rank order, page after page."""
        def page(cursor: str | None) -> Page[SeasonEntry]:
            standings = self.season(key, season, limit=PAGE_LIMIT, cursor=cursor)
            return Page(standings.entries, standings.next_cursor)
        return _every(page)


class RewardsApi(RulesApi[RewardRule]):
    """``/v1/rewards``: the rewards catalog (put, get, list and archive as for every rule), a reward's
    redemptions, and ``/v1/redemptions/{id}``: read, fulfill or cancel one. Redeeming is
    :meth:`UsersApi.redeem`."""

    def __init__(self, transport: Transport, auth: Authentication) -> None:
        super().__init__(transport, auth, "/v1/rewards", RewardRule)

    def redemptions(self, key: str, *, limit: int = 50, cursor: str | None = None,
                    status: str | None = None) -> Page[Redemption]:
        """Every user's redemptions of the reward, newest first; ``status``: only ``pending``,
        ``fulfilled`` or ``cancelled`` ones. Scope ``users:read``."""
        return self._page(Redemption, f"{self._path(key)}/redemptions",
                          {"limit": limit, "cursor": cursor, "status": status})

    def redemptions_all(self, key: str, *, status: str | None = None) -> Iterator[Redemption]:
        return _every(lambda cursor: self.redemptions(key, limit=PAGE_LIMIT, cursor=cursor, status=status))

    def redemption(self, redemption_id: str) -> Redemption:
        """Any user's redemption. Scope ``users:read``."""
        return self._one(Redemption, "GET", _redemption(redemption_id))

    def fulfill(self, redemption_id: str) -> Redemption:
        """The reward was handed over: a pending redemption becomes ``fulfilled``. Scope ``users:write``."""
        answer = self._call("POST", f"{_redemption(redemption_id)}/fulfill")
        return decode_object(Redemption, answer["redemption"])

    def cancel(self, redemption_id: str, *, idempotency_key: str | None = None) -> RedemptionChange:
        """A pending redemption becomes ``cancelled``: its cost goes back to the user's balance and its
        unit to the stock; refunded once per key. Scope ``users:write``."""
        return self._one(RedemptionChange, "POST", f"{_redemption(redemption_id)}/cancel",
                         idempotency_key=idempotency_key or new_idempotency_key(), resendable=True)


def _redemption(redemption_id: str) -> str:
    return f"/v1/redemptions/{segment(redemption_id, 'redemption_id')}"


class TeamsApi(_Calls):
    """``/v1/teams``: teams of users (put, get, list, delete; scope ``users:write`` to change, ``read``
    to look), their members (join, leave, list) and their standing in the team quests. A user's teams
    are :meth:`UsersApi.teams`."""

    def put(self, team_id: str, team: Mapping[str, Any] | None = None) -> Team:
        """Creates or replaces the team (``name``, default the id; ``attributes``, default none); its
        members stay."""
        return self._one(Team, "PUT", _team(team_id), body=dict(team or {}))

    def get(self, team_id: str) -> Team:
        return self._one(Team, "GET", _team(team_id))

    def list(self, *, limit: int = 50, cursor: str | None = None) -> Page[Team]:
        """The application's teams, by id."""
        return self._page(Team, "/v1/teams", {"limit": limit, "cursor": cursor})

    def list_all(self) -> Iterator[Team]:
        return _every(lambda cursor: self.list(limit=PAGE_LIMIT, cursor=cursor))

    def delete(self, team_id: str) -> None:
        """Deletes the team and its memberships (its members stay users)."""
        self._call("DELETE", _team(team_id))

    def join(self, team_id: str, user_id: str) -> TeamMembership:
        """Makes the user a member: the new membership, or the existing one (same ``joined_at``) when the
        user is already a member. Refusals: 404 ``not_found`` (no such team or user); 409
        ``team_limit_reached`` (the user is in the application's ``max_teams_per_user`` teams)."""
        return self._one(TeamMembership, "PUT", _member(team_id, user_id))

    def leave(self, team_id: str, user_id: str) -> None:
        """Ends the user's membership; 404 ``not_found`` when the user is not a member."""
        self._call("DELETE", _member(team_id, user_id))

    def members(self, team_id: str, *, limit: int = 50, cursor: str | None = None) -> Page[TeamMembership]:
        """The team's memberships, by user id."""
        return self._page(TeamMembership, f"{_team(team_id)}/members", {"limit": limit, "cursor": cursor})

    def members_all(self, team_id: str) -> Iterator[TeamMembership]:
        return _every(lambda cursor: self.members(team_id, limit=PAGE_LIMIT, cursor=cursor))

    def quests(self, team_id: str) -> TeamQuests:
        """The team's standing in every active team quest as of now, by key; 404 ``not_found`` for an
        unknown team. When the members' totals reach every step, each member at that moment is paid the
        prize in a write of their own just after the completing event's (points history ``source``
        ``quest``; a ``quest.completed`` webhook whose ``quest.team_id`` names the team)."""
        return self._one(TeamQuests, "GET", f"{_team(team_id)}/quests")


def _team(team_id: str) -> str:
    return f"/v1/teams/{segment(team_id, 'team_id')}"


def _member(team_id: str, user_id: str) -> str:
    return f"{_team(team_id)}/members/{segment(user_id, 'user_id')}"


class TeamLeaderboardsApi(RulesApi[TeamLeaderboard]):
    """``/v1/team_leaderboards``: boards ranking teams by what their members did while they were members
    (put, get, list and archive as for every rule: scope ``admin`` to change, ``read`` to look), a
    period's ranking and one team's place (scope ``read``)."""

    def __init__(self, transport: Transport, auth: Authentication) -> None:
        super().__init__(transport, auth, "/v1/team_leaderboards", TeamLeaderboard)

    def ranking(self, key: str, *, period: str | None = None, limit: int | None = None,
                cursor: str | None = None) -> TeamLeaderboardRanking:
        """A page of the ranking of a period (``period``: any local date such as ``2026-12-04`` in it, in
        the board's timezone; default the current one), from the top; ``limit`` 1 to 100 (default 50)."""
        return self._one(TeamLeaderboardRanking, "GET", f"{self._path(key)}/ranking",
                         query={"period": period, "limit": limit, "cursor": cursor})

    def ranking_all(self, key: str, *, period: str | None = None) -> Iterator[TeamLeaderboardEntry]:
        """Every entry of a period's ranking, in rank order, page after page."""
        def page(cursor: str | None) -> Page[TeamLeaderboardEntry]:
            ranking = self.ranking(key, period=period, limit=PAGE_LIMIT, cursor=cursor)
            return Page(ranking.entries, ranking.next_cursor)
        return _every(page)

    def place(self, key: str, team_id: str, *, period: str | None = None) -> TeamLeaderboardPlace:
        """One team's rank, score and members in a period (default the current one); 404 ``not_found``
        for an unknown board, or when the team has no score in the period."""
        return self._one(TeamLeaderboardPlace, "GET", f"{self._path(key)}/teams/{segment(team_id, 'team_id')}",
                         query={"period": period})


class EventsApi(_Calls):
    """``/v1/events``. Every event goes with an idempotency key (its own, or a new UUID per send) on
    every attempt, and a lost answer is retried: the server applies the event once and answers the
    retry with ``idempotent_replayed`` true."""

    def send(self, event: Event | Mapping[str, Any], *, idempotency_key: str | None = None) -> EventAnswer:
        body = _keyed(event, idempotency_key)
        return self._one(EventAnswer, "POST", "/v1/events", body=body, idempotency_key=body["idempotency_key"],
                         resendable=True)

    def send_batch(self, events: Sequence[Event | Mapping[str, Any]]) -> list[BatchResult]:
        """Records up to 1,000 events, each on its own (a refused event does not stop the others), and
        answers one result per event, in order. Events without a key get one each, kept on retries."""
        if not 1 <= len(events) <= MAX_BATCH:
            raise ValueError(f"a batch holds 1 to {MAX_BATCH} events, not {len(events)}")
        answer = self._call("POST", "/v1/events/batch", body={"events": [_keyed(event, None) for event in events]},
                            resendable=True)
        return [decode_object(BatchResult, result) for result in answer["results"]]

    def validate(self, event: Event | Mapping[str, Any]) -> ValidatedEvent:
        """What the event would record, recording nothing (the rules are not consulted)."""
        body = event.to_json() if isinstance(event, Event) else dict(event)
        return self._one(ValidatedEvent, "POST", "/v1/events/validate", body=body)


def _keyed(event: Event | Mapping[str, Any], idempotency_key: str | None) -> dict[str, Any]:
    body = event.to_json() if isinstance(event, Event) else dict(event)
    if "metric" not in body:
        raise ValueError("an event needs its metric")
    body["idempotency_key"] = idempotency_key or body.get("idempotency_key") or new_idempotency_key()
    return body


class UsersApi(_Calls):
    """``/v1/users``: profiles, progress, points, completions, streaks, reward redemptions, teams, quests,
    flags, erasure."""

    def put(self, user_id: str, profile: Mapping[str, Any]) -> User:
        """Creates or changes the profile (``name``, ``email``, ``timezone``, ``locale``, ``attributes``).
        ``locale`` (a BCP 47 tag such as ``fr`` or ``pt-BR``, answered in canonical form; None for none) is
        the language answers about the user name rules in first."""
        return self._one(User, "PUT", _user(user_id), body=profile)

    def get(self, user_id: str) -> User:
        return self._one(User, "GET", _user(user_id))

    def list(self, **query: Any) -> Page[User]:
        """The application's users: ``limit``, ``cursor``, ``sort`` and the filters of ``GET /v1/users``."""
        return self._page(User, "/v1/users", query)

    def delete(self, user_id: str) -> None:
        """Erases the user and everything about them."""
        self._call("DELETE", _user(user_id))

    def clear_flag(self, user_id: str) -> FlagClear:
        """Clears the flag a velocity guard raised (``flag`` of the user): the user's events award again
        (when the guard held them), and the guards count their events afresh; what held events did not
        earn is not given back. ``cleared`` is False (nothing changed) for a user who is not flagged; 404
        ``not_found`` for an unknown user. Scope ``users:write``."""
        return self._one(FlagClear, "DELETE", f"{_user(user_id)}/flag")

    def progress(self, user_id: str) -> Progress:
        return self._one(Progress, "GET", f"{_user(user_id)}/progress")

    def export(self, user_id: str) -> dict[str, Any]:
        """Everything Ludus holds about the user, for access requests (GDPR article 15): a dict with
        ``application_id``, ``user_id``, ``exported_at``, the ``profile`` and every table's rows about them
        (``metrics``, ``points``, ``achievements``, ``streaks``, ``quests``, ``attributes``, ``events``,
        ``points_history``, ``streak_periods``, ``quest_history``, ``redemptions``, ``teams``,
        ``leaderboard_scores``, ``webhook_messages``), as stored: instants as text, amounts as ``Decimal``
        (or ``int``). Read whole. 404 ``not_found`` for an unknown user. Scope ``read`` for the token's own
        subject, ``users:read`` for anyone."""
        answer: dict[str, Any] = self._call("GET", f"{_user(user_id)}/export")
        return answer

    def adjust_points(self, user_id: str, system: str, amount: int, reason: str, *,
                      idempotency_key: str | None = None) -> PointsAdjustment:
        """Grants (amount above 0) or spends (below 0) points, with a reason; applied once per key."""
        return self._one(PointsAdjustment, "POST", f"{_points(user_id, system)}/adjust",
                         body={"amount": amount, "reason": reason},
                         idempotency_key=idempotency_key or new_idempotency_key(), resendable=True)

    def points_history(self, user_id: str, system: str, *, limit: int = 50,
                       cursor: str | None = None) -> Page[PointsHistoryEntry]:
        return self._page(PointsHistoryEntry, f"{_points(user_id, system)}/history",
                          {"limit": limit, "cursor": cursor})

    def points_history_all(self, user_id: str, system: str) -> Iterator[PointsHistoryEntry]:
        return _every(lambda cursor: self.points_history(user_id, system, limit=PAGE_LIMIT, cursor=cursor))

    def points_seasons(self, user_id: str, system: str, *, limit: int = 50,
                       cursor: str | None = None) -> Page[UserSeason]:
        """The seasons of a points system (with a ``season``) that ended while the user held points, newest
        first: the balance at the end and the level then. 404 ``not_found`` for an unknown user. Scope
        ``read`` for the token's own subject (``me``), ``users:read`` for anyone."""
        return self._page(UserSeason, f"{_points(user_id, system)}/seasons", {"limit": limit, "cursor": cursor})

    def points_seasons_all(self, user_id: str, system: str) -> Iterator[UserSeason]:
        return _every(lambda cursor: self.points_seasons(user_id, system, limit=PAGE_LIMIT, cursor=cursor))

    def complete_achievement(self, user_id: str, achievement: str, *,
                             idempotency_key: str | None = None) -> Completion:
        """Unlocks an achievement of trigger ``api``; applied once per key."""
        return self._one(Completion, "POST", f"{_user(user_id)}/achievements/{segment(achievement, 'achievement')}"
                         "/complete", idempotency_key=idempotency_key or new_idempotency_key(), resendable=True)

    def streaks(self, user_id: str) -> builtins.list[StreakStanding]:
        answer = self._call("GET", f"{_user(user_id)}/streaks")
        return [decode_object(StreakStanding, standing) for standing in answer["streaks"]]

    def streak(self, user_id: str, streak: str) -> StreakStanding:
        return self._one(StreakStanding, "GET", _streak(user_id, streak))

    def streak_history(self, user_id: str, streak: str, *, limit: int = 50,
                       cursor: str | None = None) -> Page[StreakHistoryEntry]:
        return self._page(StreakHistoryEntry, f"{_streak(user_id, streak)}/history",
                          {"limit": limit, "cursor": cursor})

    def streak_history_all(self, user_id: str, streak: str) -> Iterator[StreakHistoryEntry]:
        return _every(lambda cursor: self.streak_history(user_id, streak, limit=PAGE_LIMIT, cursor=cursor))

    def grant_freezes(self, user_id: str, streak: str, count: int, *,
                      idempotency_key: str | None = None) -> FreezeGrant:
        """Gives the user ``count`` streak freezes (up to the streak's maximum); applied once per key."""
        return self._one(FreezeGrant, "POST", f"{_streak(user_id, streak)}/freezes", body={"count": count},
                         idempotency_key=idempotency_key or new_idempotency_key(), resendable=True)

    def redeem(self, user_id: str, reward: str, *, idempotency_key: str | None = None) -> RedemptionChange:
        """Spends the reward's cost and records a pending redemption; charged once per key. Refusals:
        404 ``not_found``; 409 ``reward_unavailable``, ``out_of_stock``, ``limit_reached``,
        ``level_required``, ``insufficient_points``."""
        return self._one(RedemptionChange, "POST", f"{_user(user_id)}/rewards/{segment(reward, 'reward')}/redeem",
                         idempotency_key=idempotency_key or new_idempotency_key(), resendable=True)

    def redemptions(self, user_id: str, *, limit: int = 50, cursor: str | None = None,
                    status: str | None = None) -> Page[Redemption]:
        """The user's redemptions, newest first; ``status``: only ``pending``, ``fulfilled`` or
        ``cancelled`` ones."""
        return self._page(Redemption, f"{_user(user_id)}/redemptions",
                          {"limit": limit, "cursor": cursor, "status": status})

    def redemptions_all(self, user_id: str, *, status: str | None = None) -> Iterator[Redemption]:
        return _every(lambda cursor: self.redemptions(user_id, limit=PAGE_LIMIT, cursor=cursor, status=status))

    def teams(self, user_id: str, *, limit: int = 50, cursor: str | None = None) -> Page[TeamMembership]:
        """The user's team memberships, by team id (joining and leaving are in :class:`TeamsApi`)."""
        return self._page(TeamMembership, f"{_user(user_id)}/teams", {"limit": limit, "cursor": cursor})

    def teams_all(self, user_id: str) -> Iterator[TeamMembership]:
        return _every(lambda cursor: self.teams(user_id, limit=PAGE_LIMIT, cursor=cursor))

    def join_quest(self, user_id: str, quest: str, *, idempotency_key: str | None = None) -> QuestJoin:
        """Joins an opt-in quest (creating the user when new); the achievements the user holds count at
        once. Joining again, or an automatic quest, changes nothing else. Refusals: 404 ``not_found``
        (no active quest); 409 ``quest_ended`` (its fixed window has ended); 409 ``not_joinable`` (a team
        quest: every team takes part through its members' events)."""
        return self._one(QuestJoin, "POST", f"{_quest(user_id, quest)}/join",
                         idempotency_key=idempotency_key or new_idempotency_key(), resendable=True)

    def quests(self, user_id: str) -> UserQuests:
        """The user's standing in every active user quest as of now (team quests: :meth:`TeamsApi.quests`),
        and the latest 20 windows that ended (a team quest the user was paid for as a member included);
        404 ``not_found`` for an unknown user."""
        return self._one(UserQuests, "GET", f"{_user(user_id)}/quests")

    def quest_history(self, user_id: str, *, quest: str | None = None, limit: int = 50,
                      cursor: str | None = None) -> Page[QuestHistoryEntry]:
        """The windows of the user's quests (``quest``: of that one only) that ended, completed or
        expired, newest first."""
        return self._page(QuestHistoryEntry, f"{_user(user_id)}/quests/history",
                          {"quest": quest, "limit": limit, "cursor": cursor})

    def quest_history_all(self, user_id: str, *, quest: str | None = None) -> Iterator[QuestHistoryEntry]:
        return _every(lambda cursor: self.quest_history(user_id, quest=quest, limit=PAGE_LIMIT, cursor=cursor))


def _user(user_id: str) -> str:
    return f"/v1/users/{segment(user_id, 'user_id')}"


def _points(user_id: str, system: str) -> str:
    return f"{_user(user_id)}/points/{segment(system, 'system')}"


def _streak(user_id: str, streak: str) -> str:
    return f"{_user(user_id)}/streaks/{segment(streak, 'streak')}"


def _quest(user_id: str, quest: str) -> str:
    return f"{_user(user_id)}/quests/{segment(quest, 'quest')}"


class WebhooksApi(_Calls):
    """``/v1/webhooks``: endpoints, their secrets, delivery logs, replays and pings. Scope ``admin``."""

    def create(self, url: str, event_types: Sequence[str], *, description: str | None = None) -> NewWebhookEndpoint:
        """A new endpoint; the answer holds its ``whsec_`` secret, shown only here."""
        body: dict[str, Any] = {"url": url, "event_types": list(event_types)}
        if description is not None:
            body["description"] = description
        return self._one(NewWebhookEndpoint, "POST", "/v1/webhooks", body=body)

    def get(self, endpoint_id: str) -> WebhookEndpoint:
        return self._one(WebhookEndpoint, "GET", _endpoint(endpoint_id))

    def list(self, *, limit: int = 50, cursor: str | None = None) -> Page[WebhookEndpoint]:
        return self._page(WebhookEndpoint, "/v1/webhooks", {"limit": limit, "cursor": cursor})

    def list_all(self) -> Iterator[WebhookEndpoint]:
        return _every(lambda cursor: self.list(limit=PAGE_LIMIT, cursor=cursor))

    def update(self, endpoint_id: str, changes: Mapping[str, Any]) -> WebhookEndpoint:
        """Changes ``url``, ``event_types``, ``description`` or ``enabled``."""
        return self._one(WebhookEndpoint, "PATCH", _endpoint(endpoint_id), body=changes)

    def delete(self, endpoint_id: str) -> None:
        self._call("DELETE", _endpoint(endpoint_id))

    def rotate_secret(self, endpoint_id: str, *, grace_seconds: int | None = None) -> WebhookSecretRotation:
        """A new secret; Ludus signs with both for ``grace_seconds`` (default 24 hours)."""
        return self._one(WebhookSecretRotation, "POST", f"{_endpoint(endpoint_id)}/secret/rotate",
                         body=_grace(grace_seconds))

    def deliveries(self, endpoint_id: str, *, limit: int = 50, cursor: str | None = None) -> Page[WebhookDelivery]:
        return self._page(WebhookDelivery, f"{_endpoint(endpoint_id)}/deliveries", {"limit": limit, "cursor": cursor})

    def replay(self, endpoint_id: str, *, message_id: str | None = None, since: datetime | None = None,
               until: datetime | None = None) -> int:
        """Sends one message again, or every message of a time range; answers how many."""
        if (message_id is None) == (since is None):
            raise ValueError("replay needs message_id or since (with until, optionally)")
        body: dict[str, Any] = {"message_id": message_id} if message_id is not None else {"since": since,
                                                                                         "until": until}
        answer = self._call("POST", f"{_endpoint(endpoint_id)}/replay",
                            body={name: value for name, value in body.items() if value is not None})
        return int(answer["replayed"])

    def ping(self, endpoint_id: str) -> WebhookPing:
        """Sends a ``webhook.ping`` now and answers how the endpoint answered."""
        return self._one(WebhookPing, "POST", f"{_endpoint(endpoint_id)}/ping")

    def notices(self, *, limit: int = 50, cursor: str | None = None) -> Page[WebhookNotice]:
        """Notices about the application's endpoints (``GET /v1/webhook_events``)."""
        return self._page(WebhookNotice, "/v1/webhook_events", {"limit": limit, "cursor": cursor})


def _endpoint(endpoint_id: str) -> str:
    return f"/v1/webhooks/{segment(endpoint_id, 'endpoint_id')}"


def _grace(grace_seconds: int | None) -> dict[str, int] | None:
    return None if grace_seconds is None else {"grace_seconds": grace_seconds}


class AuthApi(_Calls):
    def verify(self) -> Verification:
        """Who the credentials are (``GET /v1/auth/verify``)."""
        return self._one(Verification, "GET", "/v1/auth/verify")

    def revoke(self, *, jti: str | None = None, token: str | None = None, subject: str | None = None,
               all: bool = False) -> Revocation:
        """Revokes one token (by ``jti`` or the ``token`` itself), a user's tokens (``subject``) or every
        token of the application issued before now (``all=True``). Scope ``admin``."""
        chosen = {name: value for name, value in
                  {"jti": jti, "token": token, "subject": subject, "all": all or None}.items() if value is not None}
        if len(chosen) != 1:
            raise ValueError("revoke needs exactly one of jti, token, subject or all=True")
        return self._one(Revocation, "POST", "/v1/auth/revocations", body=chosen)


class ApplicationApi(_Calls):
    """The calling application's settings, secrets and legacy ECDSA keys. Scope ``admin``."""

    def get(self) -> Application:
        return self._one(Application, "GET", "/v1/application")

    def update(self, changes: Mapping[str, Any]) -> Application:
        """Changes the members given (``name``, ``timezone``, ``max_teams_per_user``, ``control_group_percent``,
        ``default_language`` and the others of ``PATCH /v1/application``); a member left out or None keeps
        its value."""
        return self._one(Application, "PATCH", "/v1/application", body=changes)

    def rotate_secret(self, *, grace_seconds: int | None = None) -> Rotation:
        """A new API secret; the old one works for ``grace_seconds`` more (default 24 hours, 0: at once)."""
        return self._one(Rotation, "POST", "/v1/application/secret/rotate", body=_grace(grace_seconds))

    def rotate_client_secret(self, *, grace_seconds: int | None = None) -> ClientSecretRotation:
        return self._one(ClientSecretRotation, "POST", "/v1/application/client_secret/rotate",
                         body=_grace(grace_seconds))

    def add_ecdsa_key(self, address: str, scopes: Sequence[str] | None = None) -> EcdsaKey:
        """Registers the address of a legacy ECDSA key (``ludus.ecdsa.ecdsa_address``)."""
        body: dict[str, Any] = {"address": address}
        if scopes is not None:
            body["scopes"] = list(scopes)
        return self._one(EcdsaKey, "POST", "/v1/application/ecdsa_keys", body=body)

    def list_ecdsa_keys(self) -> list[EcdsaKey]:
        return list(_every(lambda cursor: self._page(EcdsaKey, "/v1/application/ecdsa_keys",
                                                     {"limit": PAGE_LIMIT, "cursor": cursor})))

    def remove_ecdsa_key(self, address: str) -> None:
        self._call("DELETE", f"/v1/application/ecdsa_keys/{segment(address, 'address')}")


class Writable(Protocol):
    """Where a raw export is written: a file opened ``"wb"``, ``io.BytesIO``, ``sys.stdout.buffer``..."""

    def write(self, data: bytes, /) -> Any: ...


#: The ``Accept`` of each export format.
_FORMATS = {"ndjson": "application/x-ndjson", "csv": "text/csv"}


class ExportsApi(_Calls):
    """``/v1/export``: every event and every user of the application, of any size (``docs/exports.md``).
    Scope ``admin``.

    :meth:`events` and :meth:`users` are generators that read the server's NDJSON a line at a time as
    they are iterated, never the whole export into memory; the request is sent when the first record is
    asked for, so a refusal (400 naming the parameter in ``field``) raises from the first step. Iterated
    to the end, the connection goes back to the pool; a generator left early keeps it until it is closed
    (``close()``, ``contextlib.closing``) or collected. :meth:`events_raw` and :meth:`users_raw` copy the
    body (NDJSON or CSV) as it arrives to a binary file. An export that breaks off raises
    :class:`LudusError` ``network_error``: resume with the ``id`` of the last record received as ``after``.
    """

    def events(self, *, from_: datetime | None = None, to: datetime | None = None,
               after: str | None = None) -> Iterator[RecordedEvent]:
        """The application's events received in ``[from_, to)`` (aware datetimes; default all), after the
        event ``after`` (the id of the last one received, to resume), in the order they were committed:
        those committed when the export starts."""
        return self._records(RecordedEvent, "/v1/export/events", {"from": from_, "to": to, "after": after})

    def events_raw(self, out: Writable, *, from_: datetime | None = None, to: datetime | None = None,
                   after: str | None = None, format: Literal["ndjson", "csv"] = "ndjson") -> int:
        """Writes the body of the events export to ``out`` as it arrives (``format="csv"``: CSV with a
        header line) and answers the number of bytes written."""
        return self._copy(out, "/v1/export/events", {"from": from_, "to": to, "after": after}, format)

    def users(self, *, after: str | None = None) -> Iterator[ExportedUser]:
        """The application's users in id order, after the user ``after`` (the id of the last one received,
        to resume), each with their totals, balances and achievements."""
        return self._records(ExportedUser, "/v1/export/users", {"after": after})

    def users_raw(self, out: Writable, *, after: str | None = None,
                  format: Literal["ndjson", "csv"] = "ndjson") -> int:
        """Writes the body of the users export to ``out`` as it arrives and answers the number of bytes
        written. In CSV: the profile's columns, a ``metric:<key>`` column per active metric and
        ``points:<key>`` per active points system, then ``achievements`` (the keys, space-separated)."""
        return self._copy(out, "/v1/export/users", {"after": after}, format)

    def _open(self, path: str, query: Mapping[str, Any], format: str) -> Body:
        if format not in _FORMATS:
            raise ValueError(f"format must be ndjson or csv, not {format!r}")
        return self._transport.stream(self._auth, path, query=query, accept=_FORMATS[format])

    def _records(self, kind: type[R], path: str, query: Mapping[str, Any]) -> Iterator[R]:
        with self._open(path, query, "ndjson") as body:
            for line in body.lines():
                if line.strip():
                    yield decode_object(kind, loads(line))

    def _copy(self, out: Writable, path: str, query: Mapping[str, Any], format: str) -> int:
        written = 0
        with self._open(path, query, format) as body:
            for chunk in body.chunks():
                out.write(chunk)
                written += len(chunk)
        return written


class AuditApi(_Calls):
    def list(self, **query: Any) -> Page[AuditEntry]:
        """The application's audit log, newest first: ``action``, ``target_kind``, ``target_id``, ``since``,
        ``until``, ``limit``, ``cursor``. Scope ``admin``."""
        return self._page(AuditEntry, "/v1/audit", query)


class StatsApi(_Calls):
    def get(self, from_: datetime, to: datetime, *, interval: str = "hour") -> StatsSeries:
        """The application's usage figures (``docs/stats.md``): every bucket of ``interval`` (``hour``,
        ``day`` or ``week``, UTC; weeks start on Monday) from the one holding ``from_`` while buckets
        start before ``to``, each with its figures split by group (``groups``: ``game`` and ``control``).
        Scope ``admin``."""
        return self._one(StatsSeries, "GET", "/v1/stats", query={"from": from_, "to": to, "interval": interval})


def metrics(transport: Transport, auth: Authentication) -> RulesApi[Metric]:
    return RulesApi(transport, auth, "/v1/metrics", Metric)


def points_systems(transport: Transport, auth: Authentication) -> PointsSystemsApi:
    return PointsSystemsApi(transport, auth)


def achievements(transport: Transport, auth: Authentication) -> RulesApi[Achievement]:
    return RulesApi(transport, auth, "/v1/achievements", Achievement)


def streaks(transport: Transport, auth: Authentication) -> RulesApi[Streak]:
    return RulesApi(transport, auth, "/v1/streaks", Streak)


def quests(transport: Transport, auth: Authentication) -> RulesApi[Quest]:
    """``/v1/quests``: put, get, list and archive as for every rule (scope ``admin`` to change); user quests
    and team quests (``"team": true``)."""
    return RulesApi(transport, auth, "/v1/quests", Quest)
