package dev.ludus.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludus.Ludus;
import dev.ludus.config.LudusConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Ludus server for the SDK's tests: SQLite in a temporary directory, a random port, the real
 * clock or one the test moves. Raw HTTP helpers for what the tests do beside the SDK (operator API, metrics, revocation).
 */
final class LudusServer implements AutoCloseable {

    static final String ADMIN_KEY = "client-test-operator-key-0123456789abcdef";

    /** What the operator API answers for a new application. */
    record App(String tenantId, String applicationId, String apiSecret, String clientId, String clientSecret) { }

    /** A raw answer. */
    record Answer(int status, String body, HttpResponse<String> response) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private final Ludus ludus;
    private final Clock clock;
    private final HttpClient http = HttpClient.newHttpClient();

    private LudusServer(Path dataDir, Ludus ludus, Clock clock) {
        this.dataDir = dataDir;
        this.ludus = ludus;
        this.clock = clock;
    }

    static LudusServer start() {
        return start(Map.of());
    }

    static LudusServer start(Map<String, String> settings) {
        return start(settings, Clock.systemUTC());
    }

    /** A server on {@code clock}; clients of {@link Game} use it too, so that their tokens follow it. */
    static LudusServer start(Map<String, String> settings, Clock clock) {
        try {
            Path dataDir = Files.createTempDirectory("ludus-client-test");
            Map<String, String> variables = new HashMap<>(settings);
            variables.put(LudusConfig.PORT, "0");
            variables.put(LudusConfig.DATA_DIR, dataDir.toString());
            variables.put(LudusConfig.ADMIN_KEY, ADMIN_KEY);
            variables.put(LudusConfig.ISSUER, "https://ludus.test");
            return new LudusServer(dataDir, Ludus.start(LudusConfig.from(variables), clock), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's clock. */
    Clock clock() {
        return clock;
    }

    String baseUrl() {
        return "http://localhost:" + ludus.port();
    }

    /** A new tenant and application, through the operator API. */
    App createApp() {
        Answer tenant = send("POST", "/admin/v1/tenants", "{\"name\":\"Tenant\"}", "Bearer " + ADMIN_KEY);
        if (tenant.status() != 201) {
            throw new IllegalStateException("tenant: " + tenant.body());
        }
        String tenantId = tenant.json().path("id").asText();
        Answer app = send("POST", "/admin/v1/tenants/" + tenantId + "/applications", "{\"name\":\"App\"}",
                "Bearer " + ADMIN_KEY);
        if (app.status() != 201) {
            throw new IllegalStateException("application: " + app.body());
        }
        JsonNode body = app.json();
        return new App(tenantId, body.path("id").asText(), body.path("api_secret").asText(),
                body.path("client_id").asText(), body.path("client_secret").asText());
    }

    /** Registers an ECDSA key through the operator API. */
    void addEcdsaKey(String applicationId, String address, String scopesJson) {
        Answer answer = send("POST", "/admin/v1/applications/" + applicationId + "/ecdsa_keys",
                "{\"address\":\"" + address + "\",\"scopes\":" + scopesJson + "}", "Bearer " + ADMIN_KEY);
        if (answer.status() != 201) {
            throw new IllegalStateException("ecdsa key: " + answer.body());
        }
    }

    /** {@code POST /v1/auth_token} with Basic, outside the SDK. */
    Answer authToken(App app) {
        String basic = Base64.getEncoder().encodeToString((app.clientId() + ":" + app.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        return send("POST", "/v1/auth_token", null, "Basic " + basic);
    }

    Answer send(String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code http_server_requests_seconds_count} of one method, route and status in {@code /metrics}; 0 when absent. */
    long requestCount(String method, String route, int status) {
        String metrics = send("GET", "/metrics", null, null).body();
        Matcher matcher = Pattern.compile("(?m)^http_server_requests_seconds_count\\{method=\"" + Pattern.quote(method)
                + "\",route=\"" + Pattern.quote(route) + "\",status=\"" + status + "\"} ([0-9.Ee+]+)$").matcher(metrics);
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
    }

    /** How many {@code POST /v1/auth_token} answered 200 so far. */
    long tokenRequests() {
        return requestCount("POST", "/v1/auth_token", 200);
    }

    /**
     * {@link #tokenRequests()} once it reaches {@code expected} or after 2 seconds (the server records a
     * request when its answer is written, a moment after the client may have read it).
     */
    long tokenRequestsReaching(long expected) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        long count = tokenRequests();
        while (count < expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            count = tokenRequests();
        }
        return count;
    }

    @Override
    public void close() {
        ludus.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
