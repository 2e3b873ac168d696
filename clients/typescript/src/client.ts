import { ClientCredentialsAuthentication, GivenTokenAuthentication } from "./auth.js";
import { LudusError } from "./errors.js";
import { path, Transport } from "./transport.js";
import type { Authentication, CallOptions, RequestSpec, TransportOptions } from "./transport.js";
import type * as T from "./types.js";

/** Options of {@link Ludus}: the server, exactly one authentication method, and the transport's settings. */
export interface LudusOptions extends Omit<TransportOptions, "baseUrl"> {
  /** `https://ludus.example.com`, without `/v1`. */
  baseUrl: string;
  /** Auth tokens from `POST /v1/auth_token` (spec 003), cached: the recommended method on a server. */
  clientCredentials?: { clientId: string; clientSecret: string };
  /** A token you already have, or a function that answers one (a browser asks its own back end). */
  token?: string | (() => string | Promise<string>);
  /** Only in `ludus-client/server`: the API secret never belongs in a browser. */
  applicationToken?: never;
  /** Only in `ludus-client/server`. */
  ecdsa?: never;
}

/** An authentication method that can also act for one user ({@link Ludus.asUser}). */
export interface UserAuthentication extends Authentication {
  forUser?(userId: string): Authentication;
}

/** A page of a list: `items` and the `next_cursor` to pass for the next page (null on the last). */
export interface Page<I> {
  items: I[];
  next_cursor?: string | null;
}

interface Calls {
  readonly transport: Transport;
  readonly auth: Authentication;
}

function call<R>(c: Calls, method: string, p: string, spec?: RequestSpec): Promise<R> {
  return c.transport.call<R>(c.auth, method, p, spec);
}

/** A new idempotency key: a random UUID. */
export function idempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** Follows `next_cursor` from the first page to the last, one page at a time. */
async function* every<I>(fetchPage: (cursor: string | undefined) => Promise<Page<I>>): AsyncGenerator<I> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
}

export interface ListOptions extends CallOptions {
  limit?: number;
  cursor?: string;
}

export interface RuleListOptions extends ListOptions {
  includeArchived?: boolean;
}

export interface RedemptionListOptions extends ListOptions {
  /** Only the redemptions of this status. */
  status?: T.RedemptionStatus;
}

export interface QuestHistoryOptions extends ListOptions {
  /** Only the windows of this quest. */
  quest?: string;
}

export interface ExportOptions extends CallOptions {
  /** `ndjson` (default): one JSON object a line; `csv`: a header line, then a line a record. */
  format?: "ndjson" | "csv";
}

export interface WriteOptions extends CallOptions {
  /** Sent on every attempt; one is generated when absent, so a retried write is applied once. */
  idempotencyKey?: string;
}

/** put, get, list and archive of one kind of rule (`/v1/metrics`, `/v1/points`, ...). */
/** A rules collection: `Got` is what `GET /v1/<collection>/{key}` answers (a leaderboard's answers its ranking). */
export class RulesApi<Definition, Rule, Got = Rule> {
  constructor(private readonly c: Calls, private readonly base: string) {}

  /** Defines, replaces (the whole definition) or restores the rule. Scope `admin`. */
  put(key: string, definition: Definition, options?: CallOptions): Promise<Rule> {
    return call(this.c, "PUT", this.base + path`/${key}`, { ...options, body: definition });
  }

  get(key: string, options?: CallOptions): Promise<Got> {
    return call(this.c, "GET", this.base + path`/${key}`, options);
  }

  list(options: RuleListOptions = {}): Promise<Page<Rule>> {
    return call(this.c, "GET", this.base, {
      signal: options.signal,
      query: { limit: options.limit, cursor: options.cursor, include_archived: options.includeArchived },
    });
  }

  /** Every rule, page after page: `for await (const rule of api.listAll())`. */
  listAll(options: { includeArchived?: boolean } & CallOptions = {}): AsyncGenerator<Rule> {
    return every((cursor) => this.list({ ...options, limit: 100, cursor: cursor as string }));
  }

  /** Archives the rule (`put` restores it). Scope `admin`. */
  async archive(key: string, options?: CallOptions): Promise<void> {
    await call(this.c, "DELETE", this.base + path`/${key}`, options);
  }
}

/** `get(key)` answers the current period's ranking, as `top(key)` does: the board's definition is in `list()`. */
export class LeaderboardsApi extends RulesApi<T.LeaderboardDefinition, T.Leaderboard, T.LeaderboardRanking> {
  constructor(private readonly calls: Calls) {
    super(calls, "/v1/leaderboards");
  }

  /** The ranking of a period (default the current one), from the top. */
  top(key: string, options: ListOptions & { period?: string } = {}): Promise<T.LeaderboardRanking> {
    return call(this.calls, "GET", path`/v1/leaderboards/${key}`, {
      signal: options.signal, query: { period: options.period, limit: options.limit, cursor: options.cursor },
    });
  }

