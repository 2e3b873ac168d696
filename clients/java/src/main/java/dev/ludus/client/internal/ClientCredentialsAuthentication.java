package dev.ludus.client.internal;

import dev.ludus.client.LudusException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Spec 003's auth tokens: {@code POST /v1/auth_token} with HTTP Basic, the token cached and sent as
 * Bearer until it has {@link #RENEW_BEFORE} or less left by the injected clock, then one request for
 * a new one however many threads need it.
 *
 * <p>Guarding: {@link #cached} is a volatile immutable snapshot read without a lock on the fast path;
 * it is only replaced while {@link #refresh} is held, so at most one {@code POST /v1/auth_token} is in
 * flight per client and threads that waited for it use its answer.
 */
public final class ClientCredentialsAuthentication implements Authentication {

    /** Ask for a new token when this much or less is left (spec 003). */
    public static final Duration RENEW_BEFORE = Duration.ofMinutes(30);
    /** When the server hands back the same token (its clock is behind ours), look again after this. */
    static final Duration SAME_TOKEN_RECHECK = Duration.ofMinutes(1);
    private static final Set<String> STALE_TOKEN_ERRORS = Set.of("token_revoked", "token_expired", "invalid_token");

    private final Transport transport;
    private final Authentication basic;
    private final Clock clock;
    private final ReentrantLock refresh = new ReentrantLock();
    private volatile Cached cached;

    /** A token and the instant from which it is renewed. */
    private record Cached(String token, Instant expiration, Instant renewAt) { }

    /** Spec 003's token object. */
    record AuthToken(String token, long expiration, String expirationDt, String tokenType) { }

    public ClientCredentialsAuthentication(Transport transport, String clientId, String clientSecret) {
        if (clientId == null || clientId.isBlank() || clientId.contains(":")) {
            throw new IllegalArgumentException("clientId must be a non-blank client id without ':'");
        }
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("clientSecret must not be blank");
        }
        this.transport = transport;
        this.basic = Authentication.header("Basic " + Base64.getEncoder()
                .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)));
        this.clock = transport.options().clock();
    }

    @Override
    public String apply(HttpRequest.Builder request, String method, URI uri, byte[] body) {
        String token = token();
        request.setHeader("Authorization", "Bearer " + token);
        return token;
    }

    @Override
    public boolean rejected(LudusException failure, String credential) {
        if (credential == null || !STALE_TOKEN_ERRORS.contains(failure.error())) {
            return false;
        }
        forget(credential);
        return true;
    }

    /** The cached token, or a new one when it has {@link #RENEW_BEFORE} or less left. */
    public String token() {
        Cached current = cached;
        if (current != null && clock.instant().isBefore(current.renewAt())) {
            return current.token();
        }
        refresh.lock();
        try {
            current = cached;
            if (current != null && clock.instant().isBefore(current.renewAt())) {
                return current.token();
            }
            AuthToken fresh = transport.call(basic, "POST", "/v1/auth_token", null, AuthToken.class);
            Instant now = clock.instant();
            Instant expiration = Instant.ofEpochSecond(fresh.expiration());
            Instant renewAt = expiration.minus(RENEW_BEFORE);
            if (!now.isBefore(renewAt)) {
                // The server still finds more than 30 minutes left (its clock is behind ours):
                // use this token and ask again in a minute rather than on every call.
                renewAt = now.plus(SAME_TOKEN_RECHECK);
            }
            cached = new Cached(fresh.token(), expiration, renewAt);
            return fresh.token();
        } finally {
            refresh.unlock();
        }
    }

    /** Invalidates the cached token at the server ({@code DELETE /v1/auth_token}) and forgets it. */
    public void invalidate() {
        Cached current = cached;
        if (current == null) {
            return;
        }
        try {
            transport.send(Authentication.header("Bearer " + current.token()), "DELETE", "/v1/auth_token", null);
        } catch (LudusException e) {
            if (e.status() != 401) {        // already invalid: forgetting it is all that is left to do
                throw e;
            }
        } finally {
            forget(current.token());
        }
    }

    /** Drops the cached token if it is still {@code token} (another thread may have replaced it). */
    private void forget(String token) {
        refresh.lock();
        try {
            Cached current = cached;
            if (current != null && current.token().equals(token)) {
                cached = null;
            }
        } finally {
            refresh.unlock();
        }
    }
}
