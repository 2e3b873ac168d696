package dev.ludus.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import dev.ludus.engine.Refusal;
import dev.ludus.store.StoreOutage;
import dev.ludus.store.StoreOverloadedException;
import dev.ludus.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: every error is {@code application/problem+json}
 * with an {@code error} code. The layers below speak their own exceptions, mapped here
 * ({@link #problemOf}): the rules' {@link Refusal}s, the store's overload and unavailability (503
 * {@code overloaded} and {@code unavailable} with {@code Retry-After}) and its outages (out of disk,
 * unreachable: 503 {@code unavailable}). Unexpected exceptions answer a 500 that says nothing about
 * the cause and are logged with the request id.
 */
public final class ProblemHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    private final Json json;

    public ProblemHandler(Json json) {
        this.json = json;
    }

    /** Writes an {@link ApiException}. */
    public void handle(ServerRequest request, ServerResponse response, ApiException problem) {
        write(response, problem);
    }

    /** Writes a request Helidon refused itself (too large, malformed) with its own status. */
    public void handleRequestException(ServerRequest request, ServerResponse response, RequestException e) {
        int status = e.status().code();
        if (status == 413) {
            write(response, new ApiException(413, "payload_too_large", "Payload too large",
                    "the request body is larger than the server accepts"));
        } else if (status >= 500) {
            handleUnexpected(request, response, e);
        } else {
            write(response, new ApiException(status, "invalid_request", "Invalid request",
                    "the request could not be processed: " + e.status().reasonPhrase()));
        }
    }

    /**
     * A client that went away before its request was read: nobody to answer, nothing to fix. Marks the
     * request so that it is counted as 499 and logs one line at DEBUG.
     */
    public void handleClientClosed(ServerRequest request, ServerResponse response, ClientClosedRequest e) {
        request.context().get(RequestInfo.class).ifPresent(info -> info.clientClosed(true));
        LOG.debug("{} {}: {}", request.prologue().method().text(), request.path().path(), e.getMessage());
        if (!response.isSent()) {
            // an answer nobody reads, so that the web server does not count the request as unhandled
            try {
                response.status(io.helidon.http.Status.create(ClientClosedRequest.STATUS, "Client Closed Request"));
                response.header(HeaderNames.CONNECTION, "close");
                response.send();
            } catch (RuntimeException writeFailed) {
                LOG.trace("the answer to a client that went away could not be written", writeFailed);
            }
        }
    }

    /**
     * The answer to a failure of a layer below HTTP, if it is one this layer knows (every
     * {@link ApiException} is its own answer); empty for a bug.
     */
    public static Optional<ApiException> problemOf(Throwable failure) {
        return switch (failure) {
            case ApiException problem -> Optional.of(problem);
            case Refusal refusal -> Optional.of(switch (refusal.reason()) {
                case INSUFFICIENT_POINTS, NOT_COMPLETABLE, REWARD_UNAVAILABLE, OUT_OF_STOCK, LIMIT_REACHED,
                        LEVEL_REQUIRED, QUEST_ENDED, NOT_JOINABLE ->
                        new ApiException(409, refusal.code(), "Not allowed by the rules", refusal.getMessage());
                case UNKNOWN_METRIC, UNKNOWN_POINTS_SYSTEM, UNKNOWN_ACHIEVEMENT, UNKNOWN_STREAK,
                        UNKNOWN_QUEST ->
                        ApiException.notFound(refusal.getMessage());
                case NEGATIVE_VALUE, TOTAL_OUT_OF_RANGE -> ApiException.invalidField("value", refusal.getMessage());
            });
            case StoreOverloadedException overloaded -> Optional.of(new ApiException(503, "overloaded", "Overloaded",
                    overloaded.getMessage(), Map.of(), Map.of("Retry-After", "1")));
            case StoreUnavailableException unavailable -> Optional.of(new ApiException(503, "unavailable",
                    "Service unavailable", unavailable.getMessage(), Map.of(), Map.of("Retry-After", "1")));
            default -> StoreOutage.of(failure).map(outage -> new ApiException(503, "unavailable",
                    "Service unavailable", outage.reason() + "; nothing was changed, retry later", Map.of(),
                    Map.of("Retry-After", outage.diskFull() ? "30" : "5")));
        };
    }

    /** Anything else is a known failure of a lower layer ({@link #problemOf}), a bug or an outage. */
    public void handleUnexpected(ServerRequest request, ServerResponse response, Throwable e) {
        if (e instanceof io.helidon.webserver.ServerConnectionException) {
            // the answer could not be written: the client (a health checker that gave up, say) went away
            handleClientClosed(request, response, new ClientClosedRequest("the connection closed before the answer"
                    + " was written (" + e.getMessage() + ")"));
            return;
        }
        Optional<ApiException> known = problemOf(e);
        if (known.isPresent()) {
            if (!(e instanceof ApiException) && StoreOutage.of(e).isPresent()) {
                LOG.warn("{} {} failed: {} ({})", request.prologue().method().text(), request.path().path(),
                        known.get().detail(), e.getMessage());
            }
            write(response, known.get());
            return;
        }
        LOG.error("unexpected failure on {} {}", request.prologue().method().text(), request.path().path(), e);
        write(response, new ApiException(500, "internal_error", "Internal server error",
                "the server failed to process the request; the request id identifies it in the logs"));
    }

    private void write(ServerResponse response, ApiException problem) {
        if (response.isSent()) {
            return;
        }
        Map<String, Object> body = body(problem);
        response.status(problem.status());
        problem.headers().forEach(response::header);
        response.header(HeaderNames.CONTENT_TYPE, problem.mediaType());
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.send(json.write(body));
    }

    /** The problem+json members of a problem, also used for the per-item errors of a batch. */
    public static Map<String, Object> body(ApiException problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://ludus.dev/problems/" + problem.error().replace('_', '-'));
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("error", problem.error());
        body.putAll(problem.members());
        return body;
    }
}
