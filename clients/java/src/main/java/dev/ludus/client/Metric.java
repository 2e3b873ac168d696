package dev.ludus.client;

import java.time.Instant;

/**
 * A metric as the server holds it ({@code /v1/metrics}).
 *
 * @param archivedAt when it was archived; null while active
 */
public record Metric(String key, String name, String description, boolean allowNegative, Instant createdAt,
        Instant updatedAt, Instant archivedAt) {

    /** Its definition, to change a member and {@code PUT} it back (a {@code PUT} replaces the whole definition). */
    public MetricDefinition definition() {
        return new MetricDefinition(name, description, allowNegative);
    }
}
