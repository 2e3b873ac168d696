package dev.ludus.client;

import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /v1/auth/verify}: who the request authenticated as.
 *
 * @param method {@code jwt} (application token), {@code auth_token} (server token) or {@code ecdsa}
 * @param subject the token's {@code sub}: a user id, the client id, or the signing key's address
 * @param tokenId the {@code jti} (the nonce for ECDSA), or null
 */
public record Verification(boolean authenticated, String method, String tenantId, String applicationId,
        String subject, List<String> scopes, Instant issuedAt, Instant expiresAt, String tokenId) { }
