package dev.ludus.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A reverse proxy in front of the real server that loses answers on request: the request reaches
 * the server and is applied, but the client gets a 503 (what a load balancer says when the backend
 * was slow) or no answer in time. Records every request before it forwards it, so that once a
 * client's call has returned, {@link #seen} holds every request the call made: a count that needs
 * no waiting.
 */
final class FaultyProxy implements AutoCloseable {

    enum Fault {
        /** Forward, then answer 503 {@code unavailable} with {@code Retry-After: 0} instead of the server's answer. */
        ANSWER_503,
        /** Forward, then hold the server's answer for 3 seconds (past the client's request timeout). */
        ANSWER_LATE
    }

    /** A request as forwarded. */
    record Seen(String method, String path, String idempotencyKey, String body) { }

    private static final List<String> FORWARDED_HEADERS = List.of("Authorization", "Content-Type", "Idempotency-Key",
            "X-Request-Id");
    private static final List<String> ANSWERED_HEADERS = List.of("Content-Type", "X-Request-Id", "Retry-After");

    private final String target;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();

    FaultyProxy(String target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The next request of {@code method} on {@code path} (without query) meets {@code fault}; later ones pass. */
    void failNext(String method, String path, Fault fault) {
        faults.put(method + " " + path, fault);
    }

    /** The requests forwarded on {@code path}, in order. */
    List<Seen> seen(String path) {
        List<Seen> matching = new ArrayList<>();
        seen.forEach(request -> {
            if (request.path().equals(path)) {
                matching.add(request);
            }
        });
        return matching;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : FORWARDED_HEADERS) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    forward.header(header, value);
                }
            }
            seen.add(new Seen(method, uri.getRawPath(), exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    new String(body, StandardCharsets.UTF_8)));
            HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            Fault fault = faults.remove(method + " " + uri.getRawPath());
            if (fault == Fault.ANSWER_503) {
                byte[] problem = ("{\"type\":\"https://ludus.dev/problems/unavailable\",\"title\":\"Service unavailable\","
                        + "\"status\":503,\"detail\":\"the backend did not answer in time\",\"error\":\"unavailable\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                exchange.getResponseHeaders().set("Retry-After", "0");
                exchange.sendResponseHeaders(503, problem.length);
                exchange.getResponseBody().write(problem);
                return;
            }
            if (fault == Fault.ANSWER_LATE) {
                Thread.sleep(Duration.ofSeconds(3));
            }
            for (String header : ANSWERED_HEADERS) {
                answer.headers().firstValue(header).ifPresent(value -> exchange.getResponseHeaders().set(header, value));
            }
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException lateAnswerToAGoneClient) {
            // the client timed out and closed the connection
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
