// Request and answer types of the application API, read from the types generated from openapi.yaml
// (src/generated/openapi.ts), so that they cannot drift from the contract.
import type { components, operations } from "./generated/openapi.js";

export type { components, operations, paths } from "./generated/openapi.js";

type Schemas = components["schemas"];

/** The JSON request body of an operation. */
export type RequestBody<Op extends keyof operations> =
  operations[Op] extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;

/** The JSON answer of an operation for its success status (200 or 201). */
export type Answer<Op extends keyof operations> =
  operations[Op]["responses"] extends { 200: { content: { "application/json": infer A } } } ? A
    : operations[Op]["responses"] extends { 201: { content: { "application/json": infer A } } } ? A
      : never;

/** The query parameters of an operation. */
export type Query<Op extends keyof operations> =
  operations[Op]["parameters"] extends { query?: infer Q } ? NonNullable<Q> : never;

export type Problem = Schemas["Problem"];
export type ErrorCode = Schemas["ErrorCode"];

export type EventRequest = RequestBody<"recordEvent">;
export type EventAnswer = Answer<"recordEvent">;
export type EventBatchAnswer = Answer<"recordEvents">;
export type EventBatchResult = EventBatchAnswer["results"][number];
export type ValidatedEvent = Answer<"validateEvent">;
/** A `points` entry of a write's answer; `cap` names the earning cap that cut what an event earned. */
export type PointsChange = Schemas["PointsChange"];
export type CapReached = Schemas["CapReached"];
/** An achievement a write unlocked (`achievements` of its answer): its name in the reader's language, `image_url`. */
export type Unlock = Schemas["Unlock"];
/** A level a user holds (`previous` and `current` of a write's `levels`, `level` in progress); null below the first. */
export type LevelReached = Schemas["LevelReached"];

export type UserProfile = RequestBody<"putUser">;
export type User = Answer<"getUser">;
export type UserList = Answer<"listUsers">;
export type Progress = Answer<"getProgress">;
/**
 * A balance in `Progress` (`points[]`): `balance`, `level`, `next_level`, the `season` running now (null for a
 * system without seasons) and `next_expiry` (`{ points, expires_at }`, the points that expire first; null when
 * none of the balance expires).
 */
export type PointsProgress = Schemas["PointsProgress"];
/** An achievement in `Progress`: name and description in the reader's language, `image_url`, how far the user is. */
export type AchievementProgress = Schemas["AchievementProgress"];
export type AuditQuery = Query<"listOwnAuditEntries">;
export type AuditList = Answer<"listOwnAuditEntries">;
export type StatsQuery = Query<"getStats">;
export type StatsSeries = Answer<"getStats">;
/** One bucket of a `StatsSeries`; `groups` splits its figures between `game` and `control` (the control group). */
export type StatsBucket = StatsSeries["buckets"][number];
export type StatsGroup = Schemas["StatsGroup"];
export type PointsAdjustmentRequest = RequestBody<"adjustPoints">;
export type PointsAdjustment = Answer<"adjustPoints">;
export type PointsHistory = Answer<"pointsHistory">;
/** One entry of a `PointsHistory`: a change of the balance, its `source`, `reference` and `reason`. */
export type PointsHistoryEntry = Schemas["PointsHistoryEntry"];
/**
 * What changed a balance (`source` of a `PointsHistoryEntry`): `event`, `achievement`, `streak`, `adjustment`,
 * `reward`, `refund`, `quest`, `expiry` (points whose lifetime ended, taken away: reason `"expired"`, no
 * reference; see `PointsExpiry`), or `season` (the balance taken back to zero at a season's end: reason
 * `"season_ended"`, reference the season's key such as `"2037-03"`; see `PointsSeason`).
 */
export type PointsSource = PointsHistoryEntry["source"];
export type Completion = Answer<"completeAchievement">;
export type UserStreaks = Answer<"listUserStreaks">;
export type StreakStanding = Answer<"getUserStreak">;
export type StreakHistory = Answer<"streakHistory">;
export type FreezeGrant = Answer<"grantFreezes">;
/** The flag a velocity guard raised on a user (`flag` of a user and of an event answer). */
export type UserFlag = Schemas["UserFlag"];
export type FlagClearAnswer = Answer<"clearUserFlag">;
/** Everything Ludus holds about one user (`users.export`): the profile and every table's rows about them. */
export type UserExport = Answer<"exportUser">;
/** The rows of one table in a `UserExport`, as stored (column names as members). */
export type ExportRows = Schemas["ExportRows"];

