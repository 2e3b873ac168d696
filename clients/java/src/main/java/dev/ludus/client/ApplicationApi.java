package dev.ludus.client;

import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Transport;
import java.time.Duration;
import java.util.Map;

/** {@code /v1/application}: the calling application's settings and secrets. Scope {@code admin}. */
public final class ApplicationApi {

    private final Transport transport;
    private final Authentication authentication;

    ApplicationApi(Transport transport, Authentication authentication) {
        this.transport = transport;
        this.authentication = authentication;
    }

    /** {@code GET /v1/application}. */
    public Application get() {
        return transport.call(authentication, "GET", "/v1/application", null, Application.class);
    }

    /** {@code PATCH /v1/application}: changes the non-null members of {@code changes}. */
    public Application update(ApplicationChanges changes) {
        return transport.call(authentication, "PATCH", "/v1/application", changes, Application.class);
    }

    /**
     * {@code POST /v1/application/secret/rotate}: a new API secret; the old one keeps verifying for
     * {@code grace} (null: the server's default, 24 hours; zero: the emergency refresh). A client built
     * with the old secret keeps it: build a new one with {@link Rotation#apiSecret()}.
     */
    public Rotation rotateSecret(Duration grace) {
        return transport.call(authentication, "POST", "/v1/application/secret/rotate", grace(grace), Rotation.class);
    }

    /** {@code POST /v1/application/client_secret/rotate}: a new client secret, as {@link #rotateSecret}. */
    public ClientSecretRotation rotateClientSecret(Duration grace) {
        return transport.call(authentication, "POST", "/v1/application/client_secret/rotate", grace(grace),
                ClientSecretRotation.class);
    }

    private static Map<String, Long> grace(Duration grace) {
        return grace == null ? null : Map.of("grace_seconds", grace.toSeconds());
    }
}