  /** The users ranked `radius` above and below `userId` (`me` for the token's subject). */
  around(key: string, userId: string, options: CallOptions & { radius?: number; period?: string } = {})
    : Promise<T.LeaderboardRanking> {
    return call(this.calls, "GET", path`/v1/leaderboards/${key}`, {
      signal: options.signal, query: { around: userId, radius: options.radius, period: options.period },
    });
  }

  /** One user's rank. */
  rank(key: string, userId: string, options: CallOptions & { period?: string } = {}): Promise<T.LeaderboardRank> {
    return call(this.calls, "GET", path`/v1/leaderboards/${key}/users/${userId}`, {
      signal: options.signal, query: { period: options.period },
    });
  }
}

/**
 * `/v1/points`: points systems (put, get, list, archive as for every rule) and their seasons: the
 * season running now and those that ended, and a season's final standings (scope `read`). A user's own
 * seasons are `users.seasons`.
 */
export class PointsSystemsApi extends RulesApi<T.PointsSystemDefinition, T.PointsSystem> {
  constructor(private readonly calls: Calls) {
    super(calls, "/v1/points");
  }

  /**
   * The season running now (`current`, null for a system without seasons or archived) and the seasons
   * that ended with at least one non-zero balance, newest first, each with its `participants`.
   * 404 `not_found` for a system never defined (an archived one is found).
   */
  seasons(key: string, options?: CallOptions): Promise<T.SeasonList> {
    return call(this.calls, "GET", path`/v1/points/${key}/seasons`, options);
  }

  /**
   * A page of a season's final standings (`season`: its key, `2027`, `2027-Q1`, `2027-03` or a local date
   * `2027-03-01`): the users whose balance was not zero at its end, highest first, equal points sharing a
   * rank, with their level then (named by `acceptLanguage`, else the application's default language);
   * `limit` 1 to 100 (default 50). 404 `not_found` when no balance ended that season; 400 naming `season`
   * for a key of another form.
   */
  standings(key: string, season: string, options: ListOptions = {}): Promise<T.SeasonStandings> {
    return call(this.calls, "GET", path`/v1/points/${key}/seasons/${season}`, {
      signal: options.signal, query: { limit: options.limit, cursor: options.cursor },
    });
  }

  /** Every entry of a season's final standings, in rank order, page after page. */
  standingsAll(key: string, season: string, options: CallOptions = {}): AsyncGenerator<T.SeasonStanding> {
    return every(async (cursor) => {
      const page = await this.standings(key, season, { ...options, limit: 100, cursor: cursor as string });
      return { items: page.entries, next_cursor: page.next_cursor };
    });
  }
}

/**
 * `/v1/rewards`: the rewards catalog (put, get, list, archive as for every rule), a reward's
 * redemptions, and `/v1/redemptions/{id}`: read, fulfill or cancel one. Redeeming is `users.redeem`.
 */
export class RewardsApi extends RulesApi<T.RewardDefinition, T.RewardRule> {
  constructor(private readonly calls: Calls) {
    super(calls, "/v1/rewards");
  }

  /** Every user's redemptions of the reward, newest first. Scope `users:read`. */
  redemptions(key: string, options: RedemptionListOptions = {}): Promise<T.RedemptionList> {
    return call(this.calls, "GET", path`/v1/rewards/${key}/redemptions`, {
      signal: options.signal, query: { limit: options.limit, cursor: options.cursor, status: options.status },
    });
  }

  /** One redemption, any user's. Scope `users:read`. */
  redemption(id: string, options?: CallOptions): Promise<T.Redemption> {
    return call(this.calls, "GET", path`/v1/redemptions/${id}`, options);
  }

  /** The reward was handed over: a pending redemption becomes fulfilled. Scope `users:write`. */
  fulfill(id: string, options?: CallOptions): Promise<T.FulfillAnswer> {
    return call(this.calls, "POST", path`/v1/redemptions/${id}/fulfill`, options);
  }

  /**
   * A pending redemption becomes cancelled: its cost goes back to the user, its unit to the stock.
   * Sent with an idempotency key (the option, or a generated UUID), so a retry refunds once. Scope `users:write`.
   */
  cancel(id: string, options: WriteOptions = {}): Promise<T.CancelAnswer> {
    return call(this.calls, "POST", path`/v1/redemptions/${id}/cancel`, {
      signal: options.signal, idempotencyKey: options.idempotencyKey ?? idempotencyKey(), resendable: true,
    });
  }
}

/**
 * `/v1/team_leaderboards`: boards ranking teams by what their members did while they were members
 * (a metric's event values or a points system's changes, summed or averaged over the members, per
 * period): put, get, list and archive as for every rule (scope `admin` to change, `read` to look),
 * a period's ranking and one team's place (scope `read`).
 */
export class TeamLeaderboardsApi extends RulesApi<T.TeamLeaderboardDefinition, T.TeamLeaderboard> {
  constructor(private readonly calls: Calls) {
    super(calls, "/v1/team_leaderboards");
  }