/** An event as the server recorded it: an event answer's `event`, a line of `exports.events`. */
export type RecordedEvent = Schemas["Event"];
export type ExportEventsQuery = Query<"exportEvents">;
export type ExportUsersQuery = Query<"exportUsers">;
/**
 * A line of `exports.users`: the user's profile (with `flagged_at` instead of the `flag`), their `metrics`
 * (totals), `points` (balances) and `achievements` (unlock instants), each by key.
 */
export type ExportedUser = Omit<User, "flag"> & {
  flagged_at: string | null;
  metrics: Record<string, number>;
  points: Record<string, number>;
  achievements: Record<string, string>;
};

/** Texts by BCP 47 language tag: `{ en: "First steps", fr: "Premiers pas" }` (tags read back in canonical form). */
export type LocalizedNames = Schemas["LocalizedNames"];
/**
 * A rule's or a level's name as its definition gives it (and reads back): one string for everyone, or texts
 * by language tag. Answers about a user carry one string: the user's `locale`, else the request's
 * `Accept-Language` (the client's `acceptLanguage`), else the application's `default_language`, else the first.
 */
export type LocalizedName = Schemas["LocalizedName"];
/** A rule's description as its definition gives it: one string, texts by language tag, or null. */
export type LocalizedDescription = Schemas["LocalizedDescription"];

export type MetricDefinition = RequestBody<"putMetric">;
export type Metric = Answer<"getMetric">;
export type VelocityGuard = Schemas["VelocityGuard"];
export type PointsSystemDefinition = RequestBody<"putPointsSystem">;
export type PointsSystem = Answer<"getPointsSystem">;
export type EarningCap = Schemas["EarningCap"];
/**
 * A points system's `expiry` (`{ after_days: 30, notice_days: 7 }`; null or absent: its points never expire): the
 * points earned on a day (UTC) live `after_days` (1 to 3650) full days and expire at the start of the next;
 * spending takes the oldest first. Expired points leave as a history entry of source `expiry`. With
 * `notice_days` (1 to `after_days`; read back null when unset), a `points.expiring` webhook tells of each lot
 * that many days before it expires.
 */
export type PointsExpiry = Schemas["PointsExpiry"];
/**
 * A points system's `season` (`{ period: "monthly", timezone: "Europe/Oslo", week_start: "monday" }`; null or
 * absent: none): at the end of every period (`daily`, `weekly`, `monthly`, `quarterly`, `yearly`, cut in
 * `timezone`, default `UTC`; weeks from `week_start`, default `monday`) each balance's final standing is kept
 * and the balance goes back to zero, as a history entry of source `season`. Read back with all three members.
 */
export type PointsSeason = Schemas["PointsSeason"];
/** A season: its `key` (`2027`, `2027-Q1`, `2027-03`, or the local date a week or day starts), `start`, `end`. */
export type Season = Schemas["Season"];
/** `pointsSystems.seasons(key)`: the season running now (`current`, or null) and those that ended, newest first. */
export type SeasonList = Answer<"listPointsSeasons">;
/** A season that ended, in a `SeasonList`: a `Season` and its `participants` (users with a balance at its end). */
export type EndedSeason = SeasonList["seasons"][number];
/** A page of a season's final standings (`pointsSystems.standings`): `season`, `entries`, `next_cursor`. */
export type SeasonStandings = Answer<"getPointsSeason">;
/** An entry of `SeasonStandings`: `rank` (equal points share one), `user_id`, `points` at the end and `level` then. */
export type SeasonStanding = SeasonStandings["entries"][number];
/** A page of a user's seasons in one points system (`users.seasons`), newest first. */
export type UserSeasonList = Answer<"userPointsSeasons">;
/** One of a user's seasons: the `season`, the balance (`points`) at its end and the `level` then. */
export type UserSeason = UserSeasonList["items"][number];
/** One of a points system's `levels`: its name (a string or texts by language tag), threshold and `image_url`. */
export type Level = Schemas["Level"];
export type AchievementDefinition = RequestBody<"putAchievement">;
export type Achievement = Answer<"getAchievement">;
export type StreakDefinition = RequestBody<"putStreak">;
export type Streak = Answer<"getStreak">;
export type LeaderboardDefinition = RequestBody<"putLeaderboard">;
export type Leaderboard = Answer<"listLeaderboards"> extends { items: (infer L)[] } ? L : never;
/**
 * The periods a leaderboard or a team leaderboard ranks by (`period` of its definition): `all_time`, `daily`,
 * `weekly`, `monthly`, `quarterly` (keys such as `2037-Q1`) or `yearly` (`2037`), cut in the board's timezone.
 */
export type RankingPeriod = NonNullable<LeaderboardDefinition["period"]>;
export type LeaderboardRanking = Answer<"getLeaderboard">;
export type LeaderboardRank = Answer<"getLeaderboardUser">;
export type RewardDefinition = RequestBody<"putReward">;
export type RewardRule = Answer<"getReward">;

