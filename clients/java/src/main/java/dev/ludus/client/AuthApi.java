package dev.ludus.client;

import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Transport;
import java.util.Map;

/** {@code /v1/auth/...}: who a request authenticates as, and token revocation. */
public final class AuthApi {

    private final Transport transport;
    private final Authentication authentication;

    AuthApi(Transport transport, Authentication authentication) {
        this.transport = transport;
        this.authentication = authentication;
    }

    /** {@code GET /v1/auth/verify}: the identity of this client's requests. No scope needed. */
    public Verification verify() {
        return transport.call(authentication, "GET", "/v1/auth/verify", null, Verification.class);
    }

    /** Revokes the token with this {@code jti} (an application token's or a server token's {@code at_...}). Scope {@code admin}. */
    public Revocation revokeTokenId(String jti) {
        return revoke(Map.of("jti", jti));
    }

    /** Revokes a whole token of this application that carries a {@code jti}. Scope {@code admin}. */
    public Revocation revokeToken(String token) {
        return revoke(Map.of("token", token));
    }

    /** Revokes every token of {@code subject} issued so far (a client id covers its server tokens). Scope {@code admin}. */
    public Revocation revokeSubject(String subject) {
        return revoke(Map.of("subject", subject));
    }

    /** Revokes every token of the application issued so far, server tokens included. Scope {@code admin}. */
    public Revocation revokeAll() {
        return revoke(Map.of("all", true));
    }

    private Revocation revoke(Map<String, Object> request) {
        return transport.call(authentication, "POST", "/v1/auth/revocations", request, Revocation.class);
    }
}
