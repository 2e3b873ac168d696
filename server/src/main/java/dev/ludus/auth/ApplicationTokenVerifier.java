package dev.ludus.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies application tokens (spec 000): HS256 JWTs that the application signs with its API
 * secret. The checks run in the order of the design's validation table and the first failure wins:
 *
 * <ol>
 *   <li>well-formed: at most 8 KiB, three base64url parts, JSON objects, no {@code crit}, a plain
 *       {@code kid} if any -> {@code invalid_token}
 *   <li>{@code alg} is the configured HS256, whatever the token says -> {@code invalid_token}
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

    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final int MAX_CLAIM_LENGTH = 256;
    /** 9999-12-31T23:59:59Z: later instants are not plausible claims and would overflow arithmetic. */
    private static final long LATEST_TIME = 253_402_300_799L;

    private final CredentialSource credentials;
    private final RevocationCache revocations;
    private final Clock clock;

    public ApplicationTokenVerifier(CredentialSource credentials, RevocationCache revocations, Clock clock) {
        this.credentials = credentials;
        this.revocations = revocations;
        this.clock = clock;
    }

    /** Verifies {@code token} (the part after {@code Bearer }) and returns its principal. */
    public Principal verify(String token) {
        JWSObject jws = parse(token);
        checkAlgorithm(jws.getHeader());
        Map<String, Object> claims = claimsOf(jws);
        String issuer = requiredIssuerOrAudience(claims, "iss");
        String audience = audienceOf(claims);
        AppCredentials app = applicationOf(issuer, audience);
        checkSignature(jws, app);
        String subject = requiredString(claims, "sub");
        long issuedAt = requiredTime(claims, "iat");
        long expiresAt = requiredTime(claims, "exp");
        Optional<List<String>> scope = scopeOf(claims);
        Optional<String> jti = optionalString(claims, "jti");
        checkTimes(claims, issuedAt, expiresAt, app);
        if (revocations.isRevoked(app.applicationId(), jti.orElse(null), subject, issuedAt)) {
            throw AuthException.revoked("the token has been revoked; mint a new one");
        }
        Set<Scope> scopes = scope.map(Scope::parseKnown).orElse(app.defaultScopes());
        return new Principal(AuthMethod.JWT, app.tenantId(), app.applicationId(), subject, scopes,
                Instant.ofEpochSecond(issuedAt), Instant.ofEpochSecond(expiresAt), jti);
    }

    private static JWSObject parse(String token) {
        if (token.length() > ApplicationLimits.MAX_TOKEN_BYTES) {
            throw AuthException.invalidToken("the token is larger than 8 KiB");
        }
        if (!COMPACT_JWS.matcher(token).matches()) {
            throw AuthException.invalidToken("the token is not a compact JWS: three base64url parts separated by dots");
        }
        try {
            JWSObject jws = JWSObject.parse(token);
            JWSHeader header = jws.getHeader();
            if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
                throw AuthException.invalidToken("the token header names critical parameters Ludus does not understand");
            }
            if (header.getKeyID() != null && !KEY_ID.matcher(header.getKeyID()).matches()) {
                throw AuthException.invalidToken("the token header's 'kid' is not a key id");
            }
            return jws;
        } catch (ParseException e) {
            throw AuthException.invalidToken("the token header or payload is not a base64url-encoded JSON object");
        }
    }

    private static void checkAlgorithm(JWSHeader header) {
        if (!ALGORITHM.equals(header.getAlgorithm())) {
            throw AuthException.invalidToken("application tokens must be signed with HS256");
        }
    }

    private static Map<String, Object> claimsOf(JWSObject jws) {
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        if (claims == null) {
            throw AuthException.invalidToken("the token payload is not a JSON object");
        }
        return claims;
    }

    private static String requiredIssuerOrAudience(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            throw AuthException.missingClaim(name);
        }
        if (!(value instanceof String text) || text.isEmpty() || text.length() > MAX_CLAIM_LENGTH) {
            throw AuthException.invalidToken("the '" + name + "' claim must be a non-empty string");
        }
        return text;
    }

    /** {@code aud} is the application id, as a string or as an array holding exactly that string. */
    private static String audienceOf(Map<String, Object> claims) {
        Object value = claims.get("aud");
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                throw AuthException.missingClaim("aud");
            }
            if (list.size() != 1) {
                throw AuthException.invalidToken("the 'aud' claim must name exactly one application");
            }
            Object only = list.getFirst();
            if (!(only instanceof String text) || text.isEmpty() || text.length() > MAX_CLAIM_LENGTH) {
                throw AuthException.invalidToken("the 'aud' claim must be a non-empty string");
            }
            return text;
        }
        return requiredIssuerOrAudience(claims, "aud");
    }

    private AppCredentials applicationOf(String issuer, String audience) {
        return credentials.find(audience)
                .filter(app -> app.tenantId().equals(issuer))
                .orElseThrow(() -> AuthException.invalidToken(
                        "no application matches the token's 'iss' (tenant id) and 'aud' (application id)"));
    }

    private void checkSignature(JWSObject jws, AppCredentials app) {
        Instant now = clock.instant();
        for (AppCredentials.SecretKey key : app.secrets()) {
            if (key.activeAt(now) && verifies(jws, key)) {
                return;
            }
        }
        throw AuthException.invalidSignature(
                "the signature does not verify with the application's API secret; sign with the current secret");
    }

    private static boolean verifies(JWSObject jws, AppCredentials.SecretKey key) {
        try {
            return jws.verify(key.verifier());
        } catch (JOSEException e) {
            return false;
        }
    }

    private static String requiredString(Map<String, Object> claims, String name) {
        return optionalString(claims, name).orElseThrow(() -> AuthException.missingClaim(name));
    }

    private static Optional<String> optionalString(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text) || text.isEmpty() || text.length() > MAX_CLAIM_LENGTH) {
            throw AuthException.invalidToken("the '" + name + "' claim must be a non-empty string of at most "
                    + MAX_CLAIM_LENGTH + " characters");
        }
        return Optional.of(text);
    }

    private static long requiredTime(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            throw AuthException.missingClaim(name);
        }
        return timeOf(name, value);
    }

    private static long timeOf(String name, Object value) {
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())
                || number.doubleValue() < 0 || number.doubleValue() > LATEST_TIME) {
            throw AuthException.invalidToken("the '" + name + "' claim must be a number of seconds since the epoch");
        }
        return (long) Math.floor(number.doubleValue());
    }

    private static Optional<List<String>> scopeOf(Map<String, Object> claims) {
        Object value = claims.get("scope");
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof List<?> list)) {
            throw AuthException.invalidToken("the 'scope' claim must be an array of strings");
        }
        List<String> names = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String name)) {
                throw AuthException.invalidToken("the 'scope' claim must be an array of strings");
            }
            names.add(name);
        }
        return Optional.of(names);
    }

    private void checkTimes(Map<String, Object> claims, long issuedAt, long expiresAt, AppCredentials app) {
        long now = clock.instant().getEpochSecond();
        long leeway = ApplicationLimits.CLOCK_LEEWAY_SECONDS;
        if (now >= expiresAt + leeway) {
            throw AuthException.tokenExpired("the token expired; mint a new one");
        }
        if (issuedAt > now + leeway) {
            throw AuthException.invalidToken("the token's 'iat' is in the future; check the clock of the minting host");
        }
        Object notBefore = claims.get("nbf");
        if (notBefore != null && timeOf("nbf", notBefore) > now + leeway) {
            throw AuthException.invalidToken("the token is not valid yet ('nbf' is in the future)");
        }
        if (expiresAt <= issuedAt) {
            throw AuthException.invalidToken("the token's 'exp' must be after its 'iat'");
        }
        if (expiresAt - issuedAt > app.maxTokenLifetimeSeconds()) {
            throw AuthException.invalidToken("the token lives longer than the application allows ("
                    + app.maxTokenLifetimeSeconds() + " seconds from 'iat' to 'exp')");
        }
    }
}
