package dev.ludus.client;

/**
 * A metric as {@code PUT /v1/metrics/{key}} takes it: a named quantity that each event adds its
 * value to. The {@code PUT} replaces the whole definition; a null member takes its default.
 *
 * @param name display name, 1 to 200 characters; null: the key
 * @param description 1 to 2,000 characters, or null
 * @param allowNegative whether an event may carry a negative value, so that the total can go down
 */
public record MetricDefinition(String name, String description, boolean allowNegative) {

    /** A metric with this display name, no description, and no negative values. */
    public static MetricDefinition named(String name) {
        return new MetricDefinition(name, null, false);
    }
}
