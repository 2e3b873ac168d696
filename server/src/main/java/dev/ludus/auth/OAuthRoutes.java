package dev.ludus.auth;

import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.RequestBodies;
import dev.ludus.http.UrlEncoded;
import dev.ludus.http.RouteTable;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The standard endpoints beside spec 003's, on the same machinery: {@code POST /oauth/token}
 * (client credentials grant, RFC 6749 section 4.4), {@code POST /oauth/revoke} (RFC 7009) and
 * {@code POST /oauth/introspect} (RFC 7662). Each takes a form body and client authentication by
 * HTTP Basic (id and secret form-url-encoded first, RFC 6749 section 2.3.1) or by {@code client_id}
 * and {@code client_secret} form members. {@code GET /.well-known/oauth-authorization-server}
 * (RFC 8414) describes them, without credentials.
 */
public final class OAuthRoutes {

    private static final int MAX_FORM_BYTES = 16 * 1024;
    /** RFC 8414 section 3: the well-known path of the authorization server metadata. */
    public static final String METADATA_PATH = "/.well-known/oauth-authorization-server";

    private final ClientAuthenticator clients;
    private final AuthTokenService tokens;
    private final BearerVerifier verifier;
    private final RevocationService revocations;
    private final Supplier<String> issuer;
    private final Json json;
    private final Clock clock;

    public OAuthRoutes(ClientAuthenticator clients, AuthTokenService tokens, BearerVerifier verifier,
            RevocationService revocations, Supplier<String> issuer, Json json, Clock clock) {
        this.clients = clients;
        this.tokens = tokens;
        this.verifier = verifier;
        this.revocations = revocations;
        this.issuer = issuer;
        this.json = json;
        this.clock = clock;
    }

    /** RFC 6749 section 5.1. */
    record AccessToken(String accessToken, String tokenType, long expiresIn, String scope) { }

    public void register(RouteTable routes) {
        routes.post("/oauth/token", oauth(this::token));
        routes.post("/oauth/revoke", oauth(this::revoke));
        routes.post("/oauth/introspect", oauth(this::introspect));
        routes.get(METADATA_PATH, (request, response) -> {
            response.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
            json.send(response, 200, metadata(issuer.get()));
        });
    }

