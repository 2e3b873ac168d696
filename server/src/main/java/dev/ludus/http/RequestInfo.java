package dev.ludus.http;

/**
 * Per-request facts that the routing learns and the request filter reports: the matched route
 * pattern, and whether the client went away before its request was read. Confined to the request's own thread, so it needs no guarding.
 */
public final class RequestInfo {

    /** Route tag for requests that matched no route. */
    public static final String UNMATCHED = "unmatched";

    private final String requestId;
    private String route = UNMATCHED;
    private boolean clientClosed;

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

    /** Whether the client closed the connection before its request was read. */
    boolean clientClosed() {
        return clientClosed;
    }

    void clientClosed(boolean closed) {
        this.clientClosed = closed;
    }
}
