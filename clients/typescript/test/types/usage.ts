// Compiled (not run) by `npm run typecheck`: the SDK's calls take and answer the contract's types,
// and wrong members are type errors (each @ts-expect-error fails the check if the error goes away).
import { Ludus as BrowserLudus } from "ludus-client";
import type {
  Achievement, AchievementProgress, Level, LevelReached, LocalizedName, LocalizedNames, Unlock, User,
  Application, CancelAnswer, CapReached, EarningCap, EventAnswer, ExportedUser, FlagClearAnswer, LeaderboardRanking,
  Metric, RecordedEvent, UserExport,
  PointsExpiry, PointsHistoryEntry, PointsSource, PointsSystem, Progress, QuestChange, QuestHistoryEntry, QuestJoinAnswer, QuestRule, RedeemAnswer, Redemption,
  RedemptionStatus, StatsBucket, StatsGroup, Team, TeamLeaderboard, TeamLeaderboardPlace, TeamLeaderboardRanking,
  TeamMembership, TeamQuest, UserFlag, UserFlaggedWebhookMessage, UserQuest, VelocityGuard, WebhookEventType,
  EndedSeason, PointsExpiringWebhookData, PointsExpiringWebhookMessage, PointsProgress, PointsSeason, RankingPeriod,
  Season, SeasonList, SeasonStanding, SeasonStandings, UserSeason, UserSeasonList,
} from "ludus-client";
import { Ludus } from "ludus-client/server";

