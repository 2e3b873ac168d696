package dev.ludus.auth;

import dev.ludus.secrets.Secrets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An application's client credentials for {@code /v1/auth_token} and {@code /oauth/token}: only
 * hashes of the secrets are known.
 *
 * @param secretHash SHA-256 (hex) of the current client secret
 * @param previousSecretHash SHA-256 of the secret replaced by a rotation, during its grace period
 * @param previousSecretExpiresAt end of that grace period
 * @param scopes the scopes of the client's tokens
 */
public record Client(String clientId, String applicationId, String tenantId, String secretHash,
        Optional<String> previousSecretHash, Optional<Instant> previousSecretExpiresAt, List<String> scopes) {

    public Client {
        scopes = List.copyOf(scopes);
    }

    /** True when {@code presented} is the current secret, or the previous one still in its grace period. */
    public boolean acceptsSecret(String presented, Instant now) {
        boolean current = Secrets.matchesHash(presented, secretHash);
        boolean previous = previousSecretHash.isPresent()
                && previousSecretExpiresAt.map(now::isBefore).orElse(false)
                && Secrets.matchesHash(presented, previousSecretHash.get());
        return current | previous;
    }
}
