package dev.ludus.auth;

import dev.ludus.http.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An authentication or authorisation failure with the error codes of spec 000, answered as
 * problem+json with an RFC 6750 {@code WWW-Authenticate} challenge. The detail says what is wrong
 * with the token but never repeats it.
 */
public final class AuthException extends ApiException {

    /** The realm of every challenge. */
    public static final String REALM = "ludus";

    private AuthException(int status, String error, String title, String detail,
            Map<String, Object> members, String challenge) {
        super(status, error, title, detail, members, Map.of("WWW-Authenticate", challenge));
    }

    /** 401 without an {@code error} attribute in the challenge: no credentials were sent. */
    public static AuthException noCredentials(String detail) {
        return new AuthException(401, "invalid_token", "Authentication required", detail, Map.of(),
                "Bearer realm=\"" + REALM + "\"");
    }

    public static AuthException invalidToken(String detail) {
        return unauthorized("invalid_token", "Invalid token", detail, Map.of());
    }

    public static AuthException tokenExpired(String detail) {
        return unauthorized("token_expired", "Token expired", detail, Map.of());
    }

    public static AuthException invalidSignature(String detail) {
        return unauthorized("invalid_signature", "Invalid signature", detail, Map.of());
    }

    public static AuthException missingClaim(String claim) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("claim", claim);
        return unauthorized("missing_required_claim", "Missing required claim",
                "the token has no '" + claim + "' claim", members);
    }

    /** The ECDSA scheme's own refusals: {@code request_expired}, {@code replayed_request}, {@code method_disabled}. */
    public static AuthException ecdsa(String error, String title, String detail) {
        return unauthorized(error, title, detail, Map.of());
    }

    public static AuthException revoked(String detail) {
        return unauthorized("token_revoked", "Token revoked", detail, Map.of());
    }

    /**
     * 400 {@code invalid_request} (RFC 6750 section 3.1): a verified token whose {@code claim} holds
     * text no store can keep (a NUL, an unpaired surrogate). The caller's user id is malformed, like
     * a malformed {@code user_id} in a body.
     */
    public static AuthException malformedClaim(String claim, String detail) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("claim", claim);
        members.put("field", claim);
        return new AuthException(400, "invalid_request", "Invalid request", detail, members,
                "Bearer realm=\"" + REALM + "\", error=\"invalid_request\", error_description=\""
                        + quotable(detail) + "\"");
    }

    /** 401 {@code invalid_client} with a Basic challenge: client credentials missing or wrong. */
    public static AuthException invalidClient(String detail) {
        return new AuthException(401, "invalid_client", "Invalid client", detail, Map.of(),
                "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
    }

    /** 403: the token is valid but lacks the scope the endpoint needs. */
    public static AuthException insufficientScope(Scope required) {
        return insufficientScope(required, "this endpoint needs the '" + required.wireName() + "' scope",
                new LinkedHashMap<>());
    }

    /**
     * 403: the token may act for its own user only, and {@code field} names another one; acting for
     * any user needs {@code required}.
     */
    public static AuthException otherUser(Scope required, String field) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("field", field);
        return insufficientScope(required, "acting for another user than the token's subject needs the '"
                + required.wireName() + "' scope", members);
    }

    private static AuthException insufficientScope(Scope required, String detail, Map<String, Object> members) {
        members.put("required_scope", required.wireName());
        return new AuthException(403, "insufficient_permissions", "Insufficient permissions", detail, members,
                "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", error_description=\""
                        + quotable(detail) + "\", scope=\"" + required.wireName() + "\"");
    }

    private static AuthException unauthorized(String error, String title, String detail, Map<String, Object> members) {
        return new AuthException(401, error, title, detail, members,
                "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\""
                        + quotable(detail) + "\"");
    }

    /** RFC 6750 allows only %x20-21 / %x23-5B / %x5D-7E in error_description. */
    private static String quotable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c <= 0x7E && c != '"' && c != '\\' ? c : '\'');
        }
        return out.toString();
    }
}
