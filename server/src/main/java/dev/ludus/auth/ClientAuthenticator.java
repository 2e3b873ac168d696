package dev.ludus.auth;

import dev.ludus.secrets.Secrets;
import dev.ludus.http.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Authenticates clients by {@code client_id} and {@code client_secret}: from an HTTP Basic header
 * (RFC 7617, UTF-8, as spec 003 says; form-url-encoded first at the OAuth endpoints) or from form
 * members (RFC 6749 section 2.3.1). Unknown ids
 * and wrong secrets fail alike ({@code invalid_client}); a client that authenticated but asks too
 * often gets 429 with {@code Retry-After}. Counting only authenticated requests keeps a stranger who
 * knows a client id from locking the client out.
 */
public final class ClientAuthenticator {

    private final ClientDirectory clients;
    private final RateLimiter limiter;
    private final MeterRegistry registry;
    private final Clock clock;

    public ClientAuthenticator(ClientDirectory clients, RateLimiter limiter, MeterRegistry registry, Clock clock) {
        this.clients = clients;
        this.limiter = limiter;
        this.registry = registry;
        this.clock = clock;
    }

    /** A presented client id and secret. */
    public record Credentials(String clientId, String secret) {
        @Override
        public String toString() {
            return "Credentials[" + clientId + "]";
        }
    }

    /**
     * The credentials of an {@code Authorization: Basic} header; empty when there is no such header.
     * A malformed Basic value is {@code invalid_client}.
     */
    public Optional<Credentials> basic(Optional<String> authorization) {
        try {
            return parseBasic(authorization);
        } catch (AuthException e) {
            countFailure("invalid_client");
            throw e;
        }
    }

    /**
     * The credentials of an {@code Authorization: Basic} header at an OAuth endpoint, where RFC 6749
     * section 2.3.1 has the client form-url-encode its id and secret before Basic encoding (so
     * {@code cs_x} may arrive as {@code cs%5Fx}, as oauth4webapi and openid-client send it). A value
     * that is not valid percent-encoding is {@code invalid_client}.
     */
    public Optional<Credentials> formEncodedBasic(Optional<String> authorization) {
        return basic(authorization).map(raw -> {
            try {
                return new Credentials(URLDecoder.decode(raw.clientId(), StandardCharsets.UTF_8),
                        URLDecoder.decode(raw.secret(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                countFailure("invalid_client");
                throw AuthException.invalidClient("the Basic client id and secret must be form-url-encoded (RFC 6749 section 2.3.1)");
            }
        });
    }

    /** The failure for a request that presented no client credentials at all (counted). */
    public AuthException missing(String detail) {
        countFailure("invalid_client");
        return AuthException.invalidClient(detail);
    }

    private static Optional<Credentials> parseBasic(Optional<String> authorization) {
        if (authorization.isEmpty() || authorization.get().isBlank()) {
            return Optional.empty();
        }
        String value = authorization.get().strip();
        int space = value.indexOf(' ');
        String scheme = (space < 0 ? value : value.substring(0, space)).toLowerCase(Locale.ROOT);
        if (!scheme.equals("basic")) {
            throw AuthException.invalidClient("authenticate with HTTP Basic: base64(client_id:client_secret)");
        }
        String decoded;
        try {
            byte[] bytes = Base64.getDecoder().decode(value.substring(space + 1).strip());
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException | StringIndexOutOfBoundsException e) {
            throw AuthException.invalidClient("the Basic credentials are not base64 of UTF-8 'client_id:client_secret'");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            throw AuthException.invalidClient("the Basic credentials must be 'client_id:client_secret'");
        }
        return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /** The client the credentials prove, after its rate limit; {@code invalid_client} otherwise. */
    public Client authenticate(Credentials credentials) {
        Optional<Client> client = clients.findClient(credentials.clientId());
        boolean accepted = client.isPresent() && client.get().acceptsSecret(credentials.secret(), clock.instant());
        if (!accepted) {
            // hash anyway, so that unknown ids and wrong secrets take the same time
            Secrets.sha256Hex(credentials.secret());
            countFailure("invalid_client");
            throw AuthException.invalidClient("unknown client id or wrong client secret");
        }
        long wait = limiter.acquire(client.get().clientId());
        if (wait > 0) {
            countFailure("rate_limited");
            throw ApiException.rateLimited(wait);
        }
        return client.get();
    }

    /**
     * Confirms, once a token has been issued to {@code client}, that the secret it authenticated with
     * still holds in the store; {@code invalid_client} otherwise. An emergency rotation
     * ({@code grace_seconds: 0}) that commits while a request holding the old secret is being served
     * would otherwise leave that request a token dated the rotation's watermark second, which the
     * watermark does not refuse. Checked after issuing: either the rotation committed before this
     * read and the token is withheld, or the token was issued before the rotation and its watermark
     * refuses it.
     */
    public void reconfirm(Client client) {
        Instant now = clock.instant();
        boolean holds = clients.findClient(client.clientId())
                .map(fresh -> fresh.secretHash().equals(client.secretHash())
                        || fresh.previousSecretHash().filter(client.secretHash()::equals).isPresent()
                                && fresh.previousSecretExpiresAt().map(now::isBefore).orElse(false))
                .orElse(false);
        if (!holds) {
            countFailure("invalid_client");
            throw AuthException.invalidClient("the client secret was rotated while the token was being issued;"
                    + " authenticate with the new secret");
        }
    }

    private void countFailure(String error) {
        registry.counter("ludus.auth.failures", "error", error).increment();
    }
}
