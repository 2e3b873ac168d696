package dev.ludus.http;

import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

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

    /**
     * The address the request came from: the IP address of the connection's peer (a proxy in front of
     * Ludus is the peer; {@code X-Forwarded-For} is not trusted). Empty when it is not an IP socket.
     */
    public static Optional<String> remoteAddress(ServerRequest request) {
        SocketAddress address = request.remotePeer().address();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return Optional.of(inet.getAddress().getHostAddress());
        }
        return Optional.empty();
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
