package dev.ludus.client;

import java.time.Instant;

/**
 * A record about a webhook endpoint ({@code GET /v1/webhook_events}), such as
 * {@code webhook.endpoint_disabled}.
 *
 * @param id {@code whn_...}
 * @param type {@code webhook.endpoint_disabled}
 * @param url the endpoint's URL at the time
 * @param reason why, e.g. the endpoint answered 410
 */
public record WebhookNotice(String id, String type, String endpointId, String url, String reason,
        Instant createdAt) { }
