package dev.ludus.client;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * What an event would be recorded as ({@code POST /v1/events/validate}); nothing was recorded.
 *
 * @param userId the user it would be recorded for ({@code me} resolved)
 * @param occurredAt the given instant, or now
 */
public record ValidatedEvent(boolean valid, String userId, String metric, BigDecimal value, Instant occurredAt,
        Map<String, String> attributes) { }