  /**
   * A page of the ranking of a period, from the top: `period` is any local date (`YYYY-MM-DD`, in
   * the board's timezone) inside the wanted period, default the current one; `limit` 1 to 100
   * (default 50). 404 `not_found` for an unknown board.
   */
  ranking(key: string, options: ListOptions & { period?: string } = {}): Promise<T.TeamLeaderboardRanking> {
    return call(this.calls, "GET", path`/v1/team_leaderboards/${key}/ranking`, {
      signal: options.signal, query: { period: options.period, limit: options.limit, cursor: options.cursor },
    });
  }

  /** Every entry of a period's ranking, in rank order, page after page. */
  rankingAll(key: string, options: CallOptions & { period?: string } = {}): AsyncGenerator<T.TeamLeaderboardEntry> {
    return every(async (cursor) => {
      const page = await this.ranking(key, { ...options, limit: 100, cursor: cursor as string });
      return { items: page.entries, next_cursor: page.next_cursor };
    });
  }

  /**
   * One team's rank, score and members in a period (default the current one); 404 `not_found` for an
   * unknown board, or when the team has no score in the period.
   */
  place(key: string, teamId: string, options: CallOptions & { period?: string } = {})
    : Promise<T.TeamLeaderboardPlace> {
    return call(this.calls, "GET", path`/v1/team_leaderboards/${key}/teams/${teamId}`, {
      signal: options.signal, query: { period: options.period },
    });
  }
}

/**
 * `/v1/quests`: quests, steps (metric totals, achievements held) to complete inside a fixed or a
 * recurring window for a prize: put, get, list and archive as for every rule (scope `admin` to
 * change, `read` to look). Joining one is `users.joinQuest`; a user's standing `users.quests`, the
 * windows that ended `users.questHistory`.
 */
export class QuestsApi extends RulesApi<T.QuestDefinition, T.QuestRule> {
  constructor(calls: Calls) {
    super(calls, "/v1/quests");
  }
}

/**
 * `/v1/teams`: teams of users (put, get, list, delete; scope `users:write` to change, `read` to look)
 * and their members (join, leave, list). A user's own teams are `users.teams`.
 */
export class TeamsApi {
  constructor(private readonly c: Calls) {}

  /**
   * Creates (201) or replaces (200) the team's name and attributes; a member left out takes its
   * default (`name`: the id; `attributes`: none). Its members stay. Scope `users:write`.
   */
  put(teamId: string, team: T.TeamRequest = {}, options?: CallOptions): Promise<T.Team> {
    return call(this.c, "PUT", path`/v1/teams/${teamId}`, { ...options, body: team });
  }

  /** The team, with its member count; 404 `not_found` for an unknown one. */
  get(teamId: string, options?: CallOptions): Promise<T.Team> {
    return call(this.c, "GET", path`/v1/teams/${teamId}`, options);
  }

  /** A page of the application's teams, by id. */
  list(options: ListOptions = {}): Promise<T.TeamList> {
    return call(this.c, "GET", "/v1/teams", {
      signal: options.signal, query: { limit: options.limit, cursor: options.cursor },
    });
  }

  /** Every team, page after page: `for await (const team of ludus.teams.listAll())`. */
  listAll(options: CallOptions = {}): AsyncGenerator<T.Team> {
    return every((cursor) => this.list({ ...options, limit: 100, cursor: cursor as string }));
  }

  /** Deletes the team and its memberships (its members stay users). Scope `users:write`. */
  async delete(teamId: string, options?: CallOptions): Promise<void> {
    await call(this.c, "DELETE", path`/v1/teams/${teamId}`, options);
  }

  /**
   * Makes the user a member of the team: the new membership, or the existing one (same `joined_at`)
   * when the user is already a member. Refusals: 404 `not_found` (no such team or user); 409
   * `team_limit_reached` (the user is in the application's `max_teams_per_user` teams). Scope `users:write`.
   */
  join(teamId: string, userId: string, options?: CallOptions): Promise<T.TeamMembership> {
    return call(this.c, "PUT", path`/v1/teams/${teamId}/members/${userId}`, options);
  }

  /** Ends the user's membership; 404 `not_found` when the user is not a member. Scope `users:write`. */
  async leave(teamId: string, userId: string, options?: CallOptions): Promise<void> {
    await call(this.c, "DELETE", path`/v1/teams/${teamId}/members/${userId}`, options);
  }

  /** A page of the team's memberships, by user id. */
  members(teamId: string, options: ListOptions = {}): Promise<T.TeamMembershipList> {
    return call(this.c, "GET", path`/v1/teams/${teamId}/members`, {
      signal: options.signal, query: { limit: options.limit, cursor: options.cursor },
    });
  }

  /** Every membership of the team, page after page. */
  membersAll(teamId: string, options: CallOptions = {}): AsyncGenerator<T.TeamMembership> {
    return every((cursor) => this.members(teamId, { ...options, limit: 100, cursor: cursor as string }));
  }

