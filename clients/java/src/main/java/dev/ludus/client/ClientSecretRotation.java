package dev.ludus.client;

import java.time.Instant;

/** A new client secret (shown this once) and when the one it replaces stops authenticating the client. */
public record ClientSecretRotation(String clientSecret, Instant previousSecretExpiresAt) {

    @Override
    public String toString() {
        return "ClientSecretRotation[clientSecret=<hidden>, previousSecretExpiresAt=" + previousSecretExpiresAt + "]";
    }
}
