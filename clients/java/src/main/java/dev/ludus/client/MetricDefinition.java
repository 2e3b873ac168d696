package dev.ludus.client;

/**
 * A metric as {@code PUT /v1/metrics/{key}} takes it: a named quantity that each event adds its
 * value to. The {@code PUT} replaces the whole definition; a null member takes its default.
 *
 * @param name display name, 1 to 200 characters; null: the key
 * @param description 1 to 2,000 characters, or null
 * @param allowNegative whether an event may carry a negative value, so that the total can go down
 * @param velocity a guard that flags a user sending the metric's events too fast; null: none
 */
public record MetricDefinition(String name, String description, boolean allowNegative, VelocityGuard velocity) {

    /**
     * The definition without a velocity guard, as this record was before it had {@link #velocity()}, so
     * that code building definitions keeps compiling.
     */
    public MetricDefinition(String name, String description, boolean allowNegative) {
        this(name, description, allowNegative, null);
    }

    /** A metric with this display name, no description, and no negative values. */
    public static MetricDefinition named(String name) {
        return new MetricDefinition(name, null, false);
    }

    /**
     * This definition with a velocity guard, e.g. {@code MetricDefinition.named("Lessons").withVelocity(new
     * VelocityGuard(10, 60, true))}: more than 10 events of one user within 60 seconds flag the user and
     * hold their awards; null: none.
     */
    public MetricDefinition withVelocity(VelocityGuard velocity) {
        return new MetricDefinition(name, description, allowNegative, velocity);
    }
}