    /**
     * RFC 8414 authorization server metadata: where the endpoints are, derived from the issuer of
     * server tokens, and what they accept. Ludus has no authorization endpoint (the client
     * credentials grant needs none), so it supports no response type.
     */
    static Map<String, Object> metadata(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        List<String> clientAuthentication = List.of("client_secret_basic", "client_secret_post");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer);
        metadata.put("token_endpoint", base + "/oauth/token");
        metadata.put("jwks_uri", base + "/.well-known/jwks.json");
        metadata.put("scopes_supported", Arrays.stream(Scope.values()).map(Scope::wireName).toList());
        metadata.put("response_types_supported", List.of());
        metadata.put("grant_types_supported", List.of("client_credentials"));
        metadata.put("token_endpoint_auth_methods_supported", clientAuthentication);
        metadata.put("revocation_endpoint", base + "/oauth/revoke");
        metadata.put("revocation_endpoint_auth_methods_supported", clientAuthentication);
        metadata.put("introspection_endpoint", base + "/oauth/introspect");
        metadata.put("introspection_endpoint_auth_methods_supported", clientAuthentication);
        return metadata;
    }

    private interface FormHandler {
        void handle(Map<String, String> form, Client client, ServerResponse response);
    }

    /** Parses the form, authenticates the client, and answers every failure in OAuth's shape. */
    private Handler oauth(FormHandler handler) {
        return (request, response) -> {
            try {
                Map<String, String> form = form(request);
                Client client = clients.authenticate(credentials(request, form));
                response.header(HeaderNames.CACHE_CONTROL, "no-store");
                response.header(HeaderNames.PRAGMA, "no-cache");
                handler.handle(form, client, response);
            } catch (OAuthException e) {
                throw e;
            } catch (ApiException e) {
                throw OAuthException.from(e);
            }
        };
    }

    private void token(Map<String, String> form, Client client, ServerResponse response) {
        String grantType = Optional.ofNullable(form.get("grant_type"))
                .orElseThrow(() -> OAuthException.invalidRequest("'grant_type' is required"));
        if (!grantType.equals("client_credentials")) {
            throw OAuthException.unsupportedGrantType("only grant_type=client_credentials is supported");
        }
        AuthTokenService.IssuedToken token;
        String requested = form.get("scope");
        if (requested == null || requested.isBlank()) {
            token = tokens.current(client);
        } else {
            Set<String> scopes = new LinkedHashSet<>(Arrays.asList(requested.strip().split(" +")));
            if (!client.scopes().containsAll(scopes)) {
                throw OAuthException.invalidScope("the client may ask for: " + String.join(" ", client.scopes()));
            }
            token = scopes.equals(new LinkedHashSet<>(client.scopes()))
                    ? tokens.current(client)
                    : tokens.narrowed(client, List.copyOf(scopes));
        }
        clients.reconfirm(client);
        long expiresIn = token.expiresAt() - clock.instant().getEpochSecond();
        json.send(response, 200, new AccessToken(token.token(), "Bearer", expiresIn, String.join(" ", token.scopes())));
    }

    private void revoke(Map<String, String> form, Client client, ServerResponse response) {
        String token = requiredToken(form);
        ownPrincipal(token, client).ifPresent(principal -> {
            long expiresAt = principal.expiresAt().getEpochSecond();
            if (principal.method() == AuthMethod.AUTH_TOKEN) {
                revocations.invalidateAuthToken(principal.applicationId(), principal.tokenId().orElseThrow(), expiresAt);
            } else if (principal.tokenId().isPresent()) {
                revocations.revokeToken(principal.applicationId(), principal.tokenId().get(), expiresAt);
            }
        });
        response.status(200);
        response.send();
    }

    private void introspect(Map<String, String> form, Client client, ServerResponse response) {
        Optional<Principal> principal = ownPrincipal(requiredToken(form), client);
        if (principal.isEmpty()) {
            json.send(response, 200, Map.of("active", false));
            return;
        }
        Principal p = principal.get();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", true);
        answer.put("scope", String.join(" ", p.scopes().stream().sorted().map(Scope::wireName).toList()));
        if (p.method() == AuthMethod.AUTH_TOKEN) {
            answer.put("client_id", p.subject());
        }
        answer.put("sub", p.subject());
        answer.put("aud", p.applicationId());
        answer.put("iss", p.method() == AuthMethod.AUTH_TOKEN ? issuer.get() : p.tenantId());
        answer.put("exp", p.expiresAt().getEpochSecond());
        answer.put("iat", p.issuedAt().getEpochSecond());
        p.tokenId().ifPresent(jti -> answer.put("jti", jti));
        answer.put("token_type", "Bearer");
        answer.put("method", p.method().wireName());
        json.send(response, 200, answer);
    }

    /** The token's principal when it is valid and belongs to the client's application. */
    private Optional<Principal> ownPrincipal(String token, Client client) {
        try {
            Principal principal = verifier.verify(token);
            return principal.applicationId().equals(client.applicationId()) ? Optional.of(principal) : Optional.empty();
        } catch (AuthException e) {
            return Optional.empty();
        }
    }

    private static String requiredToken(Map<String, String> form) {
        String token = form.get("token");
        if (token == null || token.isBlank()) {
            throw OAuthException.invalidRequest("'token' is required");
        }
        return token;
    }

    private ClientAuthenticator.Credentials credentials(ServerRequest request, Map<String, String> form) {
        Optional<ClientAuthenticator.Credentials> basic = clients.formEncodedBasic(request.headers().first(HeaderNames.AUTHORIZATION));
        boolean inForm = form.containsKey("client_id") || form.containsKey("client_secret");
        if (basic.isPresent() && inForm) {
            throw OAuthException.invalidRequest("authenticate the client one way: HTTP Basic or form members, not both");
        }
        if (basic.isPresent()) {
            return basic.get();
        }
        if (form.get("client_id") == null || form.get("client_secret") == null) {
            throw clients.missing("authenticate with HTTP Basic or 'client_id' and 'client_secret'");
        }
        return new ClientAuthenticator.Credentials(form.get("client_id"), form.get("client_secret"));
    }

    /** An {@code application/x-www-form-urlencoded} body; a parameter given twice is {@code invalid_request}. */
    private static Map<String, String> form(ServerRequest request) {
        String type = request.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuthException.invalidRequest("send the parameters as application/x-www-form-urlencoded");
        }
        byte[] body = RequestBodies.bytes(request);
        if (body.length > MAX_FORM_BYTES) {
            throw OAuthException.invalidRequest("the form is larger than 16 KiB");
        }
        Map<String, List<String>> fields;
        try {
            fields = UrlEncoded.decode(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidRequest("the form is not valid application/x-www-form-urlencoded");
        }
        Map<String, String> form = new HashMap<>();
        fields.forEach((name, values) -> {
            if (values.size() > 1) {
                throw OAuthException.invalidRequest("'" + name + "' is given more than once");
            }
            form.put(name, values.get(0));
        });
        return form;
    }
}
