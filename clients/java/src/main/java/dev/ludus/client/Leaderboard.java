package dev.ludus.client;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Map;

/**
 * A leaderboard as the server holds it ({@code /v1/leaderboards}), in canonical form.
 *
 * @param startsAt null when the board has no start
 * @param endsAt null when the board has no end
 * @param archivedAt when it was archived; null while active
 * @param backfilledUsers how many users a new all-time board was filled from; only in
 *         {@link LeaderboardsApi#put} answers, null elsewhere
 */
public record Leaderboard(String key, String name, String description, RankBy rankBy,
        LeaderboardDefinition.Period period, String timezone, DayOfWeek weekStart, Instant startsAt, Instant endsAt,
        Map<String, String> filter, Instant createdAt, Instant updatedAt, Instant archivedAt, Integer backfilledUsers) {

    /** Its definition, to change a member and {@code PUT} it back (a {@code PUT} replaces the whole definition). */
    public LeaderboardDefinition definition() {
        return new LeaderboardDefinition(name, description, rankBy, period, timezone, weekStart, startsAt, endsAt,
                filter);
    }
}
