package dev.ludus.http;

import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * Per-request facts that the request filter learns first (where the request came from), that the
 * routing learns (the matched route pattern), and that the request filter reports (whether the client
 * went away before its request was read). Confined to the request's own thread, so it needs no guarding.
 */
public final class RequestInfo {

    /** Route tag for requests that matched no route. */
    public static final String UNMATCHED = "unmatched";

    private final String requestId;
    private final ForwardedHeaders.Origin origin;
    private String route = UNMATCHED;
    private boolean clientClosed;

    RequestInfo(String requestId, ForwardedHeaders.Origin origin) {
        this.requestId = requestId;
        this.origin = origin;
    }

    /**
     * The address the request came from: the IP address of the connection's peer, or the client's
     * that a trusted proxy reports in {@code X-Forwarded-For} ({@link ForwardedHeaders}). Empty when it
     * is not an IP socket.
     */
    public static Optional<String> remoteAddress(ServerRequest request) {
        return request.context().get(RequestInfo.class).map(info -> info.origin.address())
                .orElseGet(() -> ForwardedHeaders.UNTRUSTING.origin(request).address());
    }

    /**
     * Whether the client's own connection was HTTPS: this one's TLS, or what a trusted proxy reports in
     * {@code X-Forwarded-Proto}.
     */
    public static boolean secure(ServerRequest request) {
        return request.context().get(RequestInfo.class).map(info -> info.origin.secure())
                .orElseGet(request::isSecure);
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
