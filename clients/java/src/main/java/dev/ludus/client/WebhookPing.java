package dev.ludus.client;

/**
 * What the endpoint answered to a {@code webhook.ping} ({@code POST /v1/webhooks/{id}/ping}).
 *
 * @param status {@code SUCCEEDED} (a 2xx) or {@code FAILED}
 * @param httpStatus its status, or null without an answer
 * @param response at most 1 KiB of its body, or what went wrong
 */
public record WebhookPing(WebhookDelivery.Status status, Integer httpStatus, long latencyMs, String response) {

    /** Whether the endpoint answered 2xx. */
    public boolean succeeded() {
        return status == WebhookDelivery.Status.SUCCEEDED;
    }
}
