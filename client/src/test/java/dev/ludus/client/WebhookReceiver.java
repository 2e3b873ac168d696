package dev.ludus.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver for the tests: a JDK HTTP server on a random loopback port that answers every
 * POST with one status (204 unless told) and keeps what it received, headers (lower-case names) and raw body, in arrival order.
 * Thread-safe: requests are queued on the server's thread and taken on the test's.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name);
        }
    }

    private final HttpServer server;
    private final int status;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    WebhookReceiver() {
        this(204);
    }

    /** A receiver that answers {@code status} (without a body) to every request. */
    WebhookReceiver(int status) {
        this.status = status;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            received.add(new Received(headers, exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** The next request received, waiting up to {@code timeout}; fails the test when none comes. */
    Received next(Duration timeout) {
        try {
            Received next = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError("no webhook arrived within " + timeout);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a webhook", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
