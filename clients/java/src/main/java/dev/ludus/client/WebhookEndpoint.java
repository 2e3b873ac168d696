package dev.ludus.client;

import java.time.Instant;
import java.util.List;

/**
 * A webhook endpoint as the server holds it ({@code /v1/webhooks}); never its secret.
 *
 * @param id {@code whe_...}
 * @param enabled false once disabled (a 410 answer, or 5 days of failures); {@link WebhooksApi#update} enables it again
 * @param disabledReason why it was disabled, or null
 * @param disabledAt when, or null
 */
public record WebhookEndpoint(String id, String url, String description, List<WebhookEventType> eventTypes,
        boolean enabled, String disabledReason, Instant disabledAt, Instant createdAt, Instant updatedAt) { }