  /**
   * The team's standing in every active team quest (`"team": true`), by key, in its current window:
   * the members' totals per step, `status` `completed` once the team completed the window (each
   * member is paid the prize then). 404 `not_found` for an unknown team. Scope `read`.
   */
  quests(teamId: string, options?: CallOptions): Promise<T.TeamQuests> {
    return call(this.c, "GET", path`/v1/teams/${teamId}/quests`, options);
  }
}

export class EventsApi {
  constructor(private readonly c: Calls) {}

  /**
   * Records one event (`POST /v1/events`). The idempotency key (the event's `idempotency_key`, the
   * option, or a generated UUID) goes with every attempt, so a retry after a timeout is applied once.
   */
  send(event: T.EventRequest, options: WriteOptions = {}): Promise<T.EventAnswer> {
    const key = options.idempotencyKey ?? event.idempotency_key ?? idempotencyKey();
    return call(this.c, "POST", "/v1/events", {
      signal: options.signal, body: event, idempotencyKey: key, resendable: true,
    });
  }

  /** Records up to 100 events (`POST /v1/events/batch`); each event without a key gets one. */
  sendBatch(events: T.EventRequest[], options: CallOptions = {}): Promise<T.EventBatchAnswer> {
    const keyed = events.map((event) => ({ ...event, idempotency_key: event.idempotency_key ?? idempotencyKey() }));
    return call(this.c, "POST", "/v1/events/batch", { signal: options.signal, body: { events: keyed }, resendable: true });
  }

  /** What the event would do, without recording it. */
  validate(event: T.EventRequest, options: CallOptions = {}): Promise<T.ValidatedEvent> {
    return call(this.c, "POST", "/v1/events/validate", { ...options, body: event });
  }
}

export class UsersApi {
  constructor(private readonly c: Calls) {}

  /**
   * Creates the user or replaces their whole profile (`name`, `email`, `timezone`, `locale`, `attributes`):
   * a member left out is cleared. `locale` (a BCP 47 tag such as `fr`, read back in canonical form) is the
   * language answers about the user name rules in first.
   */
  put(userId: string, profile: T.UserProfile, options?: CallOptions): Promise<T.User> {
    return call(this.c, "PUT", path`/v1/users/${userId}`, { ...options, body: profile });
  }

  get(userId: string, options?: CallOptions): Promise<T.User> {
    return call(this.c, "GET", path`/v1/users/${userId}`, options);
  }

  list(query: T.Query<"listUsers"> = {}, options: CallOptions = {}): Promise<T.UserList> {
    return call(this.c, "GET", "/v1/users", { ...options, query });
  }

  /** Erases the user and everything about them. */
  async delete(userId: string, options?: CallOptions): Promise<void> {
    await call(this.c, "DELETE", path`/v1/users/${userId}`, options);
  }

  /**
   * Clears the flag a velocity guard raised (the user's `flag`): the user's events award again (when the
   * guard held them), and the guards count their events afresh; what held events did not earn is not
   * given back. `cleared` is false (nothing changed) for a user who is not flagged; 404 `not_found` for
   * an unknown user. Scope `users:write`.
   */
  clearFlag(userId: string, options?: CallOptions): Promise<T.FlagClearAnswer> {
    return call(this.c, "DELETE", path`/v1/users/${userId}/flag`, options);
  }

  /**
   * Everything Ludus holds about the user, for access requests (GDPR article 15): the profile and every
   * table's rows about them (`events`, `points_history`, ...), read whole. 404 `not_found` for an unknown
   * user. Scope `read` for the token's own subject, `users:read` for anyone.
   */
  export(userId: string, options?: CallOptions): Promise<T.UserExport> {
    return call(this.c, "GET", path`/v1/users/${userId}/export`, options);
  }

  progress(userId: string, options?: CallOptions): Promise<T.Progress> {
    return call(this.c, "GET", path`/v1/users/${userId}/progress`, options);
  }

  adjustPoints(userId: string, system: string, adjustment: T.PointsAdjustmentRequest, options: WriteOptions = {})
    : Promise<T.PointsAdjustment> {
    return call(this.c, "POST", path`/v1/users/${userId}/points/${system}/adjust`, {
      signal: options.signal, body: adjustment, idempotencyKey: options.idempotencyKey ?? idempotencyKey(),
      resendable: true,
    });
  }

  /**
   * The changes of a user's balance, newest first; each names its `source` (`PointsSource`), `expiry` for
   * points whose lifetime ended (`PointsExpiry`), `season` for a balance taken back to zero at a season's end
   * (`PointsSeason`).
   */
  pointsHistory(userId: string, system: string, options: ListOptions = {}): Promise<T.PointsHistory> {
    return call(this.c, "GET", path`/v1/users/${userId}/points/${system}/history`, {
      signal: options.signal, query: { limit: options.limit, cursor: options.cursor },
    });
  }

