package dev.ludus.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@link UsersApi#export(String)} ({@code GET /v1/users/{id}/export}): everything Ludus
 * holds about one user, for access requests. Each list holds the rows of one table about the user, as
 * stored (column names as keys, without the application and user ids): instants as RFC 3339 text,
 * amounts as numbers ({@code BigDecimal} with a fraction, {@code Integer} or {@code Long} without),
 * stored JSON as maps and lists.
 *
 * @param profile the user's profile, as {@link UsersApi#get(String)} answers it
 * @param events every event of the user, in the order they were recorded
 * @param pointsHistory the changes of the user's balances
 * @param webhookMessages the messages about the user kept for delivery and replay
 */
public record UserExport(String applicationId, String userId, Instant exportedAt, User profile,
        List<Map<String, Object>> metrics, List<Map<String, Object>> points, List<Map<String, Object>> achievements,
        List<Map<String, Object>> streaks, List<Map<String, Object>> quests, List<Map<String, Object>> attributes,
        List<Map<String, Object>> events, List<Map<String, Object>> pointsHistory,
        List<Map<String, Object>> streakPeriods, List<Map<String, Object>> questHistory,
        List<Map<String, Object>> redemptions, List<Map<String, Object>> teams,
        List<Map<String, Object>> leaderboardScores, List<Map<String, Object>> webhookMessages) { }
