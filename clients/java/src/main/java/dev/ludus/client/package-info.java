/**
 * The Ludus Java SDK: {@link dev.ludus.client.LudusClient} (built with one of three authentication
 * methods), the typed calls of the server's endpoints (auth, the application's settings, the rules:
 * {@link dev.ludus.client.MetricsApi}, {@link dev.ludus.client.PointsSystemsApi},
 * {@link dev.ludus.client.AchievementsApi}, {@link dev.ludus.client.StreaksApi},
 * {@link dev.ludus.client.LeaderboardsApi}, {@link dev.ludus.client.RewardsApi},
 * {@link dev.ludus.client.QuestsApi}; {@link dev.ludus.client.EventsApi},
 * {@link dev.ludus.client.UsersApi}, {@link dev.ludus.client.TeamsApi},
 * {@link dev.ludus.client.TeamLeaderboardsApi}, {@link dev.ludus.client.WebhooksApi} and
 * {@link dev.ludus.client.ExportsApi}, which streams its answers a line at a time),
 * {@link dev.ludus.client.LudusException} for every failed call, and {@link dev.ludus.client.Webhooks}
 * to verify Standard Webhooks signatures. Requests and answers are records; metric values, totals and
 * thresholds are exact {@link java.math.BigDecimal}s, points whole {@code long}s. Rules' names and
 * descriptions are given and read back as {@link dev.ludus.client.LocalizedText}s, one text or texts by
 * language ({@link dev.ludus.client.Named}, {@link dev.ludus.client.Described}); answers about a user name
 * rules in one language, picked by the server.
 */
package dev.ludus.client;
