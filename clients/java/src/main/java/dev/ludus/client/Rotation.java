package dev.ludus.client;

import java.time.Instant;

/** A new API secret (shown this once) and when the one it replaces stops verifying tokens. */
public record Rotation(String apiSecret, Instant previousSecretExpiresAt) {

    @Override
    public String toString() {
        return "Rotation[apiSecret=<hidden>, previousSecretExpiresAt=" + previousSecretExpiresAt + "]";
    }
}
