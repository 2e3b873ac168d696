package dev.ludus.client;

import java.time.Instant;
import java.util.List;

/**
 * The answer of {@link WebhooksApi#create}: the endpoint and its signing secret, shown only here
 * (and at rotation). Keep the secret for {@link Webhooks#verify}.
 *
 * @param secret {@code whsec_} and the base64 of 32 random bytes
 */
public record NewWebhookEndpoint(String id, String url, String description, List<WebhookEventType> eventTypes,
        boolean enabled, String disabledReason, Instant disabledAt, Instant createdAt, Instant updatedAt,
        String secret) {

    /** The endpoint without its secret. */
    public WebhookEndpoint endpoint() {
        return new WebhookEndpoint(id, url, description, eventTypes, enabled, disabledReason, disabledAt, createdAt,
                updatedAt);
    }

    @Override
    public String toString() {
        return "NewWebhookEndpoint[" + endpoint() + ", secret=(hidden)]";
    }
}
