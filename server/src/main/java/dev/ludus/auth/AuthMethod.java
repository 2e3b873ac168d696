package dev.ludus.auth;

/** How a request proved who it is; the wire name is what {@code /v1/auth/verify} reports. */
public enum AuthMethod {
    /** An HS256 token minted by the application with its API secret (spec 000). */
    JWT("jwt"),
    /** A token Ludus issued at {@code /v1/auth_token} (spec 003). */
    AUTH_TOKEN("auth_token"),
    /** A legacy ECDSA-signed request (spec 003). */
    ECDSA("ecdsa");

    private final String wireName;

    AuthMethod(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
