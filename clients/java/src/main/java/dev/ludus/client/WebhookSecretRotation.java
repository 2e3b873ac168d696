package dev.ludus.client;

import java.time.Instant;

/**
 * A webhook endpoint's new secret ({@code POST /v1/webhooks/{id}/secret/rotate}). Until
 * {@code previousSecretExpiresAt} messages carry two signatures, the new secret's and the old one's.
 *
 * @param previousSecretExpiresAt when the old secret stops signing; null when it stopped at once
 */
public record WebhookSecretRotation(String secret, Instant previousSecretExpiresAt) {

    @Override
    public String toString() {
        return "WebhookSecretRotation[secret=(hidden), previousSecretExpiresAt=" + previousSecretExpiresAt + "]";
    }
}
