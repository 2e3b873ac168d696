package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;

/**
 * A streak as the server holds it ({@code /v1/streaks}), in canonical form: every member present,
 * {@code weekStart}, thresholds and freezes filled in; its name and description as given, last
 * ({@link Described}).
 *
 * @param archivedAt when it was archived; null while active
 * @param localizedName the name as given (the key when none was)
 * @param localizedDescription the description as given, or null
 */
public record Streak(String key, StreakDefinition.Period period, DayOfWeek weekStart,
        List<StreakDefinition.Condition> conditions, StreakDefinition.Combine combine,
        StreakDefinition.Freezes freezes, Instant createdAt, Instant updatedAt, Instant archivedAt,
        @JsonProperty("name") LocalizedText localizedName,
        @JsonProperty("description") LocalizedText localizedDescription) implements Described {

    /**
     * The streak with a plain name and description, as this record was before names by language, so that
     * code building answers (test doubles) keeps compiling.
     */
    public Streak(String key, String name, String description, StreakDefinition.Period period, DayOfWeek weekStart,
            List<StreakDefinition.Condition> conditions, StreakDefinition.Combine combine,
            StreakDefinition.Freezes freezes, Instant createdAt, Instant updatedAt, Instant archivedAt) {
        this(key, period, weekStart, conditions, combine, freezes, createdAt, updatedAt, archivedAt,
                LocalizedText.orNull(name), LocalizedText.orNull(description));
    }

    /** Its definition, to change a member and {@code PUT} it back (a {@code PUT} replaces the whole definition). */
    public StreakDefinition definition() {
        return new StreakDefinition(period, weekStart, conditions, combine, freezes, localizedName,
                localizedDescription);
    }
}
