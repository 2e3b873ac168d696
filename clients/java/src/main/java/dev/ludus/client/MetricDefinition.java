package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A metric as {@code PUT /v1/metrics/{key}} takes it: a named quantity that each event adds its
 * value to. The {@code PUT} replaces the whole definition; a null member takes its default. Its name and
 * description come last, as {@link LocalizedText}s ({@link Described}), so that the constructors of
 * earlier versions, plain strings first, stay unambiguous.
 *
 * <pre>{@code
 * MetricDefinition steps = MetricDefinition.named("Steps")
 *         .withNames(Map.of("en", "Steps", "fr", "Pas"))
 *         .withDescription("Steps walked");
 * }</pre>
 *
 * @param allowNegative whether an event may carry a negative value, so that the total can go down
 * @param velocity a guard that flags a user sending the metric's events too fast; null: none
 * @param localizedName display name, 1 to 200 characters (in each language); null: the key
 * @param localizedDescription 1 to 2,000 characters (in each language), or null
 */
public record MetricDefinition(boolean allowNegative, VelocityGuard velocity,
        @JsonProperty("name") LocalizedText localizedName,
        @JsonProperty("description") LocalizedText localizedDescription) implements Described {

    /** The definition with a plain name and description, as this record was before names by language. */
    public MetricDefinition(String name, String description, boolean allowNegative, VelocityGuard velocity) {
        this(allowNegative, velocity, LocalizedText.orNull(name), LocalizedText.orNull(description));
    }

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
        return new MetricDefinition(allowNegative, velocity, localizedName, localizedDescription);
    }

    /**
     * This definition named in several languages instead: BCP 47 tag to text, the first the text of last
     * resort ({@link LocalizedText#of(Map)}); null: the key.
     */
    public MetricDefinition withNames(Map<String, String> names) {
        return new MetricDefinition(allowNegative, velocity, LocalizedText.orNull(names), localizedDescription);
    }

    /** This definition with a plain description; null: none. */
    public MetricDefinition withDescription(String description) {
        return new MetricDefinition(allowNegative, velocity, localizedName, LocalizedText.orNull(description));
    }

    /** This definition with a description in several languages (BCP 47 tag to text); null: none. */
    public MetricDefinition withDescriptions(Map<String, String> descriptions) {
        return new MetricDefinition(allowNegative, velocity, localizedName, LocalizedText.orNull(descriptions));
    }
}
