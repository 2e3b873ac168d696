package dev.ludus.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludus.client.LudusException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends one logical call: authenticates each attempt, retries 429 and 503 with exponential backoff
 * (honouring {@code Retry-After} up to {@link ClientOptions#maxRetryDelay()}), retries once after a
 * 401 when the authentication dropped a stale token, and turns every failure into a
 * {@link LudusException}. A call that is safe to send again ({@link #callIdempotent}: its
 * {@code Idempotency-Key} goes with every attempt) is also retried after a timeout or a broken
 * connection, with the same backoff. Every request carries {@link ClientOptions#acceptLanguage()} when
 * set. {@link #stream} hands an answer's body over unread, for the
 * exports that are read a line at a time. Thread-safe and stateless apart from the JDK's connection pool.
 */
public final class Transport {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final byte[] NO_BODY = new byte[0];
    /** The failures without an answer that a call safe to send again retries. */
    private static final Set<String> UNANSWERED = Set.of("timeout", "io_error");

    private final HttpClient http;
    private final ObjectMapper json;
    private final ClientOptions options;
    private final String base;

    public Transport(ClientOptions options, ObjectMapper json) {
        this.options = options;
        this.json = json;
        String url = options.baseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public ObjectMapper json() {
        return json;
    }

    public ClientOptions options() {
        return options;
    }

    /** Sends the call and reads the answer as {@code type}; {@code body} is serialized as JSON, or null. */
    public <T> T call(Authentication auth, String method, String path, Object body, Class<T> type) {
        return read(exchange(auth, method, path, body, null, false), json.constructType(type));
    }

    /** As {@link #call(Authentication, String, String, Object, Class)}, for generic answers. */
    public <T> T call(Authentication auth, String method, String path, Object body, TypeReference<T> type) {
        return read(exchange(auth, method, path, body, null, false), json.constructType(type));
    }

    /** As {@link #call(Authentication, String, String, Object, Class)}, for answers typed at run time ({@code Page<R>}). */
    public <T> T call(Authentication auth, String method, String path, Object body, JavaType type) {
        return read(exchange(auth, method, path, body, null, false), type);
    }

    /**
     * {@code GET path} with {@code Accept: accept}, retried and re-authenticated as {@link #call} is,
     * answering the body of a 2xx answer unread, as it arrives: the caller reads it (a line at a time,
     * never all of it in memory) and must close it. {@link ClientOptions#requestTimeout()} bounds the
     * wait for the answer to begin, not the reading of its body.
     */
    public InputStream stream(Authentication auth, String path, String accept) {
        return exchange(auth, "GET", path, null, null, false, accept, HttpResponse.BodyHandlers.ofInputStream())
                .body();
    }

    /**
     * As {@link #call(Authentication, String, String, Object, Class)} for a write that the server
     * applies once however often it is sent: {@code idempotencyKey}, when not null, goes in the
     * {@code Idempotency-Key} header of every attempt (a batch carries its keys in its body), and a
     * timeout or a broken connection is retried like a 503, within {@link ClientOptions#maxRetries()}.
     */
    public <T> T callIdempotent(Authentication auth, String method, String path, Object body, String idempotencyKey,
            Class<T> type) {
        return read(exchange(auth, method, path, body, idempotencyKey, true), json.constructType(type));
    }

    /** Sends the call and ignores the answer body (204 answers). */
    public void send(Authentication auth, String method, String path, Object body) {
        exchange(auth, method, path, body, null, false);
    }

    private <T> T read(HttpResponse<byte[]> response, JavaType type) {
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new LudusException(response.statusCode(), "unreadable_answer", null,
                    "the answer is not the expected JSON: " + e.getMessage(), requestId(response), null, null, e);
        }
    }

    private HttpResponse<byte[]> exchange(Authentication auth, String method, String path, Object body,
            String idempotencyKey, boolean resendable) {
        return exchange(auth, method, path, body, idempotencyKey, resendable, "application/json",
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private <B> HttpResponse<B> exchange(Authentication auth, String method, String path, Object body,
            String idempotencyKey, boolean resendable, String accept, HttpResponse.BodyHandler<B> handler) {
        byte[] bytes = serialize(body);
        URI uri = URI.create(base + path);
        boolean reauthenticated = false;
        int retries = 0;
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(options.requestTimeout())
                    .header("Accept", accept)
                    .method(method, bytes.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(bytes));
            if (bytes.length > 0) {
                request.header("Content-Type", "application/json");
            }
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            if (options.acceptLanguage() != null) {
                request.header("Accept-Language", options.acceptLanguage());
            }
            String credential = auth.apply(request, method, uri, bytes);
            HttpResponse<B> response;
            try {
                response = send(request.build(), handler);
            } catch (LudusException unanswered) {
                // The write may or may not have been applied; sent again with the same key, it is applied once.
                if (resendable && UNANSWERED.contains(unanswered.error()) && retries < options.maxRetries()) {
                    sleep(backoff(unanswered, retries));
                    retries++;
                    continue;
                }
                throw unanswered;
            }
            int status = response.statusCode();
            if (status < 300) {
                return response;
            }
            LudusException failure = failure(response, bodyOf(response));
            if ((status == 429 || status == 503) && retries < options.maxRetries()) {
                Duration wait = backoff(failure, retries);
                if (wait != null) {
                    sleep(wait);
                    retries++;
                    continue;
                }
            }
            if (status == 401 && !reauthenticated && auth.rejected(failure, credential)) {
                reauthenticated = true;
                continue;
            }
            throw failure;
        }
    }

    private byte[] serialize(Object body) {
        if (body == null) {
            return NO_BODY;
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request body as JSON", e);
        }
    }

    private <B> HttpResponse<B> send(HttpRequest request, HttpResponse.BodyHandler<B> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw new LudusException(0, "timeout", null, request.method() + " " + request.uri().getRawPath()
                    + " got no answer in time", null, null, null, e);
        } catch (IOException e) {
            throw new LudusException(0, "io_error", null, request.method() + " " + request.uri().getRawPath()
                    + " failed: " + e.getMessage(), null, null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LudusException(0, "interrupted", null, "interrupted while waiting for the answer", null, null,
                    null, e);
        }
    }

    /** The wait before retry {@code retries + 1}, or null when the server asks for longer than allowed. */
    private Duration backoff(LudusException failure, int retries) {
        Duration max = options.maxRetryDelay();
        if (failure.retryAfter().isPresent()) {
            Duration asked = failure.retryAfter().get();
            return asked.compareTo(max) > 0 ? null : asked;
        }
        long exponential = FIRST_BACKOFF.toMillis() << Math.min(retries, 16);
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        return Duration.ofMillis(Math.min(jittered, max.toMillis()));
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LudusException(0, "interrupted", null, "interrupted while waiting to retry", null, null, null, e);
        }
    }

    /** The whole body of a refusal (a short problem): read and closed when it came as a stream. */
    private static byte[] bodyOf(HttpResponse<?> response) {
        if (response.body() instanceof InputStream in) {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                return NO_BODY;
            }
        }
        return (byte[]) response.body();
    }

    private LudusException failure(HttpResponse<?> response, byte[] body) {
        String raw = new String(body, StandardCharsets.UTF_8);
        String error = "http_" + response.statusCode();
        String title = null;
        String detail = null;
        String field = null;
        try {
            JsonNode problem = json.readTree(raw);
            if (problem != null && problem.isObject()) {
                error = text(problem, "error", error);
                title = text(problem, "title", null);
                detail = text(problem, "detail", text(problem, "error_description", null));
                field = text(problem, "field", null);
            }
        } catch (IOException notJson) {
            detail = raw.isEmpty() ? null : raw;
        }
        return new LudusException(response.statusCode(), error, title, detail, field, requestId(response),
                raw.isEmpty() ? null : raw, retryAfter(response), null);
    }

    private static String text(JsonNode node, String member, String otherwise) {
        JsonNode value = node.get(member);
        return value != null && value.isTextual() ? value.asText() : otherwise;
    }

    private static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("X-Request-Id").orElse(null);
    }

    /** {@code Retry-After} as seconds or an HTTP-date; null when absent or unreadable. */
    private Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").map(String::trim).orElse(null);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(options.clock().instant(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