  /**
   * The seasons of a points system that ended while the user held points, newest first: the balance at
   * each season's end and the level then (named in the user's `locale`, else `acceptLanguage`, else the
   * application's default). 404 `not_found` for an unknown user. Scope `read` for the token's own subject
   * (`me`), `users:read` for anyone.
   */
  seasons(userId: string, system: string, options: ListOptions = {}): Promise<T.UserSeasonList> {
    return call(this.c, "GET", path`/v1/users/${userId}/points/${system}/seasons`, {
      signal: options.signal, query: { limit: options.limit, cursor: options.cursor },
    });
  }

  /** Every season of the user's in a points system, newest first, page after page. */
  seasonsAll(userId: string, system: string, options: CallOptions = {}): AsyncGenerator<T.UserSeason> {
    return every((cursor) => this.seasons(userId, system, { ...options, limit: 100, cursor: cursor as string }));
  }

  completeAchievement(userId: string, key: string, options: WriteOptions = {}): Promise<T.Completion> {
    return call(this.c, "POST", path`/v1/users/${userId}/achievements/${key}/complete`, {
      signal: options.signal, idempotencyKey: options.idempotencyKey ?? idempotencyKey(), resendable: true,
    });
  }

  streaks(userId: string, options?: CallOptions): Promise<T.UserStreaks> {
    return call(this.c, "GET", path`/v1/users/${userId}/streaks`, options);
  }

  streak(userId: string, key: string, options?: CallOptions): Promise<T.StreakStanding> {
    return call(this.c, "GET", path`/v1/users/${userId}/streaks/${key}`, options);
  }

  streakHistory(userId: string, key: string, options: ListOptions = {}): Promise<T.StreakHistory> {
    return call(this.c, "GET", path`/v1/users/${userId}/streaks/${key}/history`, {
      signal: options.signal, query: { limit: options.limit, cursor: options.cursor },
    });
  }

  grantFreezes(userId: string, key: string, body: T.RequestBody<"grantFreezes">, options: WriteOptions = {})
    : Promise<T.FreezeGrant> {
    return call(this.c, "POST", path`/v1/users/${userId}/streaks/${key}/freezes`, {
      signal: options.signal, body, idempotencyKey: options.idempotencyKey ?? idempotencyKey(), resendable: true,
    });
  }

  /**
   * Spends the reward's cost and records a pending redemption; charged once per idempotency key (the
   * option, or a generated UUID). Refusals: 404 `not_found`; 409 `reward_unavailable`, `out_of_stock`,
   * `limit_reached`, `level_required`, `insufficient_points`.
   */
  redeem(userId: string, key: string, options: WriteOptions = {}): Promise<T.RedeemAnswer> {
    return call(this.c, "POST", path`/v1/users/${userId}/rewards/${key}/redeem`, {
      signal: options.signal, idempotencyKey: options.idempotencyKey ?? idempotencyKey(), resendable: true,
    });
  }

  /** The user's redemptions, newest first. */
  redemptions(userId: string, options: RedemptionListOptions = {}): Promise<T.RedemptionList> {
    return call(this.c, "GET", path`/v1/users/${userId}/redemptions`, {
      signal: options.signal, query: { limit: options.limit, cursor: options.cursor, status: options.status },
    });
  }

  /**
   * Makes the user take part in an opt-in quest from now on (201; 200 when already joined, or for an
   * automatic quest); achievements the user holds count at once, so `changes` may report steps or the
   * quest completed (its prize in `points` and `achievements`). Sent with an idempotency key (the
   * option, or a generated UUID). Refusals: 404 `not_found` (no active quest of that key); 409
   * `quest_ended` (its fixed window has ended), `not_joinable` (a team quest: every team takes part).
   */
  joinQuest(userId: string, key: string, options: WriteOptions = {}): Promise<T.QuestJoinAnswer> {
    return call(this.c, "POST", path`/v1/users/${userId}/quests/${key}/join`, {
      signal: options.signal, idempotencyKey: options.idempotencyKey ?? idempotencyKey(), resendable: true,
    });
  }

  /**
   * The user's standing in every active quest, by key (team quests are the teams': `teams.quests`),
   * and the latest windows that ended.
   */
  quests(userId: string, options?: CallOptions): Promise<T.UserQuests> {
    return call(this.c, "GET", path`/v1/users/${userId}/quests`, options);
  }

  /** The windows of the user's quests (or of one, `quest`) that ended, newest first. */
  questHistory(userId: string, options: QuestHistoryOptions = {}): Promise<T.QuestHistory> {
    return call(this.c, "GET", path`/v1/users/${userId}/quests/history`, {
      signal: options.signal, query: { quest: options.quest, limit: options.limit, cursor: options.cursor },
    });
  }

  /** Every ended window of the user's quests (or of one), newest first, page after page. */
  questHistoryAll(userId: string, options: CallOptions & { quest?: string } = {})
    : AsyncGenerator<T.QuestHistoryEntry> {
    return every((cursor) => this.questHistory(userId, { ...options, limit: 100, cursor: cursor as string }));
  }

