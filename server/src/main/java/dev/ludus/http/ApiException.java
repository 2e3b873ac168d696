package dev.ludus.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one exception root that becomes an HTTP answer. Handlers throw it (or a subclass) and
 * {@link ProblemHandler} writes it as {@code application/problem+json}:
 * {@code {"type","title","status","detail","error", ...members}} plus any headers it carries.
 *
 * <p>The detail is shown to the caller: it must never contain a token or a secret.
 */
public class ApiException extends RuntimeException {

    /** The media type of error answers. */
    public static final String PROBLEM_JSON = "application/problem+json";

    private final int status;
    private final String error;
    private final String title;
    private final Map<String, Object> members;
    private final Map<String, String> headers;

    public ApiException(int status, String error, String title, String detail) {
        this(status, error, title, detail, Map.of(), Map.of());
    }

    public ApiException(int status, String error, String title, String detail,
            Map<String, Object> members, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
        this.title = title;
        this.members = Map.copyOf(members);
        this.headers = Map.copyOf(headers);
    }

    /** 400 {@code invalid_request} naming the offending field. */
    public static ApiException invalidField(String field, String detail) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("field", field);
        return new ApiException(400, "invalid_request", "Invalid request", detail, members, Map.of());
    }

    /** 400 {@code invalid_request} about the request as a whole. */
    public static ApiException badRequest(String detail) {
        return new ApiException(400, "invalid_request", "Invalid request", detail);
    }

    /** 404 {@code not_found}. */
    public static ApiException notFound(String detail) {
        return new ApiException(404, "not_found", "Not found", detail);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** The media type of the answer: {@code application/problem+json} unless a protocol asks otherwise. */
    public String mediaType() {
        return PROBLEM_JSON;
    }

    /** 429 {@code rate_limited} with {@code Retry-After}. */
    public static ApiException rateLimited(long retryAfterSeconds) {
        return new ApiException(429, "rate_limited", "Too many requests",
                "too many requests for this client; retry after " + retryAfterSeconds + " s", Map.of(),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** Extra problem members, such as {@code claim} or {@code required_scope}. */
    public Map<String, Object> members() {
        return members;
    }

    /** Response headers that belong to this problem, such as {@code WWW-Authenticate}. */
    public Map<String, String> headers() {
        return headers;
    }
}
