package dev.ludus.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LegacySigner;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/stats} and {@code GET /admin/v1/stats}: webhook attempts by outcome, requests by
 * authentication method, the operator's sum over applications, the parameters' validation and who
 * may read.
 */
class StatsApiTest {

    private static final Instant START = Instant.parse("2026-12-02T09:15:00Z");
    private static final String HOUR = "from=2026-12-02T10:00:00Z&to=2026-12-02T11:00:00Z";

    private TestLudus ludus;
    private Http http;
    private TestApp app;

    @BeforeEach
    void start() {
        ludus = TestLudus.builder().clockAt(START).setting("LUDUS_WEBHOOK_ALLOW_PRIVATE", "true").start();
        http = ludus.http();
        app = ludus.createApp();
        new GameSetup(http, app).metric("steps")
                .put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}");
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    private String[] admin() {
        return Http.bearer(app.tokenWith("admin"));
    }

    /** The one bucket of 10:00 to 11:00, read with an admin token (a request counted there too). */
    private JsonNode tenOClock() {
        Http.Answer answer = http.get("/v1/stats?" + HOUR, admin());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("buckets")).hasSize(1);
        return answer.json().path("buckets").get(0);
    }

    private void event(String user) {
        Http.Answer answer = http.post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"" + user + "\",\"value\":1}",
                Http.bearer(app.tokenWith("users:write")));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    @Test
    void webhookAttemptsAreCountedByOutcome() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.respond(request -> WebhookReceiver.Reply.status(500));
            Http.Answer created = http.post("/v1/webhooks", "{\"url\":\"" + receiver.url()
                    + "\",\"event_types\":[\"points.changed\"]}", admin());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().path("id").asText();
            ludus.clock().advance(Duration.ofMinutes(50)); // 10:05

            event("ada"); // its delivery fails and is due again later: the clock stands still
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (tenOClock().path("webhook_deliveries").path("retrying").asLong() == 0
                    && System.nanoTime() < deadline) {
                pause();
            }
            Http.Answer failing = http.post("/v1/webhooks/" + id + "/ping", "", admin());
            assertThat(failing.json().path("status").asText()).as(failing.body()).isEqualTo("failed");
            JsonNode bucket = tenOClock();
            assertThat(counts(bucket.path("webhook_deliveries")))
                    .isEqualTo(Map.of("delivered", 0L, "retrying", 1L, "given_up", 1L));
        }
    }

    @Test
    void aDeliveredAttemptIsCounted() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Http.Answer created = http.post("/v1/webhooks", "{\"url\":\"" + receiver.url()
                    + "\",\"event_types\":[\"points.changed\"]}", admin());
            ludus.clock().advance(Duration.ofMinutes(50));
            Http.Answer ping = http.post("/v1/webhooks/" + created.json().path("id").asText() + "/ping", "", admin());
            assertThat(ping.json().path("status").asText()).as(ping.body()).isEqualTo("succeeded");
            assertThat(counts(tenOClock().path("webhook_deliveries")))
                    .isEqualTo(Map.of("delivered", 1L, "retrying", 0L, "given_up", 0L));
        }
    }

    @Test
    void requestsAreCountedByAuthenticationMethod() {
        LegacySigner signer = LegacySigner.random();
        assertThat(http.post("/v1/application/ecdsa_keys", "{\"address\":\"" + signer.address() + "\"}", admin())
                .status()).isEqualTo(201);
        ludus.clock().advance(Duration.ofMinutes(50)); // 10:05: what came before is in the hour of 9

        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/v1/auth/verify", Http.bearer(app.tokenWith("read"))).status()).isEqualTo(200);
        }
        String token = http.post("/v1/auth_token", "", app.basic()).json().path("token").asText();
        for (int i = 0; i < 2; i++) {
            assertThat(http.get("/v1/auth/verify", Http.bearer(token)).status()).isEqualTo(200);
        }
        long now = ludus.clock().instant().getEpochSecond();
        for (int i = 0; i < 4; i++) {
            String nonce = UUID.randomUUID().toString();
            byte[] signature = signer.sign(LegacySigner.message("GET", "/v1/auth/verify", now, nonce,
                    "".getBytes(StandardCharsets.UTF_8)));
            assertThat(http.get("/v1/auth/verify", "authsignature", HexFormat.of().formatHex(signature),
                    "X-Ludus-App", app.applicationId(), "X-Ludus-Timestamp", Long.toString(now), "X-Ludus-Nonce",
                    nonce).status()).isEqualTo(200);
        }
        // a refused request is not counted
        assertThat(http.get("/v1/auth/verify", Http.bearer("not-a-token")).status()).isEqualTo(401);

        // the three application tokens, and the read itself
        assertThat(counts(tenOClock().path("requests")))
                .isEqualTo(Map.of("jwt", 4L, "auth_token", 2L, "ecdsa", 4L));
    }

    @Test
    void theOperatorReadsEveryApplicationAddedUpOrOne() {
        TestApp other = ludus.createApp();
        new GameSetup(http, other).metric("steps");
        ludus.clock().advance(Duration.ofMinutes(50));
        event("ada");
        event("bob");
        assertThat(http.post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"ada\"}",
                Http.bearer(other.tokenWith("users:write"))).status()).isEqualTo(201);

        Http.Answer all = http.get("/admin/v1/stats?" + HOUR, TestLudus.operator());
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        JsonNode bucket = all.json().path("buckets").get(0);
        assertThat(bucket.path("events").asLong()).isEqualTo(3);
        assertThat(bucket.path("active_users").asLong()).isEqualTo(3);
        assertThat(bucket.path("points_awarded").path("xp").asLong()).isEqualTo(2);
        assertThat(bucket.path("requests").path("jwt").asLong()).isEqualTo(3);

        JsonNode mine = http.get("/admin/v1/stats?" + HOUR + "&application_id=" + other.applicationId(),
                TestLudus.operator()).json().path("buckets").get(0);
        assertThat(mine.path("events").asLong()).isEqualTo(1);
        assertThat(mine.path("active_users").asLong()).isEqualTo(1);
        assertThat(tenOClock().path("events").asLong()).isEqualTo(2);
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        assertInvalid("to=2026-12-02T11:00:00Z", "from");
        assertInvalid("from=yesterday&to=2026-12-02T11:00:00Z", "from");
        assertInvalid("from=2026-12-02T10:00:00Z", "to");
        assertInvalid("from=2026-12-02T10:00:00Z&to=2026-12-02", "to");
        assertInvalid("from=2026-12-02T11:00:00Z&to=2026-12-02T10:00:00Z", "to");
        assertInvalid("from=2026-12-02T10:00:00Z&to=2026-12-02T10:00:00Z", "to");
        assertInvalid(HOUR + "&interval=month", "interval");
        assertInvalid("from=2026-11-01T00:00:00Z&to=2026-12-02T00:00:01Z", "to");
        assertInvalid("from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z&interval=day", "to");
        // 2024-12-02 is a Monday: 106 weeks end on 2026-12-14, one instant more is a 107th
        assertInvalid("from=2024-12-02T00:00:00Z&to=2026-12-14T00:00:01Z&interval=week", "to");
        Http.Answer operator = http.get("/admin/v1/stats?interval=minute&" + HOUR, TestLudus.operator());
        assertThat(operator.status()).isEqualTo(400);
        assertThat(operator.json().path("field").asText()).isEqualTo("interval");
        // the longest ranges are accepted
        assertThat(http.get("/v1/stats?from=2026-11-01T00:00:00Z&to=2026-12-02T00:00:00Z", admin()).json()
                .path("buckets")).hasSize(31 * 24);
        assertThat(http.get("/v1/stats?from=2025-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&interval=day", admin())
                .json().path("buckets")).hasSize(366);
        assertThat(http.get("/v1/stats?from=2024-12-02T00:00:00Z&to=2026-12-14T00:00:00Z&interval=week", admin())
                .json().path("buckets")).hasSize(106);
    }

    private void assertInvalid(String query, String field) {
        Http.Answer answer = http.get("/v1/stats?" + query, admin());
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.error()).isEqualTo("invalid_request");
        assertThat(answer.json().path("field").asText()).as(query).isEqualTo(field);
    }

    @Test
    void readingNeedsTheAdminScopeOrTheOperatorKey() {
        Http.Answer user = http.get("/v1/stats?" + HOUR, Http.bearer(app.tokenWith("read", "write", "users:read")));
        assertThat(user.status()).isEqualTo(403);
        assertThat(user.error()).isEqualTo("insufficient_permissions");
        assertThat(user.json().path("required_scope").asText()).isEqualTo("admin");
        assertThat(http.get("/v1/stats?" + HOUR).status()).isEqualTo(401);
        assertThat(http.get("/admin/v1/stats?" + HOUR, admin()).status()).isEqualTo(401);
        assertThat(http.get("/admin/v1/stats?" + HOUR).status()).isEqualTo(401);
        assertThat(http.get("/v1/stats?" + HOUR, admin()).status()).isEqualTo(200);
    }

    private static Map<String, Long> counts(JsonNode object) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        object.properties().forEach(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
        return counts;
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
