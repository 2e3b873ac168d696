// ludus-client: the browser-safe entry. fetch and Web Crypto only; no secret that mints tokens.
export {
  Ludus, idempotencyKey, RulesApi, PointsSystemsApi, LeaderboardsApi, RewardsApi, TeamsApi, TeamLeaderboardsApi,
  QuestsApi, EventsApi, UsersApi, WebhooksApi, AuthApi, ApplicationApi, ExportsApi,
} from "./client.js";
export type {
  LudusOptions, Page, ListOptions, RuleListOptions, RedemptionListOptions, QuestHistoryOptions, WriteOptions,
  ExportOptions,
} from "./client.js";
export { LudusError, WebhookVerificationError } from "./errors.js";
export { verifyWebhook } from "./webhooks.js";
export type { WebhookHeaders, VerifyWebhookOptions } from "./webhooks.js";
export type { CallOptions } from "./transport.js";
export type * from "./types.js";
