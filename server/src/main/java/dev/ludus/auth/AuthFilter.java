package dev.ludus.auth;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Optional;

/**
 * Authenticates every {@code /v1} request and puts the {@link Principal} in the request context;
 * failures are counted in {@code ludus.auth.failures} by {@code error} and answered before any
 * handler runs. Unknown {@code /v1} paths answer 401 too, so routes are not revealed to strangers.
 * {@code POST /v1/auth_token} is the one exception: it authenticates clients with HTTP Basic itself.
 * {@link #require(Scope, Handler)} adds the endpoint's scope check.
 */
public final class AuthFilter implements Filter {

    private static final String PREFIX = "/v1/";

    private final BearerVerifier bearerTokens;
    private final MeterRegistry registry;

    public AuthFilter(BearerVerifier bearerTokens, MeterRegistry registry) {
        this.bearerTokens = bearerTokens;
        this.registry = registry;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        boolean basicAuthenticated = path.equals(AuthTokenRoutes.PATH)
                && request.prologue().method() == io.helidon.http.Method.POST;
        if (path.startsWith(PREFIX) && !basicAuthenticated) {
            try {
                request.context().register(authenticate(request));
            } catch (AuthException e) {
                countFailure(e.error());
                throw e;
            }
        }
        chain.proceed();
    }

    /** Wraps {@code handler} so that it runs only for a principal holding {@code scope}. */
    public Handler require(Scope scope, Handler handler) {
        return (request, response) -> {
            Principal principal = principal(request);
            if (!principal.has(scope)) {
                countFailure("insufficient_permissions");
                throw AuthException.insufficientScope(scope);
            }
            handler.handle(request, response);
        };
    }

    /** The principal {@link #filter} placed in the context of a {@code /v1} request. */
    public static Principal principal(ServerRequest request) {
        return request.context().get(Principal.class)
                .orElseThrow(() -> new IllegalStateException("no principal: route outside /v1 asked for one"));
    }

    private Principal authenticate(RoutingRequest request) {
        Optional<String> header = request.headers().first(HeaderNames.AUTHORIZATION);
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
