package dev.ludus.auth;

import dev.ludus.http.ApiException;
import dev.ludus.http.RequestInfo;
import dev.ludus.http.RouteTable;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * CORS for browser clients of the {@code /v1} API (docs/cors.md). Runs before authentication:
 *
 * <ul>
 *   <li>A preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) carries no token, so it
 *       is answered here, 204, when some application allows the origin ({@link AllowedOrigins#anyAllows})
 *       and the route is open to browsers; otherwise 403 {@code cors_refused}, without
 *       {@code Access-Control-Allow-Origin}.</li>
 *   <li>The request itself gets {@code Access-Control-Allow-Origin: <origin>} (never {@code *}) only
 *       when the application of its token allows the origin; when no application is known (a missing
 *       or bad token, a limit before authentication), when some application allows it, so that the
 *       browser can read why it was refused. Errors carry it too.</li>
 *   <li>Never opened, whatever the lists say: {@code /v1/auth_token} (client secrets), the operator
 *       API, {@code /oauth/*}, and every route that needs the {@code admin} scope
 *       ({@link RouteTable#closedToBrowsers(io.helidon.webserver.http.Handler)}).</li>
 * </ul>
 *
 * Every {@code /v1} answer carries {@code Vary: Origin}. Stateless apart from the shared parts.
 */
public final class CorsFilter implements Filter {

    /** How long a browser may cache a preflight's answer: 10 minutes (Chromium caps it at 2 hours). */
    public static final int MAX_AGE_SECONDS = 600;
    /** Request headers a browser client may send. */
    public static final List<String> ALLOWED_HEADERS = List.of("Authorization", "Content-Type", "Idempotency-Key",
            "X-Request-Id", "Accept-Language");
    /** Answer headers a browser client may read besides the safelisted ones. */
    public static final List<String> EXPOSED_HEADERS = List.of("Retry-After", "X-Request-Id", "Deprecation", "Sunset",
            "Link", "Location", "WWW-Authenticate");

    private static final HeaderName REQUEST_METHOD = HeaderNames.create("Access-Control-Request-Method");
    private static final HeaderName REQUEST_HEADERS = HeaderNames.create("Access-Control-Request-Headers");
    private static final HeaderName ALLOW_ORIGIN = HeaderNames.create("Access-Control-Allow-Origin");
    private static final HeaderName ALLOW_METHODS = HeaderNames.create("Access-Control-Allow-Methods");
    private static final HeaderName ALLOW_HEADERS = HeaderNames.create("Access-Control-Allow-Headers");
    private static final HeaderName MAX_AGE = HeaderNames.create("Access-Control-Max-Age");
    private static final HeaderName EXPOSE_HEADERS = HeaderNames.create("Access-Control-Expose-Headers");
    private static final Set<String> LOWER_ALLOWED_HEADERS = Set.copyOf(ALLOWED_HEADERS.stream()
            .map(name -> name.toLowerCase(Locale.ROOT)).toList());
    /** Paths of {@code /v1} that take client secrets, never a browser's business. */
    private static final List<String> CLOSED_PATHS = List.of("/v1/auth_token");

    private final AllowedOrigins origins;
    private final CredentialSource applications;
    private final RouteTable routes;

    public CorsFilter(AllowedOrigins origins, CredentialSource applications, RouteTable routes) {
        this.origins = origins;
        this.applications = applications;
        this.routes = routes;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        if (!path.startsWith("/v1/")) {
            chain.proceed();
            return;
        }
        response.headers().add(HeaderNames.VARY, "Origin");
        Optional<String> origin = request.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            chain.proceed();
            return;
        }
        boolean closedPath = CLOSED_PATHS.contains(path);
        Optional<String> preflightMethod = request.headers().first(REQUEST_METHOD);
        if (request.prologue().method() == Method.OPTIONS && preflightMethod.isPresent()) {
            preflight(path, origin.get(), preflightMethod.get(), closedPath, request, response);
            return;
        }
        if (!closedPath) {
            response.beforeSend(() -> {
                if (opens(request, origin.get())) {
                    response.headers().set(ALLOW_ORIGIN, origin.get());
                    response.headers().set(EXPOSE_HEADERS, String.join(", ", EXPOSED_HEADERS));
                }
            });
        }
        chain.proceed();
    }

    /** Whether the answer to this request may be read by a page of {@code origin}. */
    private boolean opens(RoutingRequest request, String origin) {
        String route = request.context().get(RequestInfo.class).map(RequestInfo::route).orElse(RequestInfo.UNMATCHED);
        if (routes.closedRoute(request.prologue().method().text(), route)) {
            return false;
        }
        Optional<Principal> principal = request.context().get(Principal.class);
        if (principal.isEmpty()) {
            return origins.anyAllows(origin);
        }
        return applications.find(principal.get().applicationId())
                .map(app -> origins.allows(app, origin))
                .orElse(false);
    }

    private void preflight(String path, String origin, String method, boolean closedPath, RoutingRequest request,
            RoutingResponse response) {
        String wanted = method.strip().toUpperCase(Locale.ROOT);
        if (closedPath || routes.closedToBrowsers(wanted, path)) {
            throw refused(wanted + " " + path + " is not open to browsers: it takes client secrets or the admin scope,"
                    + " which belong on a back end");
        }
        if (!origins.anyAllows(origin)) {
            throw refused("the origin " + origin + " is not among the CORS origins of any application (the"
                    + " application's cors_origins setting, or LUDUS_CORS_ORIGINS)");
        }
        List<String> methods = routes.methods(path);
        if (!methods.contains(wanted)) {
            throw refused(methods.isEmpty() ? "no route for " + path
                    : path + " answers " + String.join(", ", methods) + ", not " + wanted);
        }
        for (String header : request.headers().first(REQUEST_HEADERS).orElse("").split(",")) {
            String name = header.strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !LOWER_ALLOWED_HEADERS.contains(name)) {
                throw refused("the header " + header.strip() + " is not allowed; browsers may send "
                        + String.join(", ", ALLOWED_HEADERS));
            }
        }
        response.headers().set(ALLOW_ORIGIN, origin);
        response.headers().set(ALLOW_METHODS, String.join(", ", methods));
        response.headers().set(ALLOW_HEADERS, String.join(", ", ALLOWED_HEADERS));
        response.headers().set(MAX_AGE, Integer.toString(MAX_AGE_SECONDS));
        response.status(Status.NO_CONTENT_204).send();
    }

    private static ApiException refused(String detail) {
        return new ApiException(403, "cors_refused", "Cross-origin request refused", detail);
    }
}