  /** The user's team memberships, by team id (joining and leaving are in `teams`). */
  teams(userId: string, options: ListOptions = {}): Promise<T.TeamMembershipList> {
    return call(this.c, "GET", path`/v1/users/${userId}/teams`, {
      signal: options.signal, query: { limit: options.limit, cursor: options.cursor },
    });
  }
}

/** The `Accept` of each export format. */
const EXPORT_FORMATS = { ndjson: "application/x-ndjson", csv: "text/csv" } as const;

/**
 * The NDJSON lines of a body read as records, a chunk at a time as they arrive: never the whole body in
 * memory. The request is sent when the first record is asked for; stopping early (`break`, a thrown
 * error) cancels the body, which drops the connection.
 */
async function* records<R>(open: () => Promise<ReadableStream<Uint8Array>>, what: string,
  signal: AbortSignal | undefined): AsyncGenerator<R> {
  const reader = (await open()).getReader();
  const decoder = new TextDecoder();
  let rest = "";
  let count = 0;
  let done = false;
  try {
    while (!done) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (cause) {
        throw new LudusError({
          status: 0, code: signal?.aborted ? "aborted" : "network_error", cause,
          detail: `${what} broke off after ${count} records: ${(cause as Error).message}; `
            + "resume after the id of the last record received",
        });
      }
      done = chunk.done;
      const lines = (rest + (chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true }))).split("\n");
      rest = done ? "" : lines.pop() ?? "";
      for (const line of lines) {
        if (line.trim() !== "") {
          count++;
          yield JSON.parse(line) as R;
        }
      }
    }
  } finally {
    if (!done) {
      await reader.cancel().catch(() => undefined);
    }
  }
}

/**
 * `/v1/export`: every event and every user of the application, of any size (docs/exports.md). Scope
 * `admin`. `events` and `users` are async iterables of the records, read a line at a time as the body
 * arrives (`for await (const event of ludus.exports.events({ after }))`); `eventsRaw` and `usersRaw`
 * answer the body itself, NDJSON or CSV, to pipe to a file. The request is sent when the first record is
 * asked for, so a refusal (400 naming the parameter in `field`) throws from the first step; an export that breaks off throws `network_error`: resume
 * with the `id` of the last record received as `after`. One user's whole record is `users.export`.
 */
export class ExportsApi {
  constructor(private readonly c: Calls) {}

  /**
   * The application's events received in `[from, to)` (RFC 3339; default all), after the event `after`
   * (to resume), in the order they were committed: those committed when the export starts.
   */
  events(query: T.ExportEventsQuery = {}, options: CallOptions = {}): AsyncGenerator<T.RecordedEvent> {
    return records(() => this.eventsRaw(query, options), "GET /v1/export/events", options.signal);
  }

  /** The body of the events export as it arrives: NDJSON, or CSV (with its header line) for `format: "csv"`. */
  eventsRaw(query: T.ExportEventsQuery = {}, options: ExportOptions = {}): Promise<ReadableStream<Uint8Array>> {
    return this.c.transport.stream(this.c.auth, "/v1/export/events", EXPORT_FORMATS[options.format ?? "ndjson"], {
      signal: options.signal, query: { from: query.from, to: query.to, after: query.after },
    });
  }

  /**
   * The application's users in id order, after the user `after` (to resume), each with their totals,
   * balances and achievements.
   */
  users(query: T.ExportUsersQuery = {}, options: CallOptions = {}): AsyncGenerator<T.ExportedUser> {
    return records(() => this.usersRaw(query, options), "GET /v1/export/users", options.signal);
  }

  /**
   * The body of the users export as it arrives: NDJSON, or CSV for `format: "csv"` (the profile's columns,
   * a `metric:<key>` column per active metric and `points:<key>` per points system, then `achievements`).
   */
  usersRaw(query: T.ExportUsersQuery = {}, options: ExportOptions = {}): Promise<ReadableStream<Uint8Array>> {
    return this.c.transport.stream(this.c.auth, "/v1/export/users", EXPORT_FORMATS[options.format ?? "ndjson"], {
      signal: options.signal, query: { after: query.after },
    });
  }
}

export class AuditApi {
  constructor(private readonly c: Calls) {}

  /** The application's audit log, newest first: who changed what (docs/audit.md). Scope `admin`. */
  list(query: T.AuditQuery = {}, options: CallOptions = {}): Promise<T.AuditList> {
    return call(this.c, "GET", "/v1/audit", { ...options, query });
  }
}

export class StatsApi {
  constructor(private readonly c: Calls) {}

  /**
   * The application's usage figures by UTC hour, day or week (docs/stats.md): every bucket of
   * `from`..`to`, with events, active users, points, unlocks, streaks, webhook attempts and
   * requests by authentication method, and the game's figures split by group (`groups`: `game` and
   * `control`, the application's control group). Scope `admin`.
   */
  get(query: T.StatsQuery, options: CallOptions = {}): Promise<T.StatsSeries> {
    return call(this.c, "GET", "/v1/stats", { ...options, query });
  }
}

export class WebhooksApi {
  constructor(private readonly c: Calls) {}

