package dev.ludus.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Registers routes on Helidon's routing and remembers each one, so that metrics can be tagged with
 * the route pattern (not the raw path) and a test can hold the routes against {@code openapi.yaml}.
 *
 * <p>Not thread-safe: used only while the routing is built.
 */
public final class RouteTable {

    /** A registered route: the HTTP method and the path pattern, as OpenAPI writes it. */
    public record Route(String method, String pattern) { }

    private final HttpRouting.Builder routing;
    private final List<Route> routes = new ArrayList<>();

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

    /** Every route registered so far, in registration order. */
    public List<Route> routes() {
        return Collections.unmodifiableList(routes);
    }

    private RouteTable add(Method method, String pattern, Handler handler) {
        routes.add(new Route(method.text(), pattern));
        routing.route(method, pattern, (request, response) -> {
            request.context().get(RequestInfo.class).ifPresent(info -> info.route(pattern));
            handler.handle(request, response);
        });
        return this;
    }
}
