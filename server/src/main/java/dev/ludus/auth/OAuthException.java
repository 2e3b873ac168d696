package dev.ludus.auth;

import dev.ludus.http.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error of the OAuth endpoints, shaped as RFC 6749 section 5.2 says: {@code application/json}
 * with {@code error} and {@code error_description} (the problem+json members come along).
 */
public final class OAuthException extends ApiException {

    private OAuthException(int status, String error, String description, Map<String, String> headers) {
        super(status, error, "OAuth error", description, Map.of("error_description", description), headers);
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description, Map.of());
    }

    public static OAuthException unsupportedGrantType(String description) {
        return new OAuthException(400, "unsupported_grant_type", description, Map.of());
    }

    public static OAuthException invalidScope(String description) {
        return new OAuthException(400, "invalid_scope", description, Map.of());
    }

    /** The same failure in OAuth's shape: status, code and challenge kept. */
    public static OAuthException from(ApiException e) {
        return new OAuthException(e.status(), e.error(), e.detail(), new LinkedHashMap<>(e.headers()));
    }

    @Override
    public String mediaType() {
        return dev.ludus.http.Json.MEDIA_TYPE;
    }
}
