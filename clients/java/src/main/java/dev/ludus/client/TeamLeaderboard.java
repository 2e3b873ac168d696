package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;
import java.time.Instant;

/**
 * A team leaderboard as the server holds it ({@code /v1/team_leaderboards}), in canonical form
 * (every member present); its name and description as given, last ({@link Described}).
 *
 * @param archivedAt when it was archived; null while active
 * @param localizedName the name as given (the key when none was)
 * @param localizedDescription the description as given, or null when none
 */
public record TeamLeaderboard(String key, RankBy rankBy, TeamLeaderboardDefinition.Aggregate aggregate,
        LeaderboardDefinition.Period period, String timezone, DayOfWeek weekStart, Instant createdAt,
        Instant updatedAt, Instant archivedAt, @JsonProperty("name") LocalizedText localizedName,
        @JsonProperty("description") LocalizedText localizedDescription) implements Described {

    /**
     * The board with a plain name and description, as this record was before names by language, so that
     * code building answers (test doubles) keeps compiling.
     */
    public TeamLeaderboard(String key, String name, String description, RankBy rankBy,
            TeamLeaderboardDefinition.Aggregate aggregate, LeaderboardDefinition.Period period, String timezone,
            DayOfWeek weekStart, Instant createdAt, Instant updatedAt, Instant archivedAt) {
        this(key, rankBy, aggregate, period, timezone, weekStart, createdAt, updatedAt, archivedAt,
                LocalizedText.orNull(name), LocalizedText.orNull(description));
    }

    /** Its definition, to change a member and {@code PUT} it back (a {@code PUT} replaces the whole definition). */
    public TeamLeaderboardDefinition definition() {
        return new TeamLeaderboardDefinition(rankBy, aggregate, period, timezone, weekStart, localizedName,
                localizedDescription);
    }
}