export async function usage(): Promise<void> {
  const ludus = new BrowserLudus({ baseUrl: "http://localhost:8080", token: async () => "t" });
  const answer: EventAnswer = await ludus.events.send({ metric: "steps", user_id: "alice", value: 3 });
  const total: number = answer.metric.total;
  const progress: Progress = await ludus.users.progress("alice");
  const balances: number[] = progress.points.map((p) => p.balance);
  const top: LeaderboardRanking = await ludus.leaderboards.top("top_xp", { limit: 10 });
  const first: string | undefined = top.entries[0]?.user_id;
  void total; void balances; void first;

  // @ts-expect-error: an event needs its metric
  await ludus.events.send({ user_id: "alice" });
  // @ts-expect-error: no such member in an event
  await ludus.events.send({ metric: "steps", points: 3 });
  // @ts-expect-error: the browser entry takes no application token
  new BrowserLudus({ baseUrl: "http://localhost:8080", applicationToken: { tenantId: "t", applicationId: "a", apiSecret: "s" } });

  const admin = new Ludus({
    baseUrl: "http://localhost:8080",
    applicationToken: { tenantId: "t", applicationId: "a", apiSecret: "s", scopes: ["admin"] },
  });
  await admin.leaderboards.put("top_xp", { name: "Top XP", rank_by: { type: "points", system: "xp" } });
  // @ts-expect-error: rank_by has no such type
  await admin.leaderboards.put("top_xp", { name: "Top XP", rank_by: { type: "votes" } });
  await admin.asUser("alice").users.adjustPoints("alice", "xp", { amount: 5, reason: "bonus" });

  await admin.rewards.put("mug", { name: "Mug", points_system: "coins", cost: 100, stock: 5 });
  // @ts-expect-error: a reward needs its cost
  await admin.rewards.put("mug", { points_system: "coins" });
  const redeemed: RedeemAnswer = await admin.asUser("alice").users.redeem("me", "mug", { idempotencyKey: "k1" });
  const spent: number = redeemed.points.amount;
  const left: number | null = redeemed.remaining;
  const status: RedemptionStatus = redeemed.redemption.status;
  const page = await admin.rewards.redemptions("mug", { status: "pending", limit: 10 });
  const refunded: CancelAnswer = await admin.rewards.cancel(page.items[0]?.id ?? "rdm_x");
  const fulfilled: Redemption = (await admin.rewards.fulfill("rdm_x")).redemption;
  void spent; void left; void status; void refunded; void fulfilled;
  // @ts-expect-error: no such status
  await admin.users.redemptions("alice", { status: "lost" });

  const team: Team = await admin.teams.put("red", { name: "Red", attributes: { city: "Oslo" } });
  const members: number = team.members;
  const joined: TeamMembership = await admin.teams.join("red", "alice");
  const since: string = joined.joined_at;
  const teamIds: string[] = (await admin.users.teams("me", { limit: 10 })).items.map((m) => m.team_id);
  const settings: Application = await admin.application.update({ max_teams_per_user: 3 });
  const limit: number = settings.max_teams_per_user;
  void members; void since; void teamIds; void limit;
  // @ts-expect-error: no such member in a team
  await admin.teams.put("red", { title: "Red" });
  // @ts-expect-error: the limit is a number
  await admin.application.update({ max_teams_per_user: "3" });

  const teamBoard: TeamLeaderboard = await admin.teamLeaderboards.put("xp_teams", {
    rank_by: { type: "points", system: "xp" }, aggregate: "average", period: "weekly",
  });
  const aggregate: "sum" | "average" = teamBoard.aggregate;
  const ranking: TeamLeaderboardRanking = await admin.teamLeaderboards.ranking("xp_teams", { period: "2026-12-01", limit: 5 });
  const leader: string | undefined = ranking.entries[0]?.team_id;
  const place: TeamLeaderboardPlace = await admin.teamLeaderboards.place("xp_teams", "red");
  const score: number = place.score;
  void aggregate; void leader; void score;
  // @ts-expect-error: a team leaderboard ranks by a metric or points, not a streak
  await admin.teamLeaderboards.put("s", { rank_by: { type: "streak", streak: "daily_walk" } });
  // @ts-expect-error: no such aggregate
  await admin.teamLeaderboards.put("m", { rank_by: { type: "metric", metric: "steps" }, aggregate: "max" });

  const quest: QuestRule = await admin.quests.put("week", {
    steps: [{ key: "read", metric: "lessons", total: 3 }, { achievement: "scholar" }], enrollment: "opt_in",
    window: { type: "fixed", starts_at: "2026-12-14T00:00:00Z", ends_at: "2026-12-21T00:00:00Z" },
    reward: { system: "xp", points: 50 },
  });
  await admin.quests.put("daily", { steps: [{ metric: "lessons", total: 1 }], window: { type: "recurring", period: "daily" } });
  const stepKeys: string[] = quest.steps.map((step) => step.key);
  const enrolled: QuestJoinAnswer = await admin.users.joinQuest("alice", "week", { idempotencyKey: "k2" });
  const questStatus: UserQuest["status"] = enrolled.quest.status;
  const questChange: QuestChange | undefined = answer.quests[0];
  const prizePoints: number | null | undefined = questChange?.reward?.points;
  const standings: UserQuest[] = (await admin.users.quests("alice")).quests;
  const ended: QuestHistoryEntry[] = (await admin.users.questHistory("alice", { quest: "daily", limit: 5 })).items;
  for await (const entry of admin.users.questHistoryAll("alice")) {
    const result: "completed" | "expired" = entry.status;
    void result;
  }
  const joinedPoints: number[] = enrolled.points.map((p) => p.awarded);
  const completedQuests: (string | null)[] = (await admin.users.completeAchievement("alice", "scholar")).quests
    .map((change) => change.team_id);
  const teamQuest: QuestRule = await admin.quests.put("team_week", {
    team: true, steps: [{ metric: "lessons", total: 100 }],
    window: { type: "recurring", period: "weekly", timezone: "Europe/Oslo" },
  });
  const teamQuestWindow = teamQuest.window;
  const zone: string | undefined = teamQuestWindow.type === "recurring" ? teamQuestWindow.timezone : undefined;
  const teamStandings: TeamQuest[] = (await admin.teams.quests("red")).quests;
  const teamStatus: "upcoming" | "active" | "completed" | "ended" = teamStandings[0]!.status;
  const teamProgress: number = teamStandings[0]!.steps[0]!.progress;
  void joinedPoints; void completedQuests; void zone; void teamStatus; void teamProgress;
  // @ts-expect-error: a team quest has no status not_joined
  const wrongTeamStatus: TeamQuest["status"] = "not_joined";
  void wrongTeamStatus;
  const questHook: WebhookEventType = "quest.completed";
  await admin.webhooks.create({ url: "https://example.com/hook", event_types: ["quest.step_completed", "quest.expired"] });
  void stepKeys; void questStatus; void prizePoints; void standings; void ended; void questHook;
  // @ts-expect-error: a quest needs its window
  await admin.quests.put("w", { steps: [{ metric: "lessons", total: 1 }] });
  // @ts-expect-error: a window is fixed or recurring
  await admin.quests.put("w", { steps: [{ metric: "lessons", total: 1 }], window: { type: "hourly" } });
  // @ts-expect-error: no such webhook event type
  const wrongHook: WebhookEventType = "quest.started";
  void wrongHook;

  const guarded: Metric = await admin.metrics.put("lessons", {
    name: "Lessons", velocity: { max_events: 10, seconds: 60, hold: true },
  });
  const guard: VelocityGuard | null = guarded.velocity;
  const capped: PointsSystem = await admin.pointsSystems.put("xp", {
    triggers: [{ type: "metric", metric: "lessons", points: 10 }],
    caps: [{ metric: "lessons", points: 50, period: "day" }, { metric: null, points: 200, period: "week" }],
  });
  const caps: EarningCap[] = capped.caps;
  const cut: CapReached | null = answer.points[0]!.cap;
  const resetsAt: string | undefined = cut?.resets_at;
  const capPeriod: "hour" | "day" | "week" | undefined = cut?.period;
  const eventFlag: UserFlag | null = answer.flag;
  const userFlag: UserFlag | null = (await admin.users.get("alice")).flag;
  const listedFlags: (UserFlag | null)[] = (await admin.users.list({ limit: 10 })).items.map((user) => user.flag);
  const cleared: FlagClearAnswer = await admin.users.clearFlag("alice");
  const wasFlagged: boolean = cleared.cleared;
  const clearedFlag: UserFlag | null = cleared.flag;
  const flagHook: WebhookEventType = "user.flagged";
  const onFlagged = (message: UserFlaggedWebhookMessage): string => message.data.flag.metric;
  void guard; void caps; void resetsAt; void capPeriod; void eventFlag; void userFlag; void listedFlags; void wasFlagged;
  void clearedFlag; void flagHook; void onFlagged;
  // @ts-expect-error: a cap's period is an hour, a day or a week
  await admin.pointsSystems.put("xp", { caps: [{ points: 50, period: "month" }] });
  const expiring: PointsSystem = await admin.pointsSystems.put("coins", { expiry: { after_days: 30 } });
  const expiry: PointsExpiry | null = expiring.expiry;
  const lifetime: number | undefined = expiry?.after_days;
  await admin.pointsSystems.put("coins", { expiry: null });
  const entries: PointsHistoryEntry[] = (await admin.users.pointsHistory("alice", "coins")).items;
  const expiredSource: PointsSource = "expiry";
  const expired: number[] = entries.filter((e) => e.source === expiredSource).map((e) => e.amount);
  void lifetime; void expired;
  // @ts-expect-error: an expiry is a number of days
  await admin.pointsSystems.put("coins", { expiry: { after_months: 1 } });
  // @ts-expect-error: no such source
  const wrongSource: PointsSource = "expired";
  void wrongSource;

  const seasonal: PointsSystem = await admin.pointsSystems.put("xp", {
    expiry: { after_days: 30, notice_days: 7 }, season: { period: "quarterly", timezone: "Europe/Oslo" },
  });
  const notice: number | null | undefined = seasonal.expiry?.notice_days;
  const seasonRule: PointsSeason | null | undefined = seasonal.season;
  const seasonPeriod: "daily" | "weekly" | "monthly" | "quarterly" | "yearly" | undefined = seasonRule?.period;
  await admin.pointsSystems.put("xp", { season: { period: "weekly", week_start: "sunday" } });
  await admin.pointsSystems.put("xp", { season: null, expiry: { after_days: 30, notice_days: null } });
  const seasons: SeasonList = await admin.pointsSystems.seasons("xp");
  const current: Season | null = seasons.current;
  const endedSeasons: EndedSeason[] = seasons.seasons;
  const participants: number | undefined = endedSeasons[0]?.participants;
  const standingsPage: SeasonStandings = await ludus.pointsSystems.standings("xp", "2037-Q1", { limit: 10 });
  const standing: SeasonStanding | undefined = standingsPage.entries[0];
  const standingLevel: string | undefined = standing?.level?.name;
  const nextStandings: string | null = standingsPage.next_cursor;
  for await (const entry of admin.pointsSystems.standingsAll("xp", "2037")) {
    const rank: number = entry.rank;
    void rank;
  }
  const mySeasons: UserSeasonList = await admin.asUser("alice").users.seasons("me", "xp", { limit: 5 });
  const lastSeason: UserSeason | undefined = mySeasons.items[0];
  const lastKey: string | undefined = lastSeason?.season.key;
  for await (const past of admin.users.seasonsAll("alice", "xp")) {
    const balance: number = past.points;
    void balance;
  }
  const balanceNow: PointsProgress | undefined = progress.points[0];
  const seasonNow: string | undefined = balanceNow?.season?.key;
  const expiresFirst: string | undefined = balanceNow?.next_expiry?.expires_at;
  const seasonSource: PointsSource = "season";
  const expiringHook: WebhookEventType = "points.expiring";
  const onExpiring = (message: PointsExpiringWebhookMessage): number => message.data.expiring.points;
  const expiringData = (message: PointsExpiringWebhookMessage): PointsExpiringWebhookData => message.data;
  const quarter: RankingPeriod = "quarterly";
  await admin.leaderboards.put("xp_year", { rank_by: { type: "points", system: "xp" }, period: "yearly" });
  await admin.teamLeaderboards.put("xp_quarter", { rank_by: { type: "points", system: "xp" }, period: "quarterly" });
  void notice; void seasonPeriod; void current; void participants; void standingLevel; void nextStandings; void lastKey;
  void seasonNow; void expiresFirst; void seasonSource; void expiringHook; void onExpiring; void expiringData;
  void quarter;
  // @ts-expect-error: no hourly seasons
  await admin.pointsSystems.put("xp", { season: { period: "hourly" } });
  // @ts-expect-error: a season needs its period
  await admin.pointsSystems.put("xp", { season: { timezone: "UTC" } });
  // @ts-expect-error: no such period
  const wrongPeriod: RankingPeriod = "hourly";
  void wrongPeriod;
  // @ts-expect-error: a velocity guard needs its window
  await admin.metrics.put("lessons", { velocity: { max_events: 10 } });
  // @ts-expect-error: a flag's reason is velocity
  const wrongReason: UserFlag["reason"] = "manual";
  void wrongReason;

  const heldOut: Application = await admin.application.update({ control_group_percent: 10 });
  const percent: number = heldOut.control_group_percent;
  await admin.application.update({ control_group_percent: null });
  const answerInControl: boolean = answer.control_group;
  const userInControl: boolean = (await admin.users.get("alice")).control_group;
  const listedInControl: boolean[] = (await admin.users.list({ limit: 10 })).items.map((user) => user.control_group);
  const stats = await admin.stats.get({ from: "2026-12-01T00:00:00Z", to: "2026-12-02T00:00:00Z", interval: "day" });
  const bucket: StatsBucket = stats.buckets[0]!;
  const control: StatsGroup = bucket.groups.control;
  const controlEvents: number = control.events;
  const gamePoints: { [system: string]: number } = bucket.groups.game.points_awarded;
  void percent; void answerInControl; void userInControl; void listedInControl; void controlEvents; void gamePoints;
  // @ts-expect-error: the share is a number of percent
  await admin.application.update({ control_group_percent: "10" });
  // @ts-expect-error: the groups are game and control
  void bucket.groups.treatment;

  for await (const event of admin.exports.events({ from: "2026-12-01T00:00:00Z", after: "evt_x" })) {
    const exported: RecordedEvent = event;
    const value: number = exported.value;
    const attributes: { [name: string]: string } = exported.attributes;
    void value; void attributes;
  }
  for await (const user of admin.exports.users({ after: "alice" })) {
    const exported: ExportedUser = user;
    const totals: Record<string, number> = exported.metrics;
    const unlockedAt: string | undefined = exported.achievements["first_steps"];
    const flaggedAt: string | null = exported.flagged_at;
    void totals; void unlockedAt; void flaggedAt;
  }
  const rawCsv: ReadableStream<Uint8Array> = await admin.exports.eventsRaw({ to: "2026-12-02T00:00:00Z" }, { format: "csv" });
  const rawUsers: ReadableStream<Uint8Array> = await admin.exports.usersRaw({}, { format: "ndjson" });
  const record: UserExport = await admin.users.export("alice");
  const recordedEvents: number = record.events.length;
  const firstRow: unknown = record.points_history[0]?.["amount"];
  const profileName: string | null = record.profile.name;
  void rawCsv; void rawUsers; void recordedEvents; void firstRow; void profileName;
  // @ts-expect-error: the formats are ndjson and csv
  await admin.exports.eventsRaw({}, { format: "xlsx" });
  // @ts-expect-error: the users export takes no time span
  await admin.exports.usersRaw({ from: "2026-12-01T00:00:00Z" });
  // @ts-expect-error: an exported user has flagged_at, not the flag
  void ({} as ExportedUser).flag;

  const french = new BrowserLudus({ baseUrl: "http://localhost:8080", token: "t", acceptLanguage: "fr, en;q=0.5" });
  const names: LocalizedNames = { en: "First steps", fr: "Premiers pas" };
  const badge = "https://img.example.com/first-steps.png";
  const defined: Achievement = await admin.achievements.put("first_steps", {
    name: names, description: { en: "Your first lesson", fr: "Votre première leçon" }, image_url: badge,
    trigger: { type: "metric", metric: "lessons", threshold: 1 },
  });
  const definedName: LocalizedName = defined.name;
  const frenchName: string | undefined = typeof definedName === "string" ? definedName : definedName["fr"];
  const definedImage: string | null = defined.image_url;
  const levels: Level[] = (await admin.pointsSystems.put("xp", {
    levels: [{ name: "Novice", threshold: 0 }, { name: { en: "Expert" }, threshold: 100, image_url: badge }],
  })).levels;
  const rewardImage: string | null = (await admin.rewards.put("mug", {
    name: { en: "Mug", fr: "Tasse" }, description: null, image_url: badge, points_system: "coins", cost: 100,
  })).image_url;
  const questImage: string | null = (await admin.quests.put("week", {
    name: { en: "Busy week" }, image_url: null, steps: [{ metric: "lessons", total: 3 }],
    window: { type: "recurring", period: "weekly" },
  })).image_url;
  const localUser: User = await admin.users.put("ann", { name: "Ann", locale: "fr" });
  const locale: string | null = localUser.locale;
  const heard: EventAnswer = await french.events.send({ metric: "lessons", user_id: "bob", user: { locale: "pt-BR" } });
  const unlock: Unlock | undefined = heard.achievements[0];
  const unlockedName: string | undefined = unlock?.name;
  const unlockedImage: string | null | undefined = unlock?.image_url;
  const reached: LevelReached | undefined = heard.levels[0]?.current;
  const levelImage: string | null | undefined = reached?.image_url;
  const questChangeImage: string | null | undefined = heard.quests[0]?.image_url;
  const shown: AchievementProgress | undefined = (await french.users.progress("bob")).achievements[0];
  const shownText: [string, string | null] | undefined = shown && [shown.name, shown.description];
  const nextLevelImage: string | null | undefined = progress.points[0]?.next_level?.image_url;
  const userQuestImage: string | null | undefined = (await french.users.quests("bob")).quests[0]?.image_url;
  const teamQuestImage: string | null | undefined = (await french.teams.quests("red")).quests[0]?.image_url;
  const language: string = (await admin.application.update({ default_language: "fr" })).default_language;
  void frenchName; void definedImage; void levels; void rewardImage; void questImage; void locale; void unlockedName;
  void unlockedImage; void levelImage; void questChangeImage; void shownText; void nextLevelImage; void userQuestImage;
  void teamQuestImage; void language;
  // @ts-expect-error: a metric takes no image
  await admin.metrics.put("lessons", { name: names, image_url: badge });
  // @ts-expect-error: texts by language are strings
  await admin.achievements.put("first_steps", { name: { en: 1 }, trigger: { type: "api" } });
  // @ts-expect-error: an answer names a rule with one string, picked for its reader
  const notTexts: LocalizedNames = unlock!.name;
  // @ts-expect-error: acceptLanguage is one header value
  new BrowserLudus({ baseUrl: "http://localhost:8080", token: "t", acceptLanguage: ["fr", "en"] });
  void notTexts;
}
