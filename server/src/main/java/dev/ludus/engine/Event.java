package dev.ludus.engine;

import java.time.Instant;
import java.util.Map;

/**
 * An event as the engine sees it: which metric, by how much, with which attributes, and when it
 * happened (which picks the streak period it counts toward).
 *
 * @param id the event's id, kept as the reference of the points it earns
 */
public record Event(String id, String metric, Amount value, Map<String, String> attributes, Instant occurredAt) {

    public Event {
        attributes = Map.copyOf(attributes);
    }

    /** The instant the event counts at when applied at {@code now}: when it occurred, but never later than now. */
    public Instant countsAt(Instant now) {
        return occurredAt.isAfter(now) ? now : occurredAt;
    }
}
