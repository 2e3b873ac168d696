package dev.ludus.auth;

import com.nimbusds.jose.JWSObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Verifies server tokens, the ones Ludus issued at {@code /v1/auth_token} (spec 003), in the order
 * of the validation table:
 *
 * <ol start="2">
 *   <li>{@code alg} is the pinned EdDSA and {@code kid} names a published Ludus key -> {@code invalid_token}
 *   <li>{@code iss} and {@code aud} present -> {@code missing_required_claim}; {@code iss} is this
 *       server's issuer -> {@code invalid_token}
 *   <li>the application exists -> {@code invalid_token}
 *   <li>the signature verifies with that key -> {@code invalid_signature}
 *   <li>{@code sub} (the application's client id), {@code iat}, {@code exp}, {@code jti}, {@code scope}
 *   <li>time, with the auth token lifetime as the longest -> {@code token_expired} / {@code invalid_token}
 *   <li>not invalidated or revoked -> {@code token_revoked}
 * </ol>
 *
 * Thread-safe: stateless apart from its collaborators.
 */
public final class ServerTokenVerifier {

    private final SigningKeys keys;
    private final CredentialSource credentials;
    private final RevocationCache revocations;
    private final Supplier<String> issuer;
    private final long lifetimeSeconds;
    private final Clock clock;

    public ServerTokenVerifier(SigningKeys keys, CredentialSource credentials, RevocationCache revocations,
            Supplier<String> issuer, long lifetimeSeconds, Clock clock) {
        this.keys = keys;
        this.credentials = credentials;
        this.revocations = revocations;
        this.issuer = issuer;
        this.lifetimeSeconds = lifetimeSeconds;
        this.clock = clock;
    }

    Verified verify(JWSObject jws) {
        List<SigningKey> keySnapshot = keys.snapshot();
        if (!SigningKey.ALGORITHM.equals(jws.getHeader().getAlgorithm())) {
            throw AuthException.invalidToken("tokens issued by Ludus are signed with EdDSA");
        }
        SigningKey key = keys.published(jws.getHeader().getKeyID())
                .orElseThrow(() -> AuthException.invalidToken("the token's 'kid' names no key of this server"));
        Map<String, Object> claims = TokenChecks.claims(jws);
        String tokenIssuer = TokenChecks.issuer(claims);
        String audience = TokenChecks.audience(claims);
        if (!tokenIssuer.equals(issuer.get())) {
            throw AuthException.invalidToken("the token was issued by another server");
        }
        AppCredentials app = credentials.find(audience)
                .orElseThrow(() -> AuthException.invalidToken("the token's application no longer exists"));
        if (!TokenChecks.verifies(jws, key.verifier())) {
            throw AuthException.invalidSignature("the signature does not verify with the server's key");
        }
        String subject = TokenChecks.requiredString(claims, "sub");
        long issuedAt = TokenChecks.requiredTime(claims, "iat");
        long expiresAt = TokenChecks.requiredTime(claims, "exp");
        String jti = TokenChecks.requiredString(claims, "jti");
        List<String> scope = TokenChecks.scope(claims).orElseThrow(() -> AuthException.missingClaim("scope"));
        if (!subject.equals(app.clientId())) {
            throw AuthException.invalidToken("the token's 'sub' is not the application's client id");
        }
        TokenChecks.times(claims, issuedAt, expiresAt, clock.instant().getEpochSecond(), lifetimeSeconds);
        if (revocations.isRevoked(app.applicationId(), jti, subject, issuedAt)) {
            throw AuthException.revoked("the token has been invalidated; request a new one at /v1/auth_token");
        }
        Principal principal = new Principal(AuthMethod.AUTH_TOKEN, app.tenantId(), app.applicationId(), subject,
                Scope.parseKnown(scope), Instant.ofEpochSecond(issuedAt), Instant.ofEpochSecond(expiresAt),
                Optional.of(jti));
        long until = (expiresAt + ApplicationLimits.CLOCK_LEEWAY_SECONDS) * 1000;
        if (key.publishUntil().isPresent()) {
            until = Math.min(until, key.publishUntil().get().toEpochMilli());
        }
        return new Verified(principal, until, app, keySnapshot);
    }
}
