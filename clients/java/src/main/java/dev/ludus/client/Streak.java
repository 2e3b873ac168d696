package dev.ludus.client;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;

/**
 * A streak as the server holds it ({@code /v1/streaks}), in canonical form: every member present,
 * {@code weekStart}, thresholds and freezes filled in.
 *
 * @param archivedAt when it was archived; null while active
 */
public record Streak(String key, String name, String description, StreakDefinition.Period period,
        DayOfWeek weekStart,
        List<StreakDefinition.Condition> conditions, StreakDefinition.Combine combine,
        StreakDefinition.Freezes freezes, Instant createdAt, Instant updatedAt, Instant archivedAt) {

    /** Its definition, to change a member and {@code PUT} it back (a {@code PUT} replaces the whole definition). */
    public StreakDefinition definition() {
        return new StreakDefinition(name, description, period, weekStart, conditions, combine, freezes);
    }
}
