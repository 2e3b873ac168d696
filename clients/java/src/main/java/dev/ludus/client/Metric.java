package dev.ludus.client;

import java.time.Instant;

/**
 * A metric as the server holds it ({@code /v1/metrics}).
 *
 * @param velocity its velocity guard, or null
 * @param archivedAt when it was archived; null while active
 */
public record Metric(String key, String name, String description, boolean allowNegative, VelocityGuard velocity,
        Instant createdAt, Instant updatedAt, Instant archivedAt) {

    /**
     * The metric without a velocity guard, as this record was before it had {@link #velocity()}, so that
     * code building answers (test doubles) keeps compiling.
     */
    public Metric(String key, String name, String description, boolean allowNegative, Instant createdAt,
            Instant updatedAt, Instant archivedAt) {
        this(key, name, description, allowNegative, null, createdAt, updatedAt, archivedAt);
    }

    /** Its definition, to change a member and {@code PUT} it back (a {@code PUT} replaces the whole definition). */
    public MetricDefinition definition() {
        return new MetricDefinition(name, description, allowNegative, velocity);
    }
}
