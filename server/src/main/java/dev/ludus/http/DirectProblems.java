package dev.ludus.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests the web server refuses before routing (headers or request line too large,
 * malformed framing, bad percent-encoding, HTTP/1.0) as problem+json with an {@code error} code and
 * an {@code X-Request-Id}, like every other error of the API. These requests never reach
 * {@link RequestFilter}, so they are logged here, at DEBUG: they are the client's mistake.
 */
public final class DirectProblems implements DirectHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DirectProblems.class);
    /** Helidon's messages that say what was wrong without quoting the request: shown as they are. */
    private static final Pattern PLAIN_MESSAGE = Pattern.compile("[A-Za-z0-9 ,.'/-]{1,120}");

    private final Json json;

    private DirectProblems(Json json) {
        this.json = json;
    }

    /** Direct handlers answering problem+json for every kind of refusal. */
    public static DirectHandlers all(Json json) {
        DirectProblems problems = new DirectProblems(json);
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            handlers.addHandler(type, problems);
        }
        return handlers.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
            ServerResponseHeaders headers, Throwable thrown) {
        return handle(request, eventType, status, headers, thrown == null ? "" : thrown.getMessage());
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
            ServerResponseHeaders headers, String message) {
        ApiException problem = problem(eventType, status, message == null ? "" : message);
        String requestId = RequestFilter.requestId(request.headers().first(RequestFilter.REQUEST_ID));
        LOG.debug("refused {} {} with {} ({}), request id {}", request.method(), request.protocolVersion(),
                problem.status(), problem.error(), requestId);
        return TransportResponse.builder()
                .status(Status.create(problem.status()))
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, ApiException.PROBLEM_JSON)
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .header(RequestFilter.REQUEST_ID, requestId)
                .keepAlive(eventType.keepAlive() && problem.status() < 500)
                .entity(json.write(ProblemHandler.body(problem)))
                .build();
    }

    /** The problem for a refusal: the status Helidon chose, made more precise where its message tells more. */
    static ApiException problem(EventType eventType, Status status, String message) {
        if (message.startsWith("Header size exceeded")) {
            return new ApiException(431, "headers_too_large", "Request headers too large",
                    "the request's headers are larger than the server accepts");
        }
        int code = status.code();
        return switch (code) {
            case 414 -> new ApiException(414, "uri_too_long", "URI too long",
                    "the request line is longer than the server accepts");
            case 413 -> new ApiException(413, "payload_too_large", "Payload too large",
                    "the request body is larger than the server accepts");
            case 505 -> new ApiException(505, "http_version_not_supported", "HTTP version not supported",
                    "only HTTP/1.1 is served; send the request again with HTTP/1.1");
            case 403 -> new ApiException(403, "forbidden", "Forbidden", "the request is not allowed");
            default -> code >= 500
                    ? new ApiException(code, "internal_error", "Internal server error",
                            "the server failed to process the request")
                    : new ApiException(code >= 400 ? code : 400, "invalid_request", "Invalid request",
                            "the request is malformed" + (PLAIN_MESSAGE.matcher(message).matches()
                                    ? ": " + message : ""));
        };
    }
}
