package dev.ludus.http;

import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * The request body as bytes, read at most once per request: a filter that must see the body (to
 * check a signature over it) and the handler after it get the same bytes. Helidon's request
 * content can be consumed only once; the bytes are kept in the request context. Bodies are bounded
 * by the server's maximum payload size.
 */
public final class RequestBodies {

    private record Cached(byte[] bytes) { }

    private RequestBodies() {
    }

    /** The whole body; empty when the request has none. */
    public static byte[] bytes(ServerRequest request) {
        Optional<Cached> cached = request.context().get(Cached.class);
        if (cached.isPresent()) {
            return cached.get().bytes();
        }
        byte[] bytes = request.content().hasEntity() ? request.content().as(byte[].class) : new byte[0];
        request.context().register(new Cached(bytes));
        return bytes;
    }
}
