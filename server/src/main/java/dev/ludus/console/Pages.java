package dev.ludus.console;

import dev.ludus.http.ApiException;
import dev.ludus.http.RouteTable;
import io.helidon.webserver.http.Handler;

/**
 * Registers console pages on the route table, each wrapped so that a refusal (an {@link ApiException}
 * from a service or a permission check) answers an HTML page with its status and words instead of
 * problem+json. Use it for every console route.
 */
public final class Pages {

    private final RouteTable routes;
    private final Views views;

    public Pages(RouteTable routes, Views views) {
        this.routes = routes;
        this.views = views;
    }

    public Pages get(String pattern, Handler handler) {
        routes.get(pattern, html(handler));
        return this;
    }

    public Pages post(String pattern, Handler handler) {
        routes.post(pattern, html(handler));
        return this;
    }

    private Handler html(Handler handler) {
        return (request, response) -> {
            try {
                handler.handle(request, response);
            } catch (ApiException e) {
                if (response.isSent()) {
                    throw e;
                }
                views.error(request, response, e);
            }
        };
    }
}