  /** A new endpoint; the answer holds its `whsec_` secret, shown only here. Scope `admin`. */
  create(endpoint: T.NewWebhookEndpointRequest, options?: CallOptions): Promise<T.NewWebhookEndpoint> {
    return call(this.c, "POST", "/v1/webhooks", { ...options, body: endpoint });
  }

  get(id: string, options?: CallOptions): Promise<T.WebhookEndpoint> {
    return call(this.c, "GET", path`/v1/webhooks/${id}`, options);
  }

  list(options: ListOptions = {}): Promise<T.WebhookEndpointList> {
    return call(this.c, "GET", "/v1/webhooks", { signal: options.signal, query: { limit: options.limit, cursor: options.cursor } });
  }

  update(id: string, changes: T.WebhookEndpointChanges, options?: CallOptions): Promise<T.WebhookEndpoint> {
    return call(this.c, "PATCH", path`/v1/webhooks/${id}`, { ...options, body: changes });
  }

  async delete(id: string, options?: CallOptions): Promise<void> {
    await call(this.c, "DELETE", path`/v1/webhooks/${id}`, options);
  }

  rotateSecret(id: string, body: T.RequestBody<"rotateWebhookSecret"> = {}, options?: CallOptions)
    : Promise<T.WebhookSecretRotation> {
    return call(this.c, "POST", path`/v1/webhooks/${id}/secret/rotate`, { ...options, body });
  }

  deliveries(id: string, options: ListOptions = {}): Promise<T.WebhookDeliveries> {
    return call(this.c, "GET", path`/v1/webhooks/${id}/deliveries`, {
      signal: options.signal, query: { limit: options.limit, cursor: options.cursor },
    });
  }

  replay(id: string, request: T.WebhookReplayRequest, options?: CallOptions): Promise<T.WebhookReplay> {
    return call(this.c, "POST", path`/v1/webhooks/${id}/replay`, { ...options, body: request });
  }

  ping(id: string, options?: CallOptions): Promise<T.WebhookPing> {
    return call(this.c, "POST", path`/v1/webhooks/${id}/ping`, options);
  }

  /** Notices about the application's webhooks (`GET /v1/webhook_events`). */
  notices(options: ListOptions = {}): Promise<T.WebhookNotices> {
    return call(this.c, "GET", "/v1/webhook_events", { signal: options.signal, query: { limit: options.limit, cursor: options.cursor } });
  }
}

export class AuthApi {
  constructor(private readonly c: Calls) {}

  /** Who the credentials are (`GET /v1/auth/verify`). */
  verify(options?: CallOptions): Promise<T.Verification> {
    return call(this.c, "GET", "/v1/auth/verify", options);
  }

  /** Revokes tokens by `jti`, `token`, `subject` or `all` (`POST /v1/auth/revocations`). Scope `admin`. */
  revoke(request: T.RevocationRequest, options?: CallOptions): Promise<T.Revocation> {
    return call(this.c, "POST", "/v1/auth/revocations", { ...options, body: request });
  }
}

export class ApplicationApi {
  constructor(private readonly c: Calls) {}

  /** The application and its settings (`default_language`, `max_teams_per_user`, `control_group_percent`, ...). */
  get(options?: CallOptions): Promise<T.Application> {
    return call(this.c, "GET", "/v1/application", options);
  }

  /**
   * Changes the settings given, e.g. `{ default_language: "fr" }`: the language answers name rules in
   * when neither the user's `locale` nor the request's `Accept-Language` names one the rule has.
   */
  update(changes: T.ApplicationChanges, options?: CallOptions): Promise<T.Application> {
    return call(this.c, "PATCH", "/v1/application", { ...options, body: changes });
  }

  /** A new API secret; the old one works for `grace_seconds` more (default 24 hours, 0 at once). */
  rotateSecret(request: T.RequestBody<"rotateOwnSecret"> = {}, options?: CallOptions)
    : Promise<T.Answer<"rotateOwnSecret">> {
    return call(this.c, "POST", "/v1/application/secret/rotate", { ...options, body: request });
  }

  /** A new client secret; the old one works for `grace_seconds` more. */
  rotateClientSecret(request: T.RequestBody<"rotateOwnClientSecret"> = {}, options?: CallOptions)
    : Promise<T.Answer<"rotateOwnClientSecret">> {
    return call(this.c, "POST", "/v1/application/client_secret/rotate", { ...options, body: request });
  }

  /** Registers the address of a legacy ECDSA key. */
  addEcdsaKey(request: T.RequestBody<"addOwnEcdsaKey">, options?: CallOptions): Promise<T.Answer<"addOwnEcdsaKey">> {
    return call(this.c, "POST", "/v1/application/ecdsa_keys", { ...options, body: request });
  }

  listEcdsaKeys(options: ListOptions = {}): Promise<T.Answer<"listOwnEcdsaKeys">> {
    return call(this.c, "GET", "/v1/application/ecdsa_keys", {
      signal: options.signal, query: { limit: options.limit, cursor: options.cursor },
    });
  }

