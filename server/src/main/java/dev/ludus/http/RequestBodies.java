package dev.ludus.http;

import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The request body as bytes, read at most once per request and at most {@link #MAX_BYTES} long: a
 * filter that must see the body (to check a signature over it) and the handler after it get the
 * same bytes. Helidon's request content can be consumed only once, so the bytes are kept in the
 * request context. A larger body answers 413 {@code payload_too_large} as problem+json (the web
 * server's own, higher limit only guards against bodies no API accepts).
 */
public final class RequestBodies {

    /** Largest request body the API accepts: 2 MiB. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;

    private record Cached(byte[] bytes) { }

    private RequestBodies() {
    }

    /** The whole body; empty when the request has none. */
    public static byte[] bytes(ServerRequest request) {
        Optional<Cached> cached = request.context().get(Cached.class);
        if (cached.isPresent()) {
            return cached.get().bytes();
        }
        byte[] bytes = read(request);
        request.context().register(new Cached(bytes));
        return bytes;
    }

    private static byte[] read(ServerRequest request) {
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        if (request.headers().contentLength().orElse(0) > MAX_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = request.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read");
        } catch (NumberFormatException e) {
            // Helidon parses chunk sizes while the body is read, and lets a bad one escape like this
            throw ApiException.badRequest("the request body's chunked framing is malformed (a chunk size is not"
                    + " a hexadecimal number)");
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "payload_too_large", "Payload too large",
                "the request body is larger than " + MAX_BYTES + " bytes");
    }
}
