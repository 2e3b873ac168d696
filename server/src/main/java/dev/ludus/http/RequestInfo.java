package dev.ludus.http;

/**
 * Per-request facts that the routing learns and the request filter reports: the matched route
 * pattern. Confined to the request's own thread, so it needs no guarding.
 */
public final class RequestInfo {

    /** Route tag for requests that matched no route. */
    public static final String UNMATCHED = "unmatched";

    private final String requestId;
    private String route = UNMATCHED;

    RequestInfo(String requestId) {
        this.requestId = requestId;
    }

    public String requestId() {
        return requestId;
    }

    public String route() {
        return route;
    }

    void route(String pattern) {
        this.route = pattern;
    }
}
