package dev.ludus.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated caller of a {@code /v1} request, placed in the request context by
 * {@link AuthFilter}.
 *
 * @param method how the caller authenticated
 * @param tenantId the tenant ({@code iss} of an application token)
 * @param applicationId the application ({@code aud})
 * @param subject the application's user id ({@code sub})
 * @param scopes the granted scopes: the token's, or the application's defaults
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 * @param tokenId {@code jti}, when the token has one
 */
public record Principal(
        AuthMethod method,
        String tenantId,
        String applicationId,
        String subject,
        Set<Scope> scopes,
        Instant issuedAt,
        Instant expiresAt,
        Optional<String> tokenId) {

    public Principal {
        scopes = Set.copyOf(scopes);
    }

    /** True when one of the granted scopes grants {@code required}. */
    public boolean has(Scope required) {
        return Scope.anyGrants(scopes, required);
    }
}
