package dev.ludus.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.MACVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What token verification needs to know of an application: its tenant, its API secrets as ready
 * HMAC verifiers, and its token settings. Immutable; replaced as a whole when the application changes.
 *
 * @param applicationId the application ({@code aud})
 * @param tenantId its tenant ({@code iss})
 * @param clientId its client id, the {@code sub} of its server tokens
 * @param secrets the current secret and, during a rotation's grace period, the previous one
 * @param defaultScopes scopes granted to a token without {@code scope}
 * @param maxTokenLifetimeSeconds the longest {@code exp - iat} accepted
 * @param ecdsaEnabled whether legacy ECDSA request signing is accepted
 * @param ecdsaKeys registered ECDSA addresses (40 lower-case hex digits) and the scopes of each
 * @param corsOrigins browser origins allowed to call the {@code /v1} API with its tokens
 */
public record AppCredentials(
        String applicationId,
        String tenantId,
        String clientId,
        List<SecretKey> secrets,
        Set<Scope> defaultScopes,
        long maxTokenLifetimeSeconds,
        boolean ecdsaEnabled,
        Map<String, Set<Scope>> ecdsaKeys,
        Set<String> corsOrigins) {

    public AppCredentials {
        secrets = List.copyOf(secrets);
        defaultScopes = Set.copyOf(defaultScopes);
        ecdsaKeys = Map.copyOf(ecdsaKeys);
        corsOrigins = Set.copyOf(corsOrigins);
    }

    /**
     * One API secret as an HS256 verifier. The HMAC key is the UTF-8 bytes of the whole secret
     * string, as the spec's Node example signs with a string.
     *
     * @param expiresAt empty for the current secret, the end of the grace period for the previous one
     */
    public record SecretKey(MACVerifier verifier, Optional<Instant> expiresAt) {

        public static SecretKey of(String secret, Optional<Instant> expiresAt) {
            try {
                return new SecretKey(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)), expiresAt);
            } catch (JOSEException e) {
                throw new IllegalStateException("an API secret is shorter than 256 bits", e);
            }
        }

        /** True when the secret may still verify tokens at {@code now}. */
        public boolean activeAt(Instant now) {
            return expiresAt.isEmpty() || now.isBefore(expiresAt.get());
        }
    }
}
