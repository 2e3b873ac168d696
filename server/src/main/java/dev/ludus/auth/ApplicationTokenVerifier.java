package dev.ludus.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies application tokens (spec 000): HS256 JWTs that the application signs with its API
 * secret. After {@link TokenChecks#parse} (row 1) the checks run in the order of the design's
 * validation table and the first failure wins:
 *
 * <ol start="2">
 *   <li>{@code alg} is the pinned HS256, whatever else the token says -> {@code invalid_token}
 *   <li>{@code iss} and {@code aud} present -> {@code missing_required_claim}
 *   <li>tenant and application exist and belong together -> {@code invalid_token}
 *   <li>signature verifies with a current or in-grace secret -> {@code invalid_signature}
 *   <li>{@code sub}, {@code iat}, {@code exp} present and typed; {@code scope} an array of strings
 *       -> {@code missing_required_claim} / {@code invalid_token}
 *   <li>time: {@code exp} not passed, {@code iat} not ahead (60 s leeway each), lifetime within the
 *       application's maximum -> {@code token_expired} / {@code invalid_token}
 *   <li>not revoked -> {@code token_revoked}
 * </ol>
 *
 * The scope check (row 9) belongs to each endpoint. Thread-safe: stateless apart from its collaborators.
 */
public final class ApplicationTokenVerifier {

    /** The one algorithm accepted for application tokens; pinned here, never read from the token. */
    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.HS256;

    private final CredentialSource credentials;
    private final RevocationCache revocations;
    private final Clock clock;

    public ApplicationTokenVerifier(CredentialSource credentials, RevocationCache revocations, Clock clock) {
        this.credentials = credentials;
        this.revocations = revocations;
        this.clock = clock;
    }

    /** Verifies {@code token} and returns its principal. */
    public Principal verify(String token) {
        return verify(TokenChecks.parse(token)).principal();
    }

    Verified verify(JWSObject jws) {
        if (!ALGORITHM.equals(jws.getHeader().getAlgorithm())) {
            throw AuthException.invalidToken("application tokens must be signed with HS256");
        }
        Map<String, Object> claims = TokenChecks.claims(jws);
        String issuer = TokenChecks.issuer(claims);
        String audience = TokenChecks.audience(claims);
        AppCredentials app = credentials.find(audience)
                .filter(found -> found.tenantId().equals(issuer))
                .orElseThrow(() -> AuthException.invalidToken(
                        "no application matches the token's 'iss' (tenant id) and 'aud' (application id)"));
        AppCredentials.SecretKey secret = checkSignature(jws, app);
        String subject = TokenChecks.requiredString(claims, "sub");
        long issuedAt = TokenChecks.requiredTime(claims, "iat");
        long expiresAt = TokenChecks.requiredTime(claims, "exp");
        Optional<List<String>> scope = TokenChecks.scope(claims);
        Optional<String> jti = TokenChecks.optionalString(claims, "jti");
        TokenChecks.times(claims, issuedAt, expiresAt, clock.instant().getEpochSecond(), app.maxTokenLifetimeSeconds());
        if (revocations.isRevoked(app.applicationId(), jti.orElse(null), subject, issuedAt)) {
            throw AuthException.revoked("the token has been revoked; mint a new one");
        }
        Set<Scope> scopes = scope.map(Scope::parseKnown).orElse(app.defaultScopes());
        Principal principal = new Principal(AuthMethod.JWT, app.tenantId(), app.applicationId(), subject, scopes,
                Instant.ofEpochSecond(issuedAt), Instant.ofEpochSecond(expiresAt), jti);
        long until = (expiresAt + ApplicationLimits.CLOCK_LEEWAY_SECONDS) * 1000;
        if (secret.expiresAt().isPresent()) {
            until = Math.min(until, secret.expiresAt().get().toEpochMilli());
        }
        return new Verified(principal, until, app, null);
    }

    private AppCredentials.SecretKey checkSignature(JWSObject jws, AppCredentials app) {
        Instant now = clock.instant();
        for (AppCredentials.SecretKey key : app.secrets()) {
            if (key.activeAt(now) && TokenChecks.verifies(jws, key.verifier())) {
                return key;
            }
        }
        throw AuthException.invalidSignature(
                "the signature does not verify with the application's API secret; sign with the current secret");
    }
}