  async removeEcdsaKey(address: string, options?: CallOptions): Promise<void> {
    await call(this.c, "DELETE", path`/v1/application/ecdsa_keys/${address}`, options);
  }
}

/**
 * The Ludus client. Build one per application and share it: it holds the cached auth token.
 *
 * ```ts
 * const ludus = new Ludus({ baseUrl, clientCredentials: { clientId, clientSecret } });
 * await ludus.events.send({ metric: "steps", user_id: "alice", value: 1200 });
 * ```
 */
export class Ludus {
  protected transport!: Transport;
  protected authentication!: UserAuthentication;
  auth!: AuthApi;
  application!: ApplicationApi;
  events!: EventsApi;
  users!: UsersApi;
  metrics!: RulesApi<T.MetricDefinition, T.Metric>;
  pointsSystems!: PointsSystemsApi;
  achievements!: RulesApi<T.AchievementDefinition, T.Achievement>;
  streaks!: RulesApi<T.StreakDefinition, T.Streak>;
  leaderboards!: LeaderboardsApi;
  rewards!: RewardsApi;
  teams!: TeamsApi;
  teamLeaderboards!: TeamLeaderboardsApi;
  quests!: QuestsApi;
  webhooks!: WebhooksApi;
  audit!: AuditApi;
  stats!: StatsApi;
  exports!: ExportsApi;

  constructor(options: LudusOptions) {
    if (options === null || typeof options !== "object") {
      throw new TypeError("new Ludus({ baseUrl, clientCredentials | token }) needs its options");
    }
    const transport = new Transport(options);
    this.init(transport, this.authenticate(options as unknown as Record<string, unknown>, transport));
  }

  /** Chooses the authentication method; `ludus-client/server` adds application tokens and ECDSA. */
  protected authenticate(options: Record<string, unknown>, transport: Transport): UserAuthentication {
    for (const secretOption of ["applicationToken", "ecdsa", "apiSecret"]) {
      if (options[secretOption] !== undefined) {
        throw new TypeError(`the option ${secretOption} needs a secret that must never reach a browser: `
          + `import { Ludus } from "ludus-client/server" on a server, or use clientCredentials or token`);
      }
    }
    const chosen = ["clientCredentials", "token"].filter((name) => options[name] !== undefined);
    if (chosen.length !== 1) {
      throw new TypeError("choose exactly one authentication method: clientCredentials or token"
        + (chosen.length > 1 ? ` (given: ${chosen.join(", ")})` : ""));
    }
    if (options.clientCredentials !== undefined) {
      const credentials = options.clientCredentials as { clientId: string; clientSecret: string };
      return new ClientCredentialsAuthentication(transport, credentials.clientId, credentials.clientSecret);
    }
    return new GivenTokenAuthentication(options.token as string);
  }

  private init(transport: Transport, authentication: UserAuthentication): void {
    this.transport = transport;
    this.authentication = authentication;
    const c: Calls = { transport, auth: authentication };
    this.auth = new AuthApi(c);
    this.application = new ApplicationApi(c);
    this.events = new EventsApi(c);
    this.users = new UsersApi(c);
    this.metrics = new RulesApi(c, "/v1/metrics");
    this.pointsSystems = new PointsSystemsApi(c);
    this.achievements = new RulesApi(c, "/v1/achievements");
    this.streaks = new RulesApi(c, "/v1/streaks");
    this.leaderboards = new LeaderboardsApi(c);
    this.rewards = new RewardsApi(c);
    this.teams = new TeamsApi(c);
    this.teamLeaderboards = new TeamLeaderboardsApi(c);
    this.quests = new QuestsApi(c);
    this.webhooks = new WebhooksApi(c);
    this.audit = new AuditApi(c);
    this.stats = new StatsApi(c);
    this.exports = new ExportsApi(c);
  }

  /**
   * A view acting for one user (tokens with `sub` = `userId` and scopes `read write`), sharing this
   * client's settings. Only with application tokens (`ludus-client/server`).
   */
  asUser(userId: string): this {
    if (typeof userId !== "string" || userId.trim() === "") {
      throw new TypeError("asUser needs a non-blank user id");
    }
    const forUser = this.authentication.forUser?.(userId);
    if (forUser === undefined) {
      throw new TypeError("asUser needs a client with applicationToken (ludus-client/server): "
        + "only the API secret can mint tokens for a user");
    }
    const view = Object.create(Object.getPrototypeOf(this) as object) as this;
    view.init(this.transport, forUser);
    return view;
  }

  /**
   * Ends the cached auth token at the server (`DELETE /v1/auth_token`) and forgets it; the next call
   * gets a new one. Only with clientCredentials.
   */
  async invalidateToken(): Promise<void> {
    if (!(this.authentication instanceof ClientCredentialsAuthentication)) {
      throw new TypeError("invalidateToken needs a client with clientCredentials");
    }
    await this.authentication.invalidate();
  }
}
