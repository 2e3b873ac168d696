package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A metric as the server holds it ({@code /v1/metrics}); its name and description as given, last
 * ({@link Described}).
 *
 * @param velocity its velocity guard, or null
 * @param archivedAt when it was archived; null while active
 * @param localizedName the name as given (the key when none was)
 * @param localizedDescription the description as given, or null
 */
public record Metric(String key, boolean allowNegative, VelocityGuard velocity, Instant createdAt,
        Instant updatedAt, Instant archivedAt, @JsonProperty("name") LocalizedText localizedName,
        @JsonProperty("description") LocalizedText localizedDescription) implements Described {

    /** The metric with a plain name and description, as this record was before names by language. */
    public Metric(String key, String name, String description, boolean allowNegative, VelocityGuard velocity,
            Instant createdAt, Instant updatedAt, Instant archivedAt) {
        this(key, allowNegative, velocity, createdAt, updatedAt, archivedAt, LocalizedText.orNull(name),
                LocalizedText.orNull(description));
    }

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
        return new MetricDefinition(allowNegative, velocity, localizedName, localizedDescription);
    }
}
