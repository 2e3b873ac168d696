package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One attempt to deliver a message, as the delivery log shows it ({@code GET /v1/webhooks/{id}/deliveries}).
 *
 * @param messageId the {@code webhook-id} of the message, the same on every attempt and replay
 * @param attempt 1 to 8
 * @param httpStatus the endpoint's answer, or null without one
 * @param response at most 1 KiB of the answer's body, or what went wrong (a timeout, ...)
 * @param nextAttemptAt when the next attempt is due ({@code PENDING}), or null
 */
public record WebhookDelivery(String messageId, WebhookEventType type, int attempt, Status status, Integer httpStatus,
        long latencyMs, String response, Instant attemptedAt, Instant nextAttemptAt) {

    /** What became of the attempt. */
    public enum Status {
        @JsonProperty("succeeded") SUCCEEDED,
        /** Failed; another attempt is due at {@code nextAttemptAt}. */
        @JsonProperty("pending") PENDING,
        /** Failed, and no attempt will follow (replay the message when you are ready). */
        @JsonProperty("failed") FAILED,
        /** A status this version of the SDK does not know (a newer server). */
        @JsonEnumDefaultValue UNKNOWN
    }
}