export type RedemptionStatus = Schemas["RedemptionStatus"];
export type Redemption = Answer<"getRedemption">;
export type RedemptionList = Answer<"listUserRedemptions">;
export type RedeemAnswer = Answer<"redeemReward">;
export type FulfillAnswer = Answer<"fulfillRedemption">;
export type CancelAnswer = Answer<"cancelRedemption">;

export type TeamRequest = RequestBody<"putTeam">;
export type Team = Answer<"getTeam">;
export type TeamList = Answer<"listTeams">;
export type TeamMembership = Answer<"joinTeam">;
export type TeamMembershipList = Answer<"listTeamMembers">;
export type TeamLeaderboardDefinition = RequestBody<"putTeamLeaderboard">;
export type TeamLeaderboard = Answer<"getTeamLeaderboard">;
export type TeamLeaderboardList = Answer<"listTeamLeaderboards">;
export type TeamLeaderboardRanking = Answer<"getTeamLeaderboardRanking">;
export type TeamLeaderboardEntry = Schemas["TeamLeaderboardEntry"];
export type TeamLeaderboardPeriod = Schemas["TeamLeaderboardPeriod"];
export type TeamLeaderboardPlace = Answer<"getTeamLeaderboardTeam">;

export type QuestDefinition = RequestBody<"putQuest">;
export type QuestStepDefinition = Schemas["QuestStepDefinition"];
export type QuestWindow = Schemas["QuestWindow"];
export type QuestRule = Answer<"getQuest">;
export type QuestRuleList = Answer<"listQuests">;
export type QuestPrize = Schemas["QuestPrize"];
export type QuestChange = Schemas["QuestChange"];
export type QuestJoinAnswer = Answer<"joinQuest">;
export type UserQuest = Schemas["UserQuest"];
export type UserQuestStep = Schemas["UserQuestStep"];
export type UserQuests = Answer<"listUserQuests">;
export type QuestHistory = Answer<"questHistory">;
export type QuestHistoryEntry = Schemas["QuestHistoryEntry"];
export type TeamQuests = Answer<"listTeamQuests">;
export type TeamQuest = Schemas["TeamQuest"];
export type TeamQuestStep = Schemas["TeamQuestStep"];

export type NewWebhookEndpointRequest = RequestBody<"createWebhook">;
export type NewWebhookEndpoint = Answer<"createWebhook">;
export type WebhookEndpoint = Answer<"getWebhook">;
export type WebhookEndpointChanges = RequestBody<"changeWebhook">;
export type WebhookEndpointList = Answer<"listWebhooks">;
export type WebhookSecretRotation = Answer<"rotateWebhookSecret">;
export type WebhookDeliveries = Answer<"listWebhookDeliveries">;
export type WebhookReplayRequest = RequestBody<"replayWebhook">;
export type WebhookReplay = Answer<"replayWebhook">;
export type WebhookPing = Answer<"pingWebhook">;
export type WebhookNotices = Answer<"listWebhookEvents">;
/**
 * The message types an endpoint subscribes to (`event_types`), `quest.step_completed`, `user.flagged` and
 * the others.
 */
export type WebhookEventType = NewWebhookEndpointRequest["event_types"][number];
/** The `data` of the `quest.step_completed`, `quest.completed` and `quest.expired` messages. */
export type QuestWebhookData = Schemas["QuestChangedData"];
/** A `quest.*` message as `verifyWebhook` answers it. */
export type QuestWebhookMessage = Schemas["QuestStepCompletedMessage"] | Schemas["QuestCompletedMessage"]
  | Schemas["QuestExpiredMessage"];
/** The `data` of the `user.flagged` message: `user_id` and the `flag`. */
export type UserFlaggedWebhookData = Schemas["UserFlaggedData"];
/** A `user.flagged` message as `verifyWebhook` answers it. */
export type UserFlaggedWebhookMessage = Schemas["UserFlaggedMessage"];
/**
 * A `points.expiring` message as `verifyWebhook` answers it: sent once per lot, `expiry.notice_days` before it
 * expires, if it still holds points.
 */
export type PointsExpiringWebhookMessage = Schemas["PointsExpiringMessage"];
/** The `data` of a `points.expiring` message: `user_id` and `expiring`: `system`, `points`, `expires_at`, `balance`. */
export type PointsExpiringWebhookData = PointsExpiringWebhookMessage["data"];

export type Verification = Answer<"verifyToken">;
export type RevocationRequest = RequestBody<"revokeTokens">;
export type Revocation = Answer<"revokeTokens">;
export type AuthToken = Answer<"issueAuthToken">;
export type Application = Answer<"getOwnApplication">;
export type ApplicationChanges = RequestBody<"updateOwnApplication">;
