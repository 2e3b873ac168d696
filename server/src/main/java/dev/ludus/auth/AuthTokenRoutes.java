package dev.ludus.auth;

import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.JsonBody;
import java.time.Duration;
import dev.ludus.http.RouteTable;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;

/**
 * Spec 003's {@code /v1/auth_token}: {@code POST} with HTTP Basic client credentials answers the
 * client's current token; {@code DELETE} with that token as Bearer invalidates it. And the public
 * keys that verify such tokens at {@code /.well-known/jwks.json}, and the operator's key rotation.
 */
public final class AuthTokenRoutes {

    /** The path of spec 003's token endpoint; {@link AuthFilter} lets its {@code POST} through. */
    public static final String PATH = "/v1/auth_token";

    private final ClientAuthenticator clients;
    private final AuthTokenService tokens;
    private final RevocationService revocations;
    private final SigningKeys keys;
    private final Json json;
    private final java.time.Clock clock;

    public AuthTokenRoutes(ClientAuthenticator clients, AuthTokenService tokens, RevocationService revocations,
            SigningKeys keys, Json json, java.time.Clock clock) {
        this.clients = clients;
        this.tokens = tokens;
        this.revocations = revocations;
        this.keys = keys;
        this.json = json;
        this.clock = clock;
    }

    /** The signing key now in use, and until when the keys it replaced stay published. */
    record KeyView(String kid, Instant createdAt, Instant previousKeysPublishedUntil) { }

    /** The answer of {@code POST /v1/auth_token}, shaped as spec 003 says. */
    record TokenView(String token, long expiration, String expirationDt, String tokenType) { }

    public void register(RouteTable routes) {
        routes.post(PATH, this::issue);
        routes.delete(PATH, this::invalidate);
        routes.get("/.well-known/jwks.json", (req, res) -> {
            res.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
            json.send(res, 200, keys.jwks());
        });
        routes.post("/admin/v1/signing_keys/rotate", (req, res) -> {
            JsonBody body = json.body(req).allowOnly(java.util.Set.of("grace_seconds"));
            Duration grace = body.integer("grace_seconds", 0, keys.defaultGrace().toSeconds())
                    .map(Duration::ofSeconds).orElse(keys.defaultGrace());
            SigningKey key = keys.rotate(AuthFilter.operator(req), grace);
            json.send(res, 200, new KeyView(key.kid(), key.createdAt(), Instant.now(clock).plus(grace)));
        });
    }

    private void issue(ServerRequest request, ServerResponse response) {
        ClientAuthenticator.Credentials credentials = clients.basic(request.headers().first(HeaderNames.AUTHORIZATION))
                .orElseThrow(() -> clients.missing("send 'Authorization: Basic base64(client_id:client_secret)'"));
        Client client = clients.authenticate(credentials);
        AuthTokenService.IssuedToken token = tokens.current(client);
        clients.reconfirm(client);
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        json.send(response, 200, new TokenView(token.token(), token.expiresAt(),
                Instant.ofEpochSecond(token.expiresAt()).toString(), "Bearer"));
    }

    private void invalidate(ServerRequest request, ServerResponse response) {
        Principal principal = AuthFilter.principal(request);
        if (principal.method() != AuthMethod.AUTH_TOKEN) {
            throw ApiException.badRequest("only tokens from POST /v1/auth_token are invalidated here;"
                    + " revoke application tokens at POST /v1/auth/revocations");
        }
        revocations.invalidateAuthToken(principal.applicationId(), principal.tokenId().orElseThrow(),
                principal.expiresAt().getEpochSecond());
        response.status(204);
        response.send();
    }
}
