"""The answers of the application API as frozen dataclasses, member for member as the contract
(``openapi.yaml``) names them (``snake_case``). Amounts are ``Decimal``, instants aware ``datetime``
in UTC, days ``date``. Members whose shape depends on a kind (rule triggers, ``rank_by``, streak
conditions, an audit entry's actor and target) stay JSON objects (``dict``).

Requests are plain JSON objects (``dict``) as the contract writes them, apart from :class:`Event`.

Names in every language: a rule's ``name`` and ``description`` may be given as a string or as a dict of
texts by BCP 47 language tag (``{"en": "First steps", "fr": "Premiers pas"}``); definitions read back
carry them as given (``str | dict[str, str]``, tags in canonical form). Answers about a user carry one
string, picked by the user's ``locale``, else the client's ``accept_language``, else the application's
``default_language``, else the first text given."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Generic, Mapping, TypeVar

__all__ = [
    "Achievement", "AchievementProgress", "Application", "AuditEntry", "BatchResult", "CapReached",
    "ClientSecretRotation", "Completion", "ConditionProgress", "EarningCap", "EcdsaKey", "EndedSeason", "Event",
    "EventAnswer", "ExportedUser", "FlagClear", "FreezeGrant", "Leaderboard",
    "LeaderboardChange", "LeaderboardEntry", "LeaderboardPeriod", "LeaderboardRank", "LeaderboardStandings",
    "Level", "LevelChange", "LevelReached", "Metric", "MetricProgress", "MetricTotal", "NewWebhookEndpoint",
    "NextExpiry", "NextLevel", "Page", "PointsAdjustment", "PointsChange", "PointsHistoryEntry", "PointsProgress",
    "PointsExpiry", "PointsSeason", "PointsSystem", "Problem", "Progress", "Quest", "QuestChange", "QuestHistoryEntry",
    "QuestJoin", "QuestPrize",
    "RecordedEvent", "Redemption", "RedemptionChange", "RedemptionPoints",
    "Revocation", "Reward", "RewardRule", "Rotation", "Season", "SeasonEntry", "SeasonStandings", "Seasons",
    "StatsGroup", "StatsGroups", "Streak",
    "StreakChange", "StreakHistoryEntry", "StreakStanding", "Target", "Team", "TeamLeaderboard", "TeamLeaderboardEntry",
    "TeamLeaderboardPeriod", "TeamLeaderboardPlace", "TeamLeaderboardRanking", "TeamMembership", "TeamQuest",
    "TeamQuestStep", "TeamQuests", "Unlock", "User", "UserFlag",
    "UserQuest", "UserQuestStep", "UserQuests", "UserSeason", "ValidatedEvent", "VelocityGuard",
    "Verification", "WebhookDelivery", "WebhookEndpoint", "WebhookNotice", "WebhookPing",
    "WebhookSecretRotation", "StatsBucket", "StatsSeries",
]

T = TypeVar("T")


@dataclass(frozen=True)
class Event:
    """An event to record (``POST /v1/events``): the user's total of ``metric`` grows by ``value``.

    ``value`` is exact (``Decimal`` or ``int``, at most 6 decimal places; default 1); ``user_id``
    defaults to the token's subject; ``occurred_at`` (aware) to when the server receives it;
    ``user`` holds profile members to set in the same transaction. ``idempotency_key`` (1 to 255
    characters) makes it apply once however often it is sent; without one, the client generates a
    UUID for each send, reused by that send's retries.
    """

    metric: str
    user_id: str | None = None
    value: Decimal | int | None = None
    occurred_at: datetime | None = None
    attributes: Mapping[str, str] | None = None
    user: Mapping[str, Any] | None = None
    idempotency_key: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The request body: the members that are set."""
        members = {"metric": self.metric, "user_id": self.user_id, "value": self.value,
                   "occurred_at": self.occurred_at, "attributes": self.attributes, "user": self.user,
                   "idempotency_key": self.idempotency_key}
        return {name: value for name, value in members.items() if value is not None}


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list; pass ``next_cursor`` as ``cursor`` for the next (None on the last page)."""

    items: list[T]
    next_cursor: str | None

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None


@dataclass(frozen=True)
class Problem:
    """A problem+json body, as a failed event of a batch carries it."""

    type: str
    title: str
    status: int
    detail: str
    error: str
    field: str | None = None
    claim: str | None = None
    required_scope: str | None = None
    missing: list[str] | None = None
    used_by: list[str] | None = None
    reason: str | None = None
    user_id: str | None = None


# --- authentication and the application ---

@dataclass(frozen=True)
class Verification:
    authenticated: bool
    method: str
    """``jwt``, ``auth_token`` or ``ecdsa``."""
    tenant_id: str
    application_id: str
    subject: str
    scopes: list[str]
    issued_at: datetime
    expires_at: datetime
    token_id: str | None


@dataclass(frozen=True)
class Revocation:
    revoked: str
    application_id: str
    jti: str | None
    subject: str | None
    issued_before: datetime | None
    until: datetime | None


@dataclass(frozen=True)
class Application:
    id: str
    tenant_id: str
    name: str
    default_scopes: list[str]
    max_token_lifetime_seconds: int
    ecdsa_enabled: bool
    client_scopes: list[str]
    timezone: str
    cors_origins: list[str]
    max_teams_per_user: int
    """How many teams one user may be a member of (1 to 1,000; 10 until set)."""
    client_id: str
    created_at: datetime
    updated_at: datetime
    ecdsa_last_used_at: datetime | None
    control_group_percent: int = 0
    """The share of the application's users (0 to 100 percent; 0 until set) held out of the game's feedback:
    the control group (``control_group`` of event answers and users, ``groups`` of stats buckets). Last,
    with a default, so that code building an ``Application`` (test doubles) keeps working."""
    default_language: str = "en"
    """The BCP 47 tag of the language answers fall back to when a name has neither the user's ``locale``
    nor a language the client's ``accept_language`` asks for (``en`` until set). Last, with a default, as
    ``control_group_percent``."""


@dataclass(frozen=True)
class Rotation:
    api_secret: str = field(repr=False)
    previous_secret_expires_at: datetime


@dataclass(frozen=True)
class ClientSecretRotation:
    client_secret: str = field(repr=False)
    previous_secret_expires_at: datetime


@dataclass(frozen=True)
class EcdsaKey:
    address: str
    scopes: list[str]
    created_at: datetime
    last_used_at: datetime | None


# --- rules ---

@dataclass(frozen=True)
class VelocityGuard:
    """A metric's velocity guard: more than ``max_events`` (1 to 1,000) events of the metric from one user
    arriving within ``seconds`` (1 to 86,400; by the server's clock on arrival, not ``occurred_at``) flag
    the user (:class:`UserFlag`). A flagged user is not flagged again until :meth:`UsersApi.clear_flag`."""

    max_events: int
    seconds: int
    hold: bool
    """Whether the flagged user's events then award nothing (no points, achievements, streaks or quests;
    totals still count) until the flag is cleared."""


@dataclass(frozen=True)
class Metric:
    key: str
    name: str | dict[str, str]
    """As defined: a string, or texts by BCP 47 language tag."""
    description: str | dict[str, str] | None
    allow_negative: bool
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    velocity: VelocityGuard | None = None
    """Its velocity guard, or None (also from a server without guards). Last, with a default, so that code
    building a ``Metric`` (test doubles) keeps working."""


@dataclass(frozen=True)
class Level:
    name: str | dict[str, str]
    """As defined: a string, or texts by BCP 47 language tag."""
    threshold: int
    image_url: str | None = None
    """The https address of its picture; None when it has none. Last, with a default, so that code building
    a ``Level`` keeps working."""


@dataclass(frozen=True)
class Reward:
    system: str
    points: int


@dataclass(frozen=True)
class EarningCap:
    """An earning cap of a points system: at most ``points`` a period from events (of ``metric``, or of
    every metric when it is None), per user, in the user's timezone. Events past a cap still count for
    everything else; only their points are cut (``capped`` and ``cap`` of :class:`PointsChange`)."""

    metric: str | None
    points: int
    period: str
    """``hour``, ``day`` or ``week`` (from Monday 00:00)."""


@dataclass(frozen=True)
class PointsExpiry:
    """A points system's expiry: the points earned on a day (UTC) live ``after_days`` (1 to 3,650) full days
    after it and expire at the start of the next (earned on 2037-01-10 with 30: gone at 2037-02-10T00:00:00Z).
    Spending takes the oldest points first. Expired points are taken away when the user is next written,
    or by the server's expiry sweep, as a :class:`PointsHistoryEntry` of ``source`` ``expiry`` (reason
    ``expired``); a lot keeps the lifetime it was earned under. Defined as ``{"expiry": {"after_days": 30}}``.

    With ``notice_days`` (``{"after_days": 30, "notice_days": 7}``), a ``points.expiring`` webhook tells of
    each lot that many days (of 24 hours) before it expires, once, if it still holds points."""

    after_days: int
    notice_days: int | None = None
    """Days ahead of a lot's expiry its ``points.expiring`` notice goes out (1 to ``after_days``); None for no
    notice (and from a server without notices). Last, with a default, so that ``PointsExpiry(30)`` keeps
    working."""


@dataclass(frozen=True)
class PointsSeason:
    """A points system's seasons: every balance starts again from zero at the start of each ``period`` in
    ``timezone``. At a season's end each non-zero balance's final standing is kept
    (:meth:`PointsSystemsApi.seasons`, :meth:`PointsSystemsApi.season`, :meth:`UsersApi.points_seasons`)
    and the balance goes back to zero, with its expiring lots, as a :class:`PointsHistoryEntry` of
    ``source`` ``season`` (reason ``season_ended``, reference the season's key), at the user's next write
    or by the server's expiry sweep. Defined as ``{"season": {"period": "monthly", "timezone": "Europe/Oslo"}}``."""

    period: str
    """``daily``, ``weekly``, ``monthly``, ``quarterly`` or ``yearly``."""
    timezone: str = "UTC"
    """The IANA time zone the seasons are cut in (``UTC`` unless given)."""
    week_start: str = "monday"
    """The first day of a weekly season, ``monday`` to ``sunday`` (``monday`` unless given)."""


@dataclass(frozen=True)
class PointsSystem:
    key: str
    name: str | dict[str, str]
    """As defined: a string, or texts by BCP 47 language tag."""
    description: str | dict[str, str] | None
    triggers: list[dict[str, Any]]
    max_points: int | None
    allow_negative: bool
    levels: list[Level]
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    caps: list[EarningCap] = field(default_factory=list)
    """Its earning caps (empty for none, and from a server without caps). Last, with a default, so that
    code building a ``PointsSystem`` (test doubles) keeps working."""
    expiry: PointsExpiry | None = None
    """When its points expire; None when they never do (and from a server without expiry). Last, with a
    default, so that code building a ``PointsSystem`` (test doubles) keeps working."""
    season: PointsSeason | None = None
    """Its seasons, after each of which balances start again from zero; None for none (and from a server
    without seasons). Last, with a default, as ``expiry``."""


@dataclass(frozen=True)
class RewardRule:
    """A reward of the catalog (``/v1/rewards``): its cost in a points system and who may redeem it when.
    (:class:`Reward` is an achievement's points.)"""

    key: str
    name: str | dict[str, str]
    """As defined: a string, or texts by BCP 47 language tag."""
    description: str | dict[str, str] | None
    points_system: str
    cost: int
    stock: int | None
    """How many may be redeemed in all; None: unlimited."""
    per_user_limit: int | None
    available_from: datetime | None
    available_until: datetime | None
    level_required: int | None
    redeemed: int
    """Its redemptions that are not cancelled (pending or fulfilled)."""
    remaining: int | None
    """``stock - redeemed``; None when the stock is unlimited."""
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    image_url: str | None = None
    """The https address of its picture; None when it has none. Last, with a default, so that code building
    a ``RewardRule`` (test doubles) keeps working."""


@dataclass(frozen=True)
class Quest:
    """A quest (``/v1/quests``) in canonical form: steps to complete inside a window, for a prize. A
    user's standing in a user quest is :class:`UserQuest`; a team's in a team quest (``team``)
    :class:`TeamQuest`."""

    key: str
    name: str | dict[str, str]
    """As defined: a string, or texts by BCP 47 language tag."""
    description: str | dict[str, str] | None
    steps: list[dict[str, Any]]
    """1 to 10, each ``{"key", "metric", "total"}`` (``total`` an int or ``Decimal``) or ``{"key", "achievement"}``."""
    order: str
    """``any`` or ``ordered`` (each step counts once the ones before it are complete)."""
    enrollment: str
    """``automatic`` (every user) or ``opt_in`` (users who joined: :meth:`UsersApi.join_quest`)."""
    window: dict[str, Any]
    """``{"type": "fixed", "starts_at", "ends_at"}`` or ``{"type": "recurring", "period": "daily" | "weekly",
    "week_start"}``, plus ``"timezone"`` (an IANA id) in a team quest's recurring window (a user quest's
    windows follow each user's timezone)."""
    reward: dict[str, Any] | None
    """``{"system", "points", "achievement"}`` (None where it does not apply), or None for no prize."""
    team: bool
    """True for a team quest: the events of each team's members count together, and each member of a
    team that completes it is paid the prize (metric steps only, ``order`` ``any``, ``enrollment``
    ``automatic``)."""
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    image_url: str | None = None
    """The https address of its picture; None when it has none. Last, with a default, so that code building
    a ``Quest`` (test doubles) keeps working."""


@dataclass(frozen=True)
class Achievement:
    key: str
    name: str | dict[str, str]
    """As defined: a string, or texts by BCP 47 language tag."""
    description: str | dict[str, str] | None
    hidden: bool
    trigger: dict[str, Any]
    reward: Reward | None
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    completions: int
    rarity: Decimal
    unlocked: bool | None = None
    """In lists read with a user's token: whether that user holds it."""
    backfilled_users: int | None = None
    """In the answer of ``put``: how many users the backfill gave it to."""
    image_url: str | None = None
    """The https address of its picture; None when it has none."""


@dataclass(frozen=True)
class Streak:
    key: str
    name: str | dict[str, str]
    """As defined: a string, or texts by BCP 47 language tag."""
    description: str | dict[str, str] | None
    period: str
    week_start: str
    conditions: list[dict[str, Any]]
    combine: str
    freezes: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None


@dataclass(frozen=True)
class Leaderboard:
    key: str
    name: str | dict[str, str]
    """As defined: a string, or texts by BCP 47 language tag."""
    description: str | dict[str, str] | None
    rank_by: dict[str, Any]
    period: str
    """``all_time``, ``daily``, ``weekly``, ``monthly``, ``quarterly`` or ``yearly``, in ``timezone``."""
    timezone: str
    week_start: str
    starts_at: datetime | None
    ends_at: datetime | None
    filter: dict[str, str] | None
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    backfilled_users: int | None = None
    """In the answer of ``put``: users given a score by the backfill of a new all-time board."""


@dataclass(frozen=True)
class LeaderboardPeriod:
    key: str
    """``all``, a local date (a day; a week's first day), ``YYYY-MM``, ``YYYY-Qn`` (a quarter) or ``YYYY``
    (a year)."""
    start: datetime | None
    end: datetime | None
    finished: bool


@dataclass(frozen=True)
class LeaderboardEntry:
    rank: int
    user_id: str
    score: Decimal
    reached_at: datetime


@dataclass(frozen=True)
class LeaderboardStandings:
    leaderboard: Leaderboard
    period: LeaderboardPeriod
    participants: int
    entries: list[LeaderboardEntry]
    next_cursor: str | None


@dataclass(frozen=True)
class LeaderboardRank:
    user_id: str
    rank: int
    score: Decimal
    percentile: Decimal
    previous_rank: int | None
    reached_at: datetime
    participants: int
    period: LeaderboardPeriod


# --- events and what they changed ---

@dataclass(frozen=True)
class RecordedEvent:
    id: str
    user_id: str
    metric: str
    value: Decimal
    occurred_at: datetime
    received_at: datetime
    attributes: dict[str, str]


@dataclass(frozen=True)
class MetricTotal:
    key: str
    total: Decimal


@dataclass(frozen=True)
class CapReached:
    """The earning cap that cut what an event earned (``cap`` of :class:`PointsChange`)."""

    metric: str | None
    """The cap's metric; None for a cap on every metric."""
    period: str
    """``hour``, ``day`` or ``week``."""
    points: int
    """The most the cap allows a period."""
    earned: int
    """What events earned toward it in the current period, this one included."""
    resets_at: datetime
    """When the current period ends (the user's next hour, midnight or Monday)."""


@dataclass(frozen=True)
class PointsChange:
    system: str
    awarded: int
    balance: int
    capped: bool
    """Whether ``max_points``, the zero floor or an earning cap cut an award short (``awarded`` can then be 0)."""
    cap: CapReached | None = None
    """The earning cap that cut what the event earned; None when none did (and from a server without caps).
    Last, with a default, so that code building a ``PointsChange`` (test doubles) keeps working."""


@dataclass(frozen=True)
class LevelReached:
    number: int
    name: str
    """In the user's language (``locale``, else the client's ``accept_language``, else the application's)."""
    image_url: str | None = None
    """The https address of its picture; None when it has none (and from a server without images)."""


@dataclass(frozen=True)
class LevelChange:
    system: str
    previous: LevelReached
    current: LevelReached


@dataclass(frozen=True)
class Unlock:
    key: str
    name: str
    """In the user's language (``locale``, else the client's ``accept_language``, else the application's)."""
    unlocked_at: datetime
    backfilled: bool
    reward: Reward | None
    image_url: str | None = None
    """The https address of its picture; None when it has none (and from a server without images)."""


@dataclass(frozen=True)
class StreakChange:
    key: str
    change: str
    """``extended``, ``freeze_consumed``, ``freeze_earned``, ``lost`` or ``freezes_granted``."""
    length: int | None
    longest: int | None
    period_start: datetime | None
    period_end: datetime | None
    freezes: int | None
    granted: int | None


@dataclass(frozen=True)
class LeaderboardChange:
    key: str
    period: str
    score: Decimal
    rank: int
    previous_rank: int | None = None


@dataclass(frozen=True)
class QuestPrize:
    """What completing a quest pays, as answers and webhooks write it (``points_system``, where a quest's
    ``reward`` says ``system``); members that do not apply are None."""

    points_system: str | None
    points: int | None
    achievement: str | None


@dataclass(frozen=True)
class QuestChange:
    """What a write did to a user's quest (in event answers, join answers and the ``quest.*`` webhooks)."""

    key: str
    name: str
    change: str
    """``step_completed``, ``completed`` or ``expired`` (a window that ended unfinished)."""
    step: str | None
    """The step's key, for ``step_completed`` only."""
    steps_done: int
    steps_total: int
    window_start: datetime
    window_end: datetime
    completed_at: datetime | None
    """When the step or the quest completed; None for ``expired``."""
    reward: QuestPrize | None
    """What the quest paid, for ``completed`` only."""
    team_id: str | None = None
    """The team that completed a team quest, in the ``completed`` change (a ``quest.completed`` webhook)
    each of its members gets; None otherwise."""
    image_url: str | None = None
    """The https address of its picture; None when it has none (and from a server without images)."""


@dataclass(frozen=True)
class EventAnswer:
    event: RecordedEvent
    metric: MetricTotal
    points: list[PointsChange]
    levels: list[LevelChange]
    achievements: list[Unlock]
    streaks: list[StreakChange]
    quests: list[QuestChange]
    """Windows that ended unfinished, steps and quests completed (empty from a server without quests)."""
    leaderboards: list[LeaderboardChange]
    idempotent_replayed: bool
    """True when the idempotency key was seen before: this is the first send's answer."""
    flag: UserFlag | None = None
    """The user's flag after this event (raised by it or before it, until cleared); None when not flagged
    (and from a server without velocity guards). With ``hold``, the event awarded nothing but its total.
    Last, with a default, so that code building an ``EventAnswer`` (test doubles) keeps working."""
    control_group: bool = False
    """True for a user of the application's control group (``control_group_percent``): the event counted as
    for anyone, but ``points``, ``levels``, ``achievements``, ``streaks``, ``quests`` and ``leaderboards``
    are empty, so that the application shows them no game. Last, with a default, as ``flag``."""


@dataclass(frozen=True)
class BatchResult:
    """One event of a batch: ``status`` 201 and ``body``, or the refusal's status and ``error``."""

    status: int
    body: EventAnswer | None
    error: Problem | None

    @property
    def ok(self) -> bool:
        return self.body is not None


@dataclass(frozen=True)
class ValidatedEvent:
    valid: bool
    user_id: str
    metric: str
    value: Decimal
    occurred_at: datetime
    attributes: dict[str, str]


# --- users ---

@dataclass(frozen=True)
class UserFlag:
    """The flag a metric's velocity guard raised on a user, until :meth:`UsersApi.clear_flag` clears it."""

    reason: str
    """``velocity``."""
    metric: str
    """The metric whose guard flagged the user."""
    events: int
    """The events of the metric that arrived within the guard's window, the last one included."""
    seconds: int
    """The guard's window."""
    hold: bool
    """Whether the user's events award nothing until the flag is cleared."""
    flagged_at: datetime


@dataclass(frozen=True)
class User:
    id: str
    name: str | None
    email: str | None
    timezone: str | None
    attributes: dict[str, str]
    created_at: datetime
    updated_at: datetime
    last_active_at: datetime | None
    balance: int | None = None
    """Only in lists sorted by ``balance:<system>``."""
    flag: UserFlag | None = None
    """The flag a velocity guard raised, until cleared; None when not flagged (and from a server without
    velocity guards)."""
    control_group: bool = False
    """Whether the user is in the application's control group (``control_group_percent``): hide the game
    from them."""
    locale: str | None = None
    """The user's own language, a BCP 47 tag in canonical form (``fr``, ``pt-BR``): answers about them
    name rules in it first. None for none (and from a server without languages)."""


@dataclass(frozen=True)
class ExportedUser:
    """A line of :meth:`ExportsApi.users` (``GET /v1/export/users``): the user's profile with their totals,
    balances and achievements."""

    id: str
    name: str | None
    email: str | None
    timezone: str | None
    attributes: dict[str, str]
    created_at: datetime
    updated_at: datetime
    last_active_at: datetime | None
    flagged_at: datetime | None
    """When a velocity guard flagged the user (``User.flag``); None when not flagged."""
    control_group: bool
    metrics: dict[str, Decimal]
    """The user's total of each metric they have one of, by metric key."""
    points: dict[str, int]
    """The user's balance in each points system they have one in, by system key."""
    achievements: dict[str, datetime]
    """When the user unlocked each achievement they hold, by achievement key."""
    locale: str | None = None
    """The user's own language (a BCP 47 tag), ``User.locale``; None when they have none."""


@dataclass(frozen=True)
class FlagClear:
    """The answer of :meth:`UsersApi.clear_flag` (``DELETE /v1/users/{id}/flag``)."""

    user_id: str
    cleared: bool
    """Whether the user was flagged (False: nothing changed)."""
    flag: UserFlag | None
    """The flag cleared; None when there was none."""


@dataclass(frozen=True)
class MetricProgress:
    key: str
    name: str
    total: Decimal


@dataclass(frozen=True)
class NextLevel:
    number: int
    name: str
    threshold: int
    remaining: int
    image_url: str | None = None
    """The https address of its picture; None when it has none (and from a server without images)."""


@dataclass(frozen=True)
class NextExpiry:
    """The points of a balance that expire first (``next_expiry`` of :class:`PointsProgress`)."""

    points: int
    expires_at: datetime


@dataclass(frozen=True)
class PointsProgress:
    """A balance as of now: points whose lifetime ended and a season that ended are left out already,
    even before the write that records them."""

    system: str
    name: str
    balance: int
    level: LevelReached | None
    next_level: NextLevel | None
    season: Season | None = None
    """The season running now, for a system with seasons; None otherwise (and from a server without
    seasons). Last, with a default, so that code building a ``PointsProgress`` (test doubles) keeps working."""
    next_expiry: NextExpiry | None = None
    """The points that expire first, and when; None when none of the balance expires. Last, with a
    default, as ``season``."""


@dataclass(frozen=True)
class Target:
    current: Decimal
    target: Decimal


@dataclass(frozen=True)
class AchievementProgress:
    key: str
    name: str
    hidden: bool
    unlocked: bool
    unlocked_at: datetime | None
    backfilled: bool
    progress: Target | None
    description: str | None = None
    """In the reader's language, as ``name``; None for none."""
    image_url: str | None = None
    """The https address of its picture; None when it has none (and from a server without images)."""


@dataclass(frozen=True)
class ConditionProgress:
    metric: str
    value: Decimal
    threshold: Decimal
    met: bool


@dataclass(frozen=True)
class StreakStanding:
    key: str
    name: str
    period: str
    timezone: str
    current: int
    longest: int
    freezes: int
    max_freezes: int
    period_start: datetime
    period_end: datetime
    period_met: bool
    at_risk: bool
    expires_at: datetime | None
    conditions: list[ConditionProgress]


@dataclass(frozen=True)
class Progress:
    user_id: str
    metrics: list[MetricProgress]
    points: list[PointsProgress]
    achievements: list[AchievementProgress]
    streaks: list[StreakStanding]
    recent_events: list[RecordedEvent]


@dataclass(frozen=True)
class PointsAdjustment:
    user_id: str
    system: str
    amount: int
    balance: int
    capped: bool
    reason: str
    level: LevelReached | None
    levels: list[LevelChange]
    idempotent_replayed: bool


@dataclass(frozen=True)
class PointsHistoryEntry:
    id: int
    amount: int
    balance: int
    source: str
    """``event`` (a metric trigger), ``achievement`` (a reward or an achievement trigger), ``streak``,
    ``adjustment`` (by hand), ``reward`` (a redemption's cost), ``refund`` (that cost given back), ``quest``
    (a completed quest's prize), ``expiry`` (points whose lifetime ended, taken away: reason ``expired``,
    no reference; see :class:`PointsExpiry`) or ``season`` (the balance back to zero at a season's end:
    reason ``season_ended``, reference the season's key such as ``2037-03``; see :class:`PointsSeason`).
    A newer server may add others."""
    reference: str | None
    reason: str | None
    created_at: datetime


@dataclass(frozen=True)
class Completion:
    user_id: str
    achievement: str
    already_unlocked: bool
    achievements: list[Unlock]
    points: list[PointsChange]
    levels: list[LevelChange]
    idempotent_replayed: bool
    quests: list[QuestChange] = field(default_factory=list)
    """Achievement steps it completed, quests completed (empty from a server without quests). Last, with a
    default, so that code building a ``Completion`` (test doubles) keeps working."""


@dataclass(frozen=True)
class Redemption:
    id: str
    """``rdm_...``, the reference of its points history entries."""
    user_id: str
    reward: str
    points_system: str
    cost: int
    status: str
    """``pending``, ``fulfilled`` or ``cancelled``."""
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class RedemptionPoints:
    system: str
    amount: int
    """Minus the cost for a redemption; the cost given back (up to the cap) for a cancellation."""
    balance: int


@dataclass(frozen=True)
class RedemptionChange:
    """The answer of a redeem and of a cancellation: the redemption and what it did to the balance."""

    redemption: Redemption
    points: RedemptionPoints
    levels: list[LevelChange]
    remaining: int | None
    """Units of the reward left afterwards; None when the stock is unlimited."""
    idempotent_replayed: bool


# --- seasons ---

@dataclass(frozen=True)
class Season:
    """One season of a points system (:class:`PointsSeason`)."""

    key: str
    """``2027`` (a year), ``2027-Q1`` (a quarter), ``2027-03`` (a month), or the local date of a week's first
    day or of a day (``2027-03-01``)."""
    start: datetime
    end: datetime
    """Exclusive."""


@dataclass(frozen=True)
class EndedSeason:
    """A season that ended with at least one non-zero balance (``seasons`` of :class:`Seasons`)."""

    key: str
    start: datetime
    end: datetime
    participants: int
    """The users whose balance was not zero at its end."""


@dataclass(frozen=True)
class Seasons:
    """``GET /v1/points/{key}/seasons``: the season running now and the seasons that ended, newest first.
    A season's standings fill in as its balances end: at each user's next write, or by the server's
    expiry sweep."""

    points_system: str
    current: Season | None
    """The season running now; None for a system without seasons, or an archived one."""
    seasons: list[EndedSeason]


@dataclass(frozen=True)
class SeasonEntry:
    rank: int
    """Shared among equal points (1, 2, 2, 4); equal points list by user id."""
    user_id: str
    points: int
    """The balance at the season's end."""
    level: LevelReached | None
    """The level then, named in the client's ``accept_language``, else the application's default language;
    None without levels."""


@dataclass(frozen=True)
class SeasonStandings:
    """A page of a season's final standings (``GET /v1/points/{key}/seasons/{season}``): the users whose
    balance was not zero at its end, by that balance, highest first."""

    points_system: str
    season: Season
    entries: list[SeasonEntry]
    next_cursor: str | None

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None


@dataclass(frozen=True)
class UserSeason:
    """A season of a points system that ended while the user held points (:meth:`UsersApi.points_seasons`)."""

    season: Season
    points: int
    """The balance at the season's end."""
    level: LevelReached | None
    """The level then, named in the user's ``locale``, else the client's ``accept_language``, else the
    application's default; None without levels."""


# --- quests ---

@dataclass(frozen=True)
class UserQuestStep:
    key: str
    metric: str | None
    achievement: str | None
    progress: Decimal | None
    """The user's total of the metric in the window; None for an achievement step."""
    total: Decimal | None
    completed: bool
    completed_at: datetime | None


@dataclass(frozen=True)
class UserQuest:
    """A user's standing in one active quest as of now: the current window of a recurring quest, the
    fixed window of a fixed one."""

    key: str
    name: str
    description: str | None
    enrollment: str
    order: str
    status: str
    """``not_joined``, ``upcoming``, ``active``, ``completed``, ``expired`` or ``ended`` (a fixed window
    that ended without the user taking part)."""
    joined: bool
    joined_at: datetime | None
    window_start: datetime
    window_end: datetime
    steps_done: int
    steps_total: int
    steps: list[UserQuestStep]
    completed_at: datetime | None
    reward: QuestPrize | None
    image_url: str | None = None
    """The https address of its picture; None when it has none (and from a server without images)."""


@dataclass(frozen=True)
class QuestHistoryEntry:
    """A window of a user's quest that ended."""

    quest: str
    window_start: datetime
    window_end: datetime
    status: str
    """``completed`` or ``expired``."""
    steps_done: int
    steps_total: int
    completed_at: datetime | None
    recorded_at: datetime


@dataclass(frozen=True)
class UserQuests:
    """``GET /v1/users/{id}/quests``: the user's standing in every active quest (by key) and the latest 20
    windows that ended, newest first (all of them: :meth:`UsersApi.quest_history`)."""

    user_id: str
    quests: list[UserQuest]
    history: list[QuestHistoryEntry]


@dataclass(frozen=True)
class QuestJoin:
    """The answer of a join: the user's standing afterwards and what joining changed (held achievements
    count at once)."""

    user_id: str
    quest: UserQuest
    changes: list[QuestChange]
    points: list[PointsChange]
    """The points a prize paid, per points system (joining can complete a quest: held achievements count)."""
    achievements: list[Unlock]
    """The achievements a prize unlocked."""
    levels: list[LevelChange]
    idempotent_replayed: bool


# --- teams ---

@dataclass(frozen=True)
class TeamQuestStep:
    key: str
    metric: str
    progress: Decimal
    """The team's members' total of the metric in the window."""
    total: Decimal
    completed: bool


@dataclass(frozen=True)
class TeamQuest:
    """A team's standing in one active team quest as of now: the current window of a recurring quest
    (in the quest's timezone), the fixed window of a fixed one."""

    key: str
    name: str
    description: str | None
    status: str
    """``upcoming`` (a fixed window not started), ``active``, ``completed`` or ``ended`` (a fixed window
    that ended unfinished)."""
    window_start: datetime
    window_end: datetime
    steps_done: int
    steps_total: int
    steps: list[TeamQuestStep]
    completed_at: datetime | None
    reward: QuestPrize | None
    """What completing it pays each member, or None."""
    image_url: str | None = None
    """The https address of its picture; None when it has none (and from a server without images)."""


@dataclass(frozen=True)
class TeamQuests:
    """``GET /v1/teams/{id}/quests``: the team's standing in every active team quest, by key."""

    team_id: str
    quests: list[TeamQuest]


@dataclass(frozen=True)
class Team:
    id: str
    name: str
    attributes: dict[str, str]
    members: int
    """How many users are members of it."""
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class TeamMembership:
    team_id: str
    user_id: str
    joined_at: datetime


@dataclass(frozen=True)
class TeamLeaderboard:
    """A team leaderboard (``/v1/team_leaderboards``) in canonical form: teams ranked by what their
    members did while they were members."""

    key: str
    name: str | dict[str, str]
    """As defined: a string, or texts by BCP 47 language tag."""
    description: str | dict[str, str] | None
    rank_by: dict[str, Any]
    """``{"type": "metric", "metric": ...}`` or ``{"type": "points", "system": ...}``."""
    aggregate: str
    """``sum`` or ``average`` (the sum divided by the team's members now)."""
    period: str
    """``all_time``, ``daily``, ``weekly``, ``monthly``, ``quarterly`` or ``yearly``, in ``timezone``."""
    timezone: str
    week_start: str
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None


@dataclass(frozen=True)
class TeamLeaderboardPeriod:
    key: str
    """``all``, a local date (a day; a week's first day), ``YYYY-MM``, ``YYYY-Qn`` (a quarter) or ``YYYY``
    (a year)."""
    start: datetime | None
    """None for all time."""
    end: datetime | None
    """Exclusive; None for all time."""


@dataclass(frozen=True)
class TeamLeaderboardEntry:
    rank: int
    """Shared among equal scores (1, 2, 2, 4); equal scores list by team id."""
    team_id: str
    name: str
    score: Decimal
    """The sum, or with ``average`` the sum divided by ``members`` (to 6 decimal places)."""
    members: int
    """The team's members now."""


@dataclass(frozen=True)
class TeamLeaderboardRanking:
    leaderboard: TeamLeaderboard
    period: TeamLeaderboardPeriod
    participants: int
    """How many teams are ranked in the period."""
    entries: list[TeamLeaderboardEntry]
    next_cursor: str | None

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None


@dataclass(frozen=True)
class TeamLeaderboardPlace:
    team_id: str
    name: str
    rank: int
    score: Decimal
    members: int
    participants: int
    period: TeamLeaderboardPeriod


@dataclass(frozen=True)
class StreakHistoryEntry:
    period_start: datetime
    period_end: datetime
    first_day: date
    timezone: str
    result: str
    """``met``, ``frozen`` or ``missed``."""
    length: int
    recorded_at: datetime


@dataclass(frozen=True)
class FreezeGrant:
    user_id: str
    streak: str
    requested: int
    granted: int
    freezes: int
    max_freezes: int
    streaks: list[StreakChange]
    idempotent_replayed: bool


# --- webhooks and the audit log ---

@dataclass(frozen=True)
class WebhookEndpoint:
    id: str
    url: str
    description: str | None
    event_types: list[str]
    enabled: bool
    disabled_reason: str | None
    disabled_at: datetime | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class NewWebhookEndpoint(WebhookEndpoint):
    """A new endpoint with its ``whsec_`` secret, shown only in this answer."""

    secret: str = field(default="", repr=False)


@dataclass(frozen=True)
class WebhookSecretRotation:
    secret: str = field(repr=False)
    previous_secret_expires_at: datetime | None


@dataclass(frozen=True)
class WebhookDelivery:
    seq: int
    message_id: str
    type: str
    attempt: int
    status: str
    """``succeeded``, ``pending`` or ``failed``."""
    http_status: int | None
    latency_ms: int
    response: str | None
    attempted_at: datetime
    next_attempt_at: datetime | None


@dataclass(frozen=True)
class WebhookPing:
    status: str
    http_status: int | None
    latency_ms: int
    response: str | None

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"


@dataclass(frozen=True)
class WebhookNotice:
    seq: int
    id: str
    type: str
    endpoint_id: str
    url: str
    reason: str
    created_at: datetime


@dataclass(frozen=True)
class AuditEntry:
    id: str
    occurred_at: datetime
    tenant_id: str | None
    application_id: str | None
    actor: dict[str, Any]
    address: str | None
    action: str
    target: dict[str, Any]
    summary: str


# --- usage figures ---


@dataclass(frozen=True)
class StatsGroup:
    """One group's figures in a bucket (``groups`` of :class:`StatsBucket`); the maps by key hold only keys
    with a count."""

    events: int
    active_users: int
    points_awarded: dict[str, int]
    achievements_unlocked: dict[str, int]
    streaks_extended: dict[str, int]
    streaks_lost: dict[str, int]


@dataclass(frozen=True)
class StatsGroups:
    """A bucket's figures by group (``docs/control-groups.md``); the two add up to the bucket's own. A write
    counts in the group its user was in when it happened."""

    game: StatsGroup
    """The users who play."""
    control: StatsGroup
    """The application's control group (``control_group_percent``)."""


@dataclass(frozen=True)
class StatsBucket:
    """One UTC hour's, day's or week's figures (``docs/stats.md``). The maps by key hold only keys with
    a count; ``webhook_deliveries`` and ``requests`` always name every outcome and method."""

    start: datetime
    events: int
    active_users: int
    points_awarded: dict[str, int]
    achievements_unlocked: dict[str, int]
    streaks_extended: dict[str, int]
    streaks_lost: dict[str, int]
    webhook_deliveries: dict[str, int]
    requests: dict[str, int]
    groups: StatsGroups | None = None
    """The events, active users, points, achievements and streaks split between the users who play and the
    control group; None from a server without control groups. Last, with a default, so that code building
    a ``StatsBucket`` (test doubles) keeps working."""


@dataclass(frozen=True)
class StatsSeries:
    """Usage figures over a range (``GET /v1/stats``): every bucket, in order, empty ones included.
    ``from_`` is the start of the first bucket (``from`` in JSON), ``to`` the end of the last."""

    interval: str
    from_: datetime
    to: datetime
    buckets: list[StatsBucket]
