package dev.ludus.engine;

import java.util.Optional;

/**
 * A metric: a named quantity whose per-user total events add to.
 *
 * @param key the metric's key
 * @param name a display name
 * @param description an optional description
 * @param allowNegative whether an event may carry a negative value (a total may then go down)
 * @param velocity the guard that flags a user sending its events too fast, if any
 */
public record MetricRule(String key, LocalizedText name, Optional<LocalizedText> description, boolean allowNegative,
        Optional<Velocity> velocity) {

    /** A metric with a plain name and description and without a velocity guard. */
    public MetricRule(String key, String name, Optional<String> description, boolean allowNegative) {
        this(key, name, description, allowNegative, Optional.empty());
    }

    /** A metric with a plain name and description. */
    public MetricRule(String key, String name, Optional<String> description, boolean allowNegative,
            Optional<Velocity> velocity) {
        this(key, LocalizedText.plain(name), description.map(LocalizedText::plain), allowNegative, velocity);
    }
}
