package dev.ludus.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Registers routes on Helidon's routing and remembers each one, so that metrics can be tagged with
 * the route pattern (not the raw path) and a test can hold the routes against {@code openapi.yaml}.
 *
 * <p>Not thread-safe: used only while the routing is built.
 */
public final class RouteTable {

    /** A registered route: the HTTP method and the path pattern, as OpenAPI writes it. */
    public record Route(String method, String pattern) {

        /** The patterns' regular expressions, compiled once each (routes are few and fixed). */
        private static final java.util.Map<String, Pattern> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

        /** True when {@code path} matches the pattern, each {@code {name}} standing for one segment. */
        boolean matches(String path) {
            return COMPILED.computeIfAbsent(pattern, key -> Pattern.compile(
                    Pattern.quote(key).replaceAll("\\{[a-z_]+}", "\\\\E[^/]+\\\\Q"))).matcher(path).matches();
        }
    }

    private final HttpRouting.Builder routing;
    private final List<Route> routes = new ArrayList<>();
    /** The routes a browser may never call, whatever an application's CORS origins say. */
    private final List<Route> closedToBrowsers = new ArrayList<>();

    /** A handler whose route is closed to browsers (see {@link #closedToBrowsers(Handler)}). */
    private record ClosedToBrowsers(Handler handler) implements Handler {
        @Override
        public void handle(io.helidon.webserver.http.ServerRequest request,
                io.helidon.webserver.http.ServerResponse response) throws Exception {
            handler.handle(request, response);
        }
    }

    /**
     * Marks a handler's route as closed to browsers: CORS never opens it (the routes that need the
     * {@code admin} scope, say). The mark is read when the route is registered.
     */
    public static Handler closedToBrowsers(Handler handler) {
        return handler instanceof ClosedToBrowsers ? handler : new ClosedToBrowsers(handler);
    }

    /** Whether a route for {@code method} that matches {@code path} is closed to browsers. */
    public boolean closedToBrowsers(String method, String path) {
        return closedToBrowsers.stream().anyMatch(route -> route.method().equals(method) && route.matches(path));
    }

    /** Whether the route registered as {@code method} {@code pattern} is closed to browsers. */
    public boolean closedRoute(String method, String pattern) {
        return closedToBrowsers.contains(new Route(method, pattern));
    }

    /** The methods of the routes that match {@code path}, in registration order. */
    public List<String> methods(String path) {
        return routes.stream().filter(route -> route.matches(path)).map(Route::method).distinct().toList();
    }

    public RouteTable(HttpRouting.Builder routing) {
        this.routing = routing;
    }

    public RouteTable get(String pattern, Handler handler) {
        return add(Method.GET, pattern, handler);
    }

    public RouteTable post(String pattern, Handler handler) {
        return add(Method.POST, pattern, handler);
    }

    public RouteTable put(String pattern, Handler handler) {
        return add(Method.PUT, pattern, handler);
    }

    public RouteTable patch(String pattern, Handler handler) {
        return add(Method.PATCH, pattern, handler);
    }

    public RouteTable delete(String pattern, Handler handler) {
        return add(Method.DELETE, pattern, handler);
    }

    /**
     * The handler for requests that matched no route: 405 with {@code Allow} when the path exists
     * for other methods, 404 otherwise. Register it last.
     */
    public Handler fallback() {
        return (request, response) -> {
            String path = request.path().path();
            String allowed = routes.stream().filter(route -> route.matches(path)).map(Route::method).distinct()
                    .collect(Collectors.joining(", "));
            if (allowed.isEmpty()) {
                throw ApiException.notFound("no route for " + request.prologue().method().text() + " " + path);
            }
            throw new ApiException(405, "method_not_allowed", "Method not allowed",
                    path + " answers " + allowed, Map.of(), Map.of("Allow", allowed));
        };
    }

    /** Every route registered so far, in registration order. */
    public List<Route> routes() {
        return Collections.unmodifiableList(routes);
    }

    private RouteTable add(Method method, String pattern, Handler handler) {
        routes.add(new Route(method.text(), pattern));
        if (handler instanceof ClosedToBrowsers) {
            closedToBrowsers.add(new Route(method.text(), pattern));
        }
        routing.route(method, pattern, (request, response) -> {
            request.context().get(RequestInfo.class).ifPresent(info -> info.route(pattern));
            handler.handle(request, response);
        });
        return this;
    }
}
