package dev.ludus.webhook;

import java.time.Instant;

/**
 * One logged attempt at delivering a message to an endpoint, as the delivery log shows it.
 *
 * @param status the outcome: {@code succeeded}, {@code failed}, or {@code pending} (tried again at
 *     {@code nextAttemptAt})
 * @param httpStatus what the endpoint answered; null when it did not answer
 * @param response the first bytes of the answer (at most {@link Dispatcher#SNIPPET_BYTES}), or why nothing was sent
 */
public record DeliveryAttempt(long seq, String messageId, String type, int attempt, String status, Integer httpStatus,
        long latencyMs, String response, Instant attemptedAt, Instant nextAttemptAt) { }
