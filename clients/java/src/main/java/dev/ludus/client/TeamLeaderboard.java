package dev.ludus.client;

import java.time.DayOfWeek;
import java.time.Instant;

/**
 * A team leaderboard as the server holds it ({@code /v1/team_leaderboards}), in canonical form
 * (every member present).
 *
 * @param description null when none
 * @param archivedAt when it was archived; null while active
 */
public record TeamLeaderboard(String key, String name, String description, RankBy rankBy,
        TeamLeaderboardDefinition.Aggregate aggregate, LeaderboardDefinition.Period period, String timezone,
        DayOfWeek weekStart, Instant createdAt, Instant updatedAt, Instant archivedAt) {

    /** Its definition, to change a member and {@code PUT} it back (a {@code PUT} replaces the whole definition). */
    public TeamLeaderboardDefinition definition() {
        return new TeamLeaderboardDefinition(name, description, rankBy, aggregate, period, timezone, weekStart);
    }
}
