package dev.ludus.webhook;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A webhook endpoint of an application, as stored (without its secrets).
 *
 * @param disabledReason why the endpoint is disabled, while it is
 */
public record Endpoint(String id, String applicationId, String url, Optional<String> description,
        Set<EventType> eventTypes, boolean enabled, Optional<String> disabledReason, Optional<Instant> disabledAt,
        Instant createdAt, Instant updatedAt) {

    /** True when the endpoint is enabled and subscribed to {@code type}. */
    public boolean wants(EventType type) {
        return enabled && eventTypes.contains(type);
    }
}
