package dev.ludus.console;

import dev.ludus.http.ApiException;
import dev.ludus.http.ProblemHandler;
import dev.ludus.http.RouteTable;
import io.helidon.webserver.http.Handler;

/**
 * Registers console pages on the route table, each wrapped so that a refusal (an {@link ApiException}
 * from a service or a permission check, or any failure that {@link ProblemHandler#problemOf} knows, such
 * as a rule's refusal) answers an HTML page with its status and words instead of problem+json. Use it
 * for every console route.
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

    /**
     * Answers every other {@code /console} path with the HTML page of a 404 (the API's fallback would
     * answer problem+json). Register it after every console page.
     */
    public void notFoundLast() {
        Handler notFound = (request, response) -> {
            throw ApiException.notFound("there is no console page " + request.path().path());
        };
        get("/console/*", notFound);
        post("/console/*", notFound);
    }

    private Handler html(Handler handler) {
        return (request, response) -> {
            try {
                handler.handle(request, response);
            } catch (RuntimeException e) {
                // a service's refusal, or a known failure of a lower layer (a rule's refusal, an overloaded store)
                java.util.Optional<ApiException> known = ProblemHandler.problemOf(e);
                if (known.isEmpty() || response.isSent()) {
                    throw e;
                }
                views.error(request, response, known.get());
            }
        };
    }
}
