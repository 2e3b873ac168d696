package dev.ludus.engine;

import java.util.Map;

/**
 * An event as the engine sees it: which metric, by how much, with which attributes.
 *
 * @param id the event's id, kept as the reference of the points it earns
 */
public record Event(String id, String metric, Amount value, Map<String, String> attributes) {

    public Event {
        attributes = Map.copyOf(attributes);
    }
}
