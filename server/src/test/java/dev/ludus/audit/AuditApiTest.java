package dev.ludus.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading the audit log: pages newest first, filters, who may read which entries, and that nothing
 * may change them.
 */
class AuditApiTest {

    private TestLudus ludus;
    private Http http;
    private TestApp app;
    private String[] admin;

    @BeforeEach
    void start() {
        ludus = TestLudus.start(Map.of("LUDUS_WEBHOOK_ALLOW_PRIVATE", "true"));
        http = ludus.http();
        app = ludus.createApp();
        admin = Http.bearer(app.tokenWith("admin"));
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    private static List<String> field(Http.Answer answer, String name) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> values = new ArrayList<>();
        answer.json().path("items").forEach(entry -> values.add(entry.path(name).isObject()
                ? entry.path(name).path("id").asText() : entry.path(name).asText()));
        return values;
    }

    private void defineMetrics(String... keys) {
        for (String key : keys) {
            assertThat(http.send("PUT", "/v1/metrics/" + key, "{}", admin).status()).isEqualTo(201);
        }
    }

    @Test
    void pagesRunNewestFirstAndTheCursorGoesOn() {
        defineMetrics("a", "b", "c", "d", "e");
        Http.Answer first = http.get("/v1/audit?limit=2&action=rule.put", admin);
        assertThat(field(first, "target")).containsExactly("e", "d");
        String cursor = first.json().path("next_cursor").asText();
        Http.Answer second = http.get("/v1/audit?limit=2&action=rule.put&cursor=" + cursor, admin);
        assertThat(field(second, "target")).containsExactly("c", "b");
        Http.Answer last = http.get("/v1/audit?limit=2&action=rule.put&cursor="
                + second.json().path("next_cursor").asText(), admin);
        assertThat(field(last, "target")).containsExactly("a");
        assertThat(last.json().path("next_cursor").isNull()).isTrue();
        assertThat(http.get("/v1/audit?cursor=not-a-cursor", admin).status()).isEqualTo(400);
    }

    @Test
    void filtersByActionFamilyTargetAndTime() {
        defineMetrics("steps");
        Instant later = ludus.clock().instant().plus(Duration.ofMinutes(5));
        ludus.clock().advance(Duration.ofMinutes(5));
        http.send("DELETE", "/v1/metrics/steps", null, admin);
        http.patch("/v1/application", "{\"name\":\"Renamed\"}", admin);

        assertThat(field(http.get("/v1/audit?action=rule.", admin), "action"))
                .containsExactly("rule.archived", "rule.put");
        assertThat(field(http.get("/v1/audit?target_kind=metric&target_id=steps", admin), "action"))
                .containsExactly("rule.archived", "rule.put");
        assertThat(field(http.get("/v1/audit?target_kind=application", admin), "action"))
                .containsExactly("application.updated", "application.created");
        assertThat(field(http.get("/v1/audit?since=" + later, admin), "action"))
                .containsExactly("application.updated", "rule.archived");
        assertThat(field(http.get("/v1/audit?until=" + later, admin), "action"))
                .containsExactly("rule.put", "application.created");
        assertThat(http.get("/v1/audit?since=yesterday", admin).error()).isEqualTo("invalid_request");
        assertThat(http.get("/v1/audit?since=" + later + "&until=" + later, admin).status()).isEqualTo(400);
    }

    @Test
    void anApplicationSeesOnlyItsOwnEntriesAndTheOperatorFiltersByTenant() {
        TestApp other = ludus.createApp();
        defineMetrics("mine");
        http.send("PUT", "/v1/metrics/theirs", "{}", Http.bearer(other.tokenWith("admin")));

        assertThat(field(http.get("/v1/audit?action=rule.put", admin), "target")).containsExactly("mine");
        assertThat(field(http.get("/v1/audit?action=rule.put", Http.bearer(other.tokenWith("admin"))), "target"))
                .containsExactly("theirs");
        assertThat(field(http.get("/admin/v1/audit?action=rule.put", TestLudus.operator()), "target"))
                .containsExactly("theirs", "mine");
        assertThat(field(http.get("/admin/v1/audit?tenant_id=" + other.tenantId(), TestLudus.operator()), "action"))
                .containsExactly("rule.put", "application.created", "tenant.created");
        assertThat(field(http.get("/admin/v1/audit?application_id=" + app.applicationId() + "&action=rule.put",
                TestLudus.operator()), "target")).containsExactly("mine");
    }

    @Test
    void readingNeedsTheAdminScopeOrTheOperatorKey() {
        assertThat(http.get("/v1/audit", Http.bearer(app.tokenWith("read", "write"))).status()).isEqualTo(403);
        assertThat(http.get("/v1/audit").status()).isEqualTo(401);
        assertThat(http.get("/admin/v1/audit", admin).status()).isEqualTo(401);
        assertThat(http.get("/admin/v1/audit").status()).isEqualTo(401);
    }

    @Test
    void entriesCannotBeChangedOrDeleted() {
        defineMetrics("steps");
        String id = http.get("/v1/audit", admin).json().path("items").get(0).path("id").asText();
        assertThat(http.send("DELETE", "/v1/audit", null, admin).status()).isEqualTo(405);
        assertThat(http.send("DELETE", "/admin/v1/audit", null, TestLudus.operator()).status()).isEqualTo(405);
        assertThat(http.send("POST", "/admin/v1/audit", "{}", TestLudus.operator()).status()).isEqualTo(405);
        assertThat(http.get("/v1/audit", admin).json().path("items").get(0).path("id").asText()).isEqualTo(id);
    }

    @Test
    void aWebhookReplayIsRecordedWithTheNumberOfMessages() {
        defineMetrics("steps");
        http.send("PUT", "/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}",
                admin);
        String id = http.post("/v1/webhooks", "{\"url\":\"http://127.0.0.1:9/hook\",\"event_types\":[\"points.changed\"]}",
                admin).json().path("id").asText();
        assertThat(http.post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"alice\",\"value\":3}",
                Http.bearer(app.tokenWith("users:write"))).status()).isEqualTo(201);
        Http.Answer replay = http.post("/v1/webhooks/" + id + "/replay", "{\"since\":\"2000-01-01T00:00:00Z\"}", admin);
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        JsonNode entry = http.get("/v1/audit?action=webhook.replayed", admin).json().path("items").get(0);
        assertThat(entry.path("target").path("id").asText()).isEqualTo(id);
        assertThat(entry.path("summary").asText()).startsWith("queued 1 message again (sent from 2000-01-01T00:00:00Z");
    }
}
