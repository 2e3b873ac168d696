package dev.ludus.client;

import java.time.Duration;
import java.util.Optional;

/**
 * A call that failed: the server answered an error ({@code application/problem+json}), or no answer
 * came (status 0: {@code timeout}, {@code io_error}, {@code interrupted}).
 *
 * <p>{@link #error()} is the server's machine-readable code ({@code invalid_token},
 * {@code insufficient_permissions}, {@code unknown_metric}, {@code rate_limited}, ...);
 * {@link #field()} the request member at fault; {@link #problem()} is the raw body, for other
 * members such as {@code claim}, {@code required_scope}, {@code missing} or {@code used_by}.
 */
public final class LudusException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String title;
    private final String detail;
    private final String field;
    private final String requestId;
    private final String problem;
    private final Duration retryAfter;

    /**
     * @param status HTTP status, or 0 when no answer came
     * @param error the problem's {@code error} code (never null)
     * @param title the problem's {@code title}, or null
     * @param detail the problem's {@code detail}, or null
     * @param requestId the answer's {@code X-Request-Id}, or null
     * @param problem the raw answer body, or null
     * @param retryAfter the answer's {@code Retry-After}, or null
     * @param cause the I/O failure, or null
     */
    public LudusException(int status, String error, String title, String detail, String requestId, String problem,
            Duration retryAfter, Throwable cause) {
        this(status, error, title, detail, null, requestId, problem, retryAfter, cause);
    }

    /**
     * As {@link #LudusException(int, String, String, String, String, String, Duration, Throwable)},
     * with the problem's {@code field}.
     *
     * @param field the problem's {@code field} (the request member, parameter or header at fault), or null
     */
    public LudusException(int status, String error, String title, String detail, String field, String requestId,
            String problem, Duration retryAfter, Throwable cause) {
        super(message(status, error, detail, field, requestId), cause);
        this.status = status;
        this.error = error;
        this.title = title;
        this.detail = detail;
        this.field = field;
        this.requestId = requestId;
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    private static String message(int status, String error, String detail, String field, String requestId) {
        return (status == 0 ? "no answer" : "HTTP " + status) + " " + error
                + (field == null ? "" : " [" + field + "]")
                + (detail == null ? "" : ": " + detail)
                + (requestId == null ? "" : " (request id " + requestId + ")");
    }

    /** HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** The {@code error} code of the problem, e.g. {@code token_revoked}. */
    public String error() {
        return error;
    }

    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /**
     * The request member, parameter or header at fault, as the server names it: {@code metric} for
     * {@code unknown_metric}, {@code triggers[1].per}, {@code occurred_at}, {@code Idempotency-Key}, ...
     */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** The {@code X-Request-Id} of the answer: quote it when you ask the operator. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** The raw problem+json body. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** The answer's {@code Retry-After}, on 429 and 503. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
