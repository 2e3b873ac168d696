package dev.ludus.client;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * An event as the server recorded it.
 *
 * @param id {@code evt_} and 20 characters
 * @param receivedAt when it was applied
 */
public record RecordedEvent(String id, String userId, String metric, BigDecimal value, Instant occurredAt,
        Instant receivedAt, Map<String, String> attributes) { }
