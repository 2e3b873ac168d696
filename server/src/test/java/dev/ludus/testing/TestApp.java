package dev.ludus.testing;

import java.time.Clock;

/** A tenant and application created for a test, with the secrets shown at creation. */
public record TestApp(String tenantId, String applicationId, String apiSecret, String clientId,
        String clientSecret, Clock clock) {

    /** A token builder with valid claims for {@code user_123}, signed with the API secret. */
    public Tokens.Builder token() {
        return Tokens.builder(clock).issuer(tenantId).audience(applicationId).secret(apiSecret);
    }

    /** {@code ["Authorization", "Basic base64(client_id:client_secret)"]}. */
    public String[] basic() {
        return Http.basic(clientId, clientSecret);
    }

    /** A valid token with the given scopes. */
    public String tokenWith(String... scopes) {
        return token().scopes(scopes).build();
    }
}
