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
 * server's own, higher limit only guards against bodies no API accepts). A client that closes the
 * connection in the middle of the body ends in {@link ClientClosedRequest}; one that pauses longer
 * than the read timeout answers 408 {@code request_timeout}.
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
        } catch (java.io.UncheckedIOException | io.helidon.webserver.ServerConnectionException
                | io.helidon.common.buffers.DataReader.InsufficientDataAvailableException e) {
            throw connectionFailed(e);
        } catch (NumberFormatException e) {
            // Helidon parses chunk sizes while the body is read, and lets a bad one escape like this
            throw ApiException.badRequest("the request body's chunked framing is malformed (a chunk size is not"
                    + " a hexadecimal number)");
        }
    }

    /**
     * The body stopped arriving: a pause longer than the read timeout answers 408; a connection that
     * ended (closed by the client, or cut off by the server's body deadline) has nobody to answer.
     */
    private static RuntimeException connectionFailed(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.SocketTimeoutException) {
                return new ApiException(408, "request_timeout", "Request timeout",
                        "the request body stopped arriving; send it again without pauses");
            }
        }
        return new ClientClosedRequest("the connection ended before the whole body arrived ("
                + failure.getClass().getSimpleName() + ")");
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "payload_too_large", "Payload too large",
                "the request body is larger than " + MAX_BYTES + " bytes");
    }
}
