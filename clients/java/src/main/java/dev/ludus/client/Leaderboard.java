package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Map;

/**
 * A leaderboard as the server holds it ({@code /v1/leaderboards}), in canonical form; its name and
 * description as given, last ({@link Described}).
 *
 * @param startsAt null when the board has no start
 * @param endsAt null when the board has no end
 * @param archivedAt when it was archived; null while active
 * @param backfilledUsers how many users a new all-time board was filled from; only in
 *         {@link LeaderboardsApi#put} answers, null elsewhere
 * @param localizedName the name as given (the key when none was)
 * @param localizedDescription the description as given, or null
 */
public record Leaderboard(String key, RankBy rankBy, LeaderboardDefinition.Period period, String timezone,
        DayOfWeek weekStart, Instant startsAt, Instant endsAt, Map<String, String> filter, Instant createdAt,
        Instant updatedAt, Instant archivedAt, Integer backfilledUsers,
        @JsonProperty("name") LocalizedText localizedName,
        @JsonProperty("description") LocalizedText localizedDescription) implements Described {

    /**
     * The leaderboard with a plain name and description, as this record was before names by language, so
     * that code building answers (test doubles) keeps compiling.
     */
    public Leaderboard(String key, String name, String description, RankBy rankBy,
            LeaderboardDefinition.Period period, String timezone, DayOfWeek weekStart, Instant startsAt,
            Instant endsAt, Map<String, String> filter, Instant createdAt, Instant updatedAt, Instant archivedAt,
            Integer backfilledUsers) {
        this(key, rankBy, period, timezone, weekStart, startsAt, endsAt, filter, createdAt, updatedAt, archivedAt,
                backfilledUsers, LocalizedText.orNull(name), LocalizedText.orNull(description));
    }

    /** Its definition, to change a member and {@code PUT} it back (a {@code PUT} replaces the whole definition). */
    public LeaderboardDefinition definition() {
        return new LeaderboardDefinition(rankBy, period, timezone, weekStart, startsAt, endsAt, filter,
                localizedName, localizedDescription);
    }
}
