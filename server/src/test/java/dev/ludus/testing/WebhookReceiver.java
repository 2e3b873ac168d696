package dev.ludus.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server in the test that webhooks are sent to: records every request (headers, body,
 * arrival time) and answers what the test tells it to ({@code 200 ok} unless {@link #respond} says
 * otherwise), after an optional delay.
 *
 * <pre>{@code
 * try (WebhookReceiver receiver = WebhookReceiver.start()) {
 *     // register receiver.url() as an endpoint (the server needs LUDUS_WEBHOOK_ALLOW_PRIVATE=true)
 *     WebhookReceiver.Received first = receiver.await(1).get(0);
 * }
 * }</pre>
 *
 * When the contract check is on ({@link Contract#enabled()}), every request is checked against the
 * {@code webhooks} of openapi.yaml; a mismatch fails the test at the next {@link #received()},
 * {@link #await(int)} or {@link #close()}. Thread-safe.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One request as it arrived: the three Standard Webhooks headers, the body (UTF-8), when it came,
     * and every header (first value, lower-case name), as {@code Webhooks.verify}-style checks want.
     */
    public record Received(String id, String timestamp, String signature, String body, long arrivedAtMillis,
            Map<String, String> headers) {

        public Received {
            headers = Map.copyOf(headers);
        }

        /** The first value of a header, by case-insensitive name; null when absent. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body's bytes as they were sent (the server sends UTF-8 JSON). */
        public byte[] bodyBytes() {
            return body.getBytes(StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String type() {
            return json().path("type").asText();
        }

        /**
         * The {@code webhook-signature} entry that {@code secret} ({@code whsec_...}) gives this request,
         * computed here without Ludus's code (Standard Webhooks): {@code v1,} and the base64 HMAC-SHA256 of
         * {@code id.timestamp.body}.
         */
        public String signatureWith(String secret) {
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(
                        java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
                byte[] signed = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
                return "v1," + java.util.Base64.getEncoder().encodeToString(signed);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What to answer. */
    public record Reply(int status, Map<String, String> headers, String body, Duration delay) {
        public static Reply ok() {
            return new Reply(200, Map.of(), "ok", Duration.ZERO);
        }

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "status " + status, Duration.ZERO);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Where a request broke the {@code webhooks} of openapi.yaml; reported on the test's thread. */
    private final List<String> contractMismatches = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Reply> responder = request -> Reply.ok();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) ->
                        headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
                Received request = new Received(headers.get("webhook-id"), headers.get("webhook-timestamp"),
                        headers.get("webhook-signature"), new String(body, StandardCharsets.UTF_8),
                        System.currentTimeMillis(), headers);
                if (ContractMode.enabled()) {
                    receiver.contractMismatches.addAll(Contract.served().checkWebhook(
                            name -> java.util.Optional.ofNullable(exchange.getRequestHeaders().getFirst(name)),
                            request.body()));
                }
                receiver.received.add(request);
                Reply reply = receiver.responder.apply(request);
                try {
                    Thread.sleep(reply.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL to register: {@code http://127.0.0.1:<port>/hook}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Answers every following request with what {@code responder} says. */
    public void respond(Function<Received, Reply> responder) {
        this.responder = responder;
    }

    public List<Received> received() {
        checkContract();
        return List.copyOf(received);
    }

    /** Fails (see {@link Contract#enforce}) when a request so far broke the {@code webhooks} of the contract. */
    private void checkContract() {
        List<String> mismatches = List.copyOf(contractMismatches);
        if (!mismatches.isEmpty()) {
            contractMismatches.removeAll(mismatches);
            Contract.enforce(mismatches);
        }
    }

    /** Waits until at least {@code count} requests arrived (10 s at most) and returns them all. */
    public List<Received> await(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (received.size() < count) {
            throw new AssertionError("expected " + count + " webhook requests, got " + received.size());
        }
        return received();
    }

    @Override
    public void close() {
        server.stop(0);
        checkContract();
    }
}
