package dev.ludus.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import dev.ludus.http.Text;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The small named checks that both kinds of bearer token go through, each throwing the
 * {@link AuthException} of its row of the validation table. Stateless.
 */
final class TokenChecks {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final int MAX_CLAIM_LENGTH = 256;
    /** Claims that name something Ludus stores or looks up by: the user (or client) and the token. */
    private static final Set<String> IDENTIFYING_CLAIMS = Set.of("sub", "jti");
    /** 9999-12-31T23:59:59Z: later instants are not plausible claims and would overflow arithmetic. */
    private static final long LATEST_TIME = 253_402_300_799L;

    private TokenChecks() {
    }

    /** Row 1: at most 8 KiB, three base64url parts, a JSON header, no {@code crit}, a plain {@code kid}. */
    static JWSObject parse(String token) {
        if (token.length() > ApplicationLimits.MAX_TOKEN_BYTES) {
            throw AuthException.invalidToken("the token is larger than 8 KiB");
        }
        if (!isCompactJws(token)) {
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

    /**
     * Three non-empty runs of base64url characters separated by two dots; a scan rather than a
     * regular expression, which cost a quarter of a full verification.
     */
    static boolean isCompactJws(String token) {
        int dots = 0;
        int run = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (run == 0 || ++dots > 2) {
                    return false;
                }
                run = 0;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                run++;
            } else {
                return false;
            }
        }
        return dots == 2 && run > 0;
    }

    /** Row 1: the payload is a JSON object. */
    static Map<String, Object> claims(JWSObject jws) {
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        if (claims == null) {
            throw AuthException.invalidToken("the token payload is not a JSON object");
        }
        return claims;
    }

    /** Row 3 ({@code iss}): present and a non-empty string. */
    static String issuer(Map<String, Object> claims) {
        return requiredString(claims, "iss");
    }

    /** Row 3 ({@code aud}): a string, or an array holding exactly one string. */
    static String audience(Map<String, Object> claims) {
        Object value = claims.get("aud");
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                throw AuthException.missingClaim("aud");
            }
            if (list.size() != 1) {
                throw AuthException.invalidToken("the 'aud' claim must name exactly one application");
            }
            return checkedString("aud", list.getFirst());
        }
        return requiredString(claims, "aud");
    }

    /** Row 5: the signature verifies with {@code verifier}. */
    static boolean verifies(JWSObject jws, JWSVerifier verifier) {
        try {
            return jws.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }

    /** Row 6: a required string claim. */
    static String requiredString(Map<String, Object> claims, String name) {
        return optionalString(claims, name).orElseThrow(() -> AuthException.missingClaim(name));
    }

    /** Row 6: an optional string claim, typed when present. */
    static Optional<String> optionalString(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        return value == null ? Optional.empty() : Optional.of(checkedString(name, value));
    }

    /** Row 6: a required time claim, in whole epoch seconds. */
    static long requiredTime(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            throw AuthException.missingClaim(name);
        }
        return time(name, value);
    }

    /** Row 6: {@code scope}, when present, is an array of strings. */
    static Optional<List<String>> scope(Map<String, Object> claims) {
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

    /**
     * Row 7: {@code exp} not passed and {@code iat} and {@code nbf} not ahead, 60 s of leeway each;
     * {@code exp} after {@code iat} by at most {@code maxLifetimeSeconds}.
     */
    static void times(Map<String, Object> claims, long issuedAt, long expiresAt, long now, long maxLifetimeSeconds) {
        long leeway = ApplicationLimits.CLOCK_LEEWAY_SECONDS;
        if (now >= expiresAt + leeway) {
            throw AuthException.tokenExpired("the token expired; get a new one");
        }
        if (issuedAt > now + leeway) {
            throw AuthException.invalidToken("the token's 'iat' is in the future; check the clock of the minting host");
        }
        Object notBefore = claims.get("nbf");
        if (notBefore != null && time("nbf", notBefore) > now + leeway) {
            throw AuthException.invalidToken("the token is not valid yet ('nbf' is in the future)");
        }
        if (expiresAt <= issuedAt) {
            throw AuthException.invalidToken("the token's 'exp' must be after its 'iat'");
        }
        if (expiresAt - issuedAt > maxLifetimeSeconds) {
            throw AuthException.invalidToken("the token lives longer than allowed (" + maxLifetimeSeconds
                    + " seconds from 'iat' to 'exp')");
        }
    }

    private static String checkedString(String name, Object value) {
        if (!(value instanceof String text) || text.isEmpty() || text.length() > MAX_CLAIM_LENGTH) {
            throw AuthException.invalidToken("the '" + name + "' claim must be a non-empty string of at most "
                    + MAX_CLAIM_LENGTH + " characters");
        }
        int flaw = Text.firstFlaw(text);
        if (flaw >= 0) {
            String detail = "the '" + name + "' claim " + Text.flawAt(text, flaw);
            // iss and aud only pick the key (no such tenant or application exists); sub and jti,
            // read after the signature verified, would name a user or a token
            throw IDENTIFYING_CLAIMS.contains(name) ? AuthException.malformedClaim(name, detail)
                    : AuthException.invalidToken(detail);
        }
        return text;
    }

    private static long time(String name, Object value) {
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())
                || number.doubleValue() < 0 || number.doubleValue() > LATEST_TIME) {
            throw AuthException.invalidToken("the '" + name + "' claim must be a number of seconds since the epoch");
        }
        return (long) Math.floor(number.doubleValue());
    }
}
