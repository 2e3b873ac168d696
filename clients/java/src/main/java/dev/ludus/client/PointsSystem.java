package dev.ludus.client;

import java.time.Instant;
import java.util.List;

/**
 * A points system as the server holds it ({@code /v1/points}), in canonical form: every member
 * present, {@code per} and {@code filter} filled in.
 *
 * @param maxPoints the cap on the balance, or null
 * @param caps its earning caps; empty for none (and from a server without caps)
 * @param archivedAt when it was archived; null while active
 */
public record PointsSystem(String key, String name, String description, List<PointsTrigger> triggers, Long maxPoints,
        boolean allowNegative, List<Level> levels, List<EarningCap> caps, Instant createdAt, Instant updatedAt,
        Instant archivedAt) {

    public PointsSystem {
        caps = caps == null ? List.of() : caps;
    }

    /**
     * The points system without earning caps, as this record was before it had {@link #caps()} (an empty
     * list), so that code building answers (test doubles) keeps compiling.
     */
    public PointsSystem(String key, String name, String description, List<PointsTrigger> triggers, Long maxPoints,
            boolean allowNegative, List<Level> levels, Instant createdAt, Instant updatedAt, Instant archivedAt) {
        this(key, name, description, triggers, maxPoints, allowNegative, levels, List.of(), createdAt, updatedAt,
                archivedAt);
    }

    /** Its definition, to change a member and {@code PUT} it back (a {@code PUT} replaces the whole definition). */
    public PointsSystemDefinition definition() {
        return new PointsSystemDefinition(name, description, triggers, maxPoints, allowNegative, levels,
                caps.isEmpty() ? null : caps);
    }
}
