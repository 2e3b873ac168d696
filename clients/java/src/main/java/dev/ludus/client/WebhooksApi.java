package dev.ludus.client;

import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Paths;
import dev.ludus.client.internal.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code /v1/webhooks}: endpoints that receive signed messages when users' state changes, their
 * secrets, delivery logs, replays and pings; {@code /v1/webhook_events}: records about them. Every call needs scope {@code admin}. Verify what an
 * endpoint receives with {@link Webhooks#verify}.
 */
public final class WebhooksApi {

    record Creation(String url, List<WebhookEventType> eventTypes, String description) { }

    record Replayed(int replayed) { }

    private final Transport transport;
    private final Authentication authentication;

    WebhooksApi(Transport transport, Authentication authentication) {
        this.transport = transport;
        this.authentication = authentication;
    }

    /**
     * {@code POST /v1/webhooks}: a new endpoint for {@code url} receiving the messages of
     * {@code eventTypes}; the answer holds its secret, shown only once. A URL that reaches a private
     * network is refused (400 {@code webhook_url_refused}, {@code field} {@code url}) unless the server
     * allows it.
     *
     * @param description or null
     */
    public NewWebhookEndpoint create(String url, List<WebhookEventType> eventTypes, String description) {
        return transport.call(authentication, "POST", "/v1/webhooks",
                new Creation(Objects.requireNonNull(url, "url"), List.copyOf(eventTypes), description),
                NewWebhookEndpoint.class);
    }

    /** {@code GET /v1/webhooks/{id}}. */
    public WebhookEndpoint get(String id) {
        return transport.call(authentication, "GET", endpoint(id), null, WebhookEndpoint.class);
    }

    /** {@code GET /v1/webhooks}: a page of endpoints; {@code cursor} null for the first, {@code limit} 1 to 100. */
    public Page<WebhookEndpoint> list(int limit, String cursor) {
        return Page.fetch(transport, authentication, "/v1/webhooks", limit, cursor, WebhookEndpoint.class);
    }

    /** Every endpoint, fetching pages of 100 as the stream is consumed. */
    public Stream<WebhookEndpoint> listAll() {
        return Page.all(cursor -> list(RuleCalls.MAX_LIMIT, cursor));
    }

    /** {@code PATCH /v1/webhooks/{id}}: changes the non-null members of {@code changes}. */
    public WebhookEndpoint update(String id, WebhookEndpointChanges changes) {
        return transport.call(authentication, "PATCH", endpoint(id), changes, WebhookEndpoint.class);
    }

    /** {@code DELETE /v1/webhooks/{id}}: deletes the endpoint with its pending deliveries and log. */
    public void delete(String id) {
        transport.send(authentication, "DELETE", endpoint(id), null);
    }

    /**
     * {@code POST /v1/webhooks/{id}/secret/rotate}: a new secret; the old one keeps signing beside it
     * for {@code grace} (null: the server's default, 24 hours; zero: drop it at once).
     */
    public WebhookSecretRotation rotateSecret(String id, Duration grace) {
        return transport.call(authentication, "POST", endpoint(id) + "/secret/rotate",
                grace == null ? null : Map.of("grace_seconds", grace.toSeconds()), WebhookSecretRotation.class);
    }

    /**
     * {@code GET /v1/webhooks/{id}/deliveries}: a page of the delivery log, every attempt, newest first.
     *
     * @param limit 1 to 100
     * @param cursor the {@link Page#nextCursor()} of the previous page; null for the first
     */
    public Page<WebhookDelivery> deliveries(String id, int limit, String cursor) {
        return Page.fetch(transport, authentication, endpoint(id) + "/deliveries", limit, cursor,
                WebhookDelivery.class);
    }

    /** The whole delivery log, newest first, fetching pages of 100 as the stream is consumed. */
    public Stream<WebhookDelivery> deliveriesAll(String id) {
        return Page.all(cursor -> deliveries(id, RuleCalls.MAX_LIMIT, cursor));
    }

    /**
     * {@code POST /v1/webhooks/{id}/replay}: sends one message again, with its original
     * {@code webhook-id} and payload; 404 when it was never addressed to this endpoint.
     *
     * @return how many messages were queued (1)
     */
    public int replay(String id, String messageId) {
        return replay(id, Map.of("message_id", Objects.requireNonNull(messageId, "messageId")));
    }

    /**
     * {@code POST /v1/webhooks/{id}/replay}: sends every message addressed to the endpoint in
     * {@code [since, until)} again, in commit order (at most 10,000 per call).
     *
     * @param until null: now
     * @return how many messages were queued
     */
    public int replay(String id, Instant since, Instant until) {
        Objects.requireNonNull(since, "since");
        return replay(id, until == null ? Map.of("since", since.toString())
                : Map.of("since", since.toString(), "until", until.toString()));
    }

    /** {@code POST /v1/webhooks/{id}/ping}: sends a {@code webhook.ping} now and answers what the endpoint said. */
    public WebhookPing ping(String id) {
        return transport.call(authentication, "POST", endpoint(id) + "/ping", null, WebhookPing.class);
    }

    /**
     * {@code GET /v1/webhook_events}: a page of the records about the application's endpoints
     * ({@code webhook.endpoint_disabled}, with the reason), newest first.
     */
    public Page<WebhookNotice> notices(int limit, String cursor) {
        return Page.fetch(transport, authentication, "/v1/webhook_events", limit, cursor, WebhookNotice.class);
    }

    private int replay(String id, Map<String, String> body) {
        return transport.call(authentication, "POST", endpoint(id) + "/replay", body, Replayed.class).replayed();
    }

    private static String endpoint(String id) {
        return "/v1/webhooks/" + Paths.segment(id, "id");
    }
}
