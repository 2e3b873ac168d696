package dev.ludus.auth;

import dev.ludus.audit.Actor;
import dev.ludus.http.RequestBodies;
import dev.ludus.http.RequestInfo;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates every {@code /v1} request and puts the {@link Principal} in the request context;
 * failures are counted in {@code ludus.auth.failures} by {@code error} and answered before any
 * handler runs. Unknown {@code /v1} paths answer 401 too, so routes are not revealed to strangers.
 * {@code POST /v1/auth_token} is the one exception: it authenticates clients with HTTP Basic itself.
 * A request without {@code Authorization} but with {@code authsignature} is a legacy ECDSA-signed
 * request; its answer carries {@code Deprecation}, {@code Sunset} and a {@code Link} to the migration
 * guide. Authenticated requests are counted in {@code ludus.auth.requests} by method and application.
 * {@link #require(Scope, Handler)} adds the endpoint's scope check.
 */
public final class AuthFilter implements Filter {

    private static final String PREFIX = "/v1/";
    private static final HeaderName AUTHSIGNATURE = HeaderNames.create("authsignature");
    private static final HeaderName APP = HeaderNames.create("X-Ludus-App");
    private static final HeaderName TIMESTAMP = HeaderNames.create("X-Ludus-Timestamp");
    private static final HeaderName NONCE = HeaderNames.create("X-Ludus-Nonce");

    /** {@code Deprecation} value (RFC 9745): ECDSA request signing is deprecated since 2026-11-01. */
    static final String ECDSA_DEPRECATED = "@" + Instant.parse("2026-11-01T00:00:00Z").getEpochSecond();
    /** Where the {@code Link} of an ECDSA-authenticated answer points: the migration guide. */
    public static final String MIGRATION_GUIDE = "https://ludus.dev/docs/migrating-from-ecdsa";

    private final BearerVerifier bearerTokens;
    private final EcdsaVerifier ecdsa;
    private final String sunset;
    private final MeterRegistry registry;
    private final java.util.function.BiConsumer<String, AuthMethod> counted;
    /** Counters of authenticated requests by method and application, looked up once each. */
    private final Map<String, Counter> requests =
            new ConcurrentHashMap<>();

    /**
     * @param ecdsaSunset when ECDSA request signing stops working, for the {@code Sunset} header
     * @param counted learns of each authenticated request: its application and method (the usage
     *     figures); called on the request's thread, so it must be quick and must not throw
     */
    public AuthFilter(BearerVerifier bearerTokens, EcdsaVerifier ecdsa, Instant ecdsaSunset,
            MeterRegistry registry, java.util.function.BiConsumer<String, AuthMethod> counted) {
        this.bearerTokens = bearerTokens;
        this.ecdsa = ecdsa;
        this.sunset = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
                .format(ecdsaSunset.atOffset(ZoneOffset.UTC));
        this.registry = registry;
        this.counted = counted;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        boolean basicAuthenticated = path.equals(AuthTokenRoutes.PATH)
                && request.prologue().method() == Method.POST;
        if (path.startsWith(PREFIX) && !basicAuthenticated) {
            Principal principal;
            try {
                principal = authenticate(request);
            } catch (AuthException e) {
                countFailure(e.error());
                throw e;
            }
            request.context().register(principal);
            requests.computeIfAbsent(principal.method().wireName() + ' ' + principal.applicationId(),
                    key -> registry.counter("ludus.auth.requests", "method", principal.method().wireName(),
                            "application", principal.applicationId())).increment();
            counted.accept(principal.applicationId(), principal.method());
            if (principal.method() == AuthMethod.ECDSA) {
                response.header("Deprecation", ECDSA_DEPRECATED);
                response.header("Sunset", sunset);
                response.header("Link", "<" + MIGRATION_GUIDE + ">; rel=\"deprecation\"");
            }
        }
        chain.proceed();
    }

    /** Wraps {@code handler} so that it runs only for a principal holding {@code scope}. */
    public Handler require(Scope scope, Handler handler) {
        Handler checked = (request, response) -> {
            Principal principal = principal(request);
            if (!principal.has(scope)) {
                countFailure("insufficient_permissions");
                throw AuthException.insufficientScope(scope);
            }
            handler.handle(request, response);
        };
        // what needs the admin scope is never opened to browsers (docs/cors.md)
        return scope == Scope.ADMIN ? dev.ludus.http.RouteTable.closedToBrowsers(checked) : checked;
    }

    /** The principal {@link #filter} placed in the context of a {@code /v1} request. */
    public static Principal principal(ServerRequest request) {
        return request.context().get(Principal.class)
                .orElseThrow(() -> new IllegalStateException("no principal: route outside /v1 asked for one"));
    }

    /** Who makes a change through a {@code /v1} request, for the audit log: its principal and address. */
    public static Actor actor(ServerRequest request) {
        Principal principal = principal(request);
        return Actor.api(principal.applicationId(), principal.subject(), principal.method().wireName(),
                RequestInfo.remoteAddress(request));
    }

    /** Who makes a change through an {@code /admin} request, for the audit log: the operator, and the address. */
    public static Actor operator(ServerRequest request) {
        return Actor.operator(RequestInfo.remoteAddress(request));
    }

    private Principal authenticate(RoutingRequest request) {
        Optional<String> header = request.headers().first(HeaderNames.AUTHORIZATION);
        Optional<String> signature = request.headers().first(AUTHSIGNATURE);
        if ((header.isEmpty() || header.get().isBlank()) && signature.isPresent()) {
            String path = request.prologue().uriPath().rawPath();
            String query = request.prologue().query().rawValue();
            return ecdsa.verify(new EcdsaVerifier.SignedRequest(request.prologue().method().text(),
                    query.isEmpty() ? path : path + "?" + query, signature,
                    request.headers().first(APP), request.headers().first(TIMESTAMP), request.headers().first(NONCE),
                    RequestBodies.bytes(request)));
        }
        if (header.isEmpty() || header.get().isBlank()) {
            throw AuthException.noCredentials("this endpoint needs 'Authorization: Bearer <token>'");
        }
        String value = header.get().strip();
        int space = value.indexOf(' ');
        String scheme = (space < 0 ? value : value.substring(0, space)).toLowerCase(Locale.ROOT);
        if (scheme.equals("basic")) {
            throw AuthException.invalidToken(
                    "HTTP Basic is accepted only at /v1/auth_token; send 'Authorization: Bearer <token>' here");
        }
        if (!scheme.equals("bearer") || space < 0) {
            throw AuthException.invalidToken("the Authorization header must use the Bearer scheme");
        }
        String token = value.substring(space + 1).strip();
        if (token.isEmpty()) {
            throw AuthException.invalidToken("the Bearer token is empty");
        }
        return bearerTokens.verify(token);
    }

    private void countFailure(String error) {
        registry.counter("ludus.auth.failures", "error", error).increment();
    }
}
