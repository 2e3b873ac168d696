package dev.ludus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.ApiTestServer;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import dev.ludus.testing.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Points that expire, over HTTP on a real store of this run's kind: the setting and its 400s, expiry
 * exactly at the lifetime when the user is next written, the history's {@code expired} entries and
 * the webhook, the sweep that expires the points of users nobody writes, and (PostgreSQL) two nodes
 * sweeping together, each lot expiring once.
 */
class PointsExpiryApiTest {

    private static final Instant T0 = Instant.parse("2037-01-10T15:00:00Z");
    /** The end of the 30 days after 2037-01-10. */
    private static final Instant EXPIRY = Instant.parse("2037-02-10T00:00:00Z");

    @RegisterExtension
    final ApiTestServer server = new ApiTestServer(T0, Map.of("LUDUS_EXPIRY_SWEEP_INTERVAL", "PT1S"));
    private TestLudus ludus;
    private Http http;

    @BeforeEach
    void start() {
        ludus = server.ludus();
        http = server.http();
        server.game().metric("lessons").put("/v1/points/coins", """
                {"triggers":[{"type":"metric","metric":"lessons","points":10}],"expiry":{"after_days":30},
                 "levels":[{"name":"Bronze","threshold":0},{"name":"Silver","threshold":20}]}""");
    }

    private String[] admin() {
        return server.admin();
    }

    private String[] service() {
        return server.service();
    }

    private JsonNode lesson(Http on, String user) {
        Http.Answer answer = on.post("/v1/events", "{\"user_id\":\"" + user + "\",\"metric\":\"lessons\"}", service());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    private long balance(String user) {
        return http.get("/v1/users/" + user + "/progress", service()).json().path("points").get(0).path("balance")
                .asLong();
    }

    private JsonNode history(String user) {
        return http.get("/v1/users/" + user + "/points/coins/history?limit=100", service()).json().path("items");
    }

    @Test
    void theSettingReadsBackAndIsRefusedOutOfRange() {
        assertThat(http.get("/v1/points/coins", admin()).json().path("expiry").path("after_days").asInt()).isEqualTo(30);
        server.game().put("/v1/points/plain", "{}");
        assertThat(http.get("/v1/points/plain", admin()).json().path("expiry").isNull()).isTrue();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("{\"expiry\":{\"after_days\":0}}", "expiry.after_days");
        refused.put("{\"expiry\":{\"after_days\":3651}}", "expiry.after_days");
        refused.put("{\"expiry\":{}}", "expiry.after_days");
        refused.put("{\"expiry\":{\"after_days\":1.5}}", "expiry.after_days");
        refused.put("{\"expiry\":{\"after_days\":30,\"notice\":1}}", "expiry.notice");
        refused.put("{\"expiry\":30}", "expiry");
        refused.put("{\"expiry\":{\"after_days\":30,\"notice_days\":0}}", "expiry.notice_days");
        refused.put("{\"expiry\":{\"after_days\":30,\"notice_days\":31}}", "expiry.notice_days");
        refused.put("{\"expiry\":{\"after_days\":30,\"notice_days\":\"7\"}}", "expiry.notice_days");
        server.refuses("PUT", "/v1/points/bad", refused);
    }

    @Test
    void pointsExpireExactlyAtTheirLifetimeWhenTheUserIsNextWritten() throws Exception {
        Http.Answer endpoint = http.post("/v1/webhooks", "{\"url\":\"" + server.receiver().url()
                + "\",\"event_types\":[\"points.changed\"]}", admin());
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
        lesson(http, "ana");
        lesson(http, "ana");
        ludus.clock().advanceTo(EXPIRY.minusMillis(1));
        JsonNode before = lesson(http, "ana");
        assertThat(before.path("points").get(0).path("balance").asLong()).isEqualTo(30);

        ludus.clock().advanceTo(EXPIRY);
        JsonNode after = lesson(http, "ana");

        // the write's own award; the balance after the 20 points of 2037-01-10 went
        assertThat(after.path("points").get(0).path("awarded").asLong()).isEqualTo(10);
        assertThat(after.path("points").get(0).path("balance").asLong()).isEqualTo(20);
        JsonNode expired = history("ana").get(1);
        assertThat(expired.path("source").asText()).isEqualTo("expiry");
        assertThat(expired.path("reason").asText()).isEqualTo("expired");
        assertThat(expired.path("amount").asLong()).isEqualTo(-20);
        assertThat(expired.path("balance").asLong()).isEqualTo(10);
        assertThat(history("ana").get(0).path("source").asText()).isEqualTo("event");
        List<WebhookReceiver.Received> received = server.receiver().await(5);
        assertThat(received).extracting(message -> message.json().path("data").path("points").path("source").asText())
                .containsExactly("event", "event", "event", "expiry", "event");
    }

    @Test
    void theSweepExpiresThePointsOfUsersNobodyWrites() throws Exception {
        lesson(http, "idle");
        lesson(http, "idle");
        ludus.clock().advanceTo(EXPIRY.minusMillis(1));
        Thread.sleep(1_500);
        assertThat(balance("idle")).as("not before its lifetime").isEqualTo(20);

        ludus.clock().advanceTo(EXPIRY);
        // reads show the balance of now at once; the sweep writes it down
        assertThat(balance("idle")).isZero();

        ApiTestServer.within(Duration.ofSeconds(10), () -> history("idle").size() == 3);
        JsonNode history = history("idle");
        assertThat(history).hasSize(3);
        assertThat(history.get(0).path("source").asText()).isEqualTo("expiry");
        assertThat(history.get(0).path("amount").asLong()).isEqualTo(-20);
        JsonNode level = http.get("/v1/users/idle/progress", service()).json().path("points").get(0).path("level");
        assertThat(level.path("name").asText()).isEqualTo("Bronze");
    }

    @Test
    void twoNodesSweepingTogetherExpireEachLotOnce() throws Exception {
        assumeTrue(TestStore.postgresql(), "two nodes need a shared PostgreSQL; SQLite is single-node");
        TestLudus second = ludus.secondNode();
        try {
            List<String> users = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                users.add("u" + i);
                lesson(i % 2 == 0 ? http : second.http(), "u" + i);
            }
            ludus.clock().advanceTo(EXPIRY);

            String expiries = "SELECT COUNT(*) FROM points_ledger WHERE source = 'expiry'";
            ApiTestServer.within(Duration.ofSeconds(20), () -> ludus.store().count("SELECT COUNT(*) FROM user_points"
                    + " WHERE due_at IS NOT NULL") == 0);
            Thread.sleep(2_500);

            assertThat(ludus.store().count(expiries)).as("one expiry per lot").isEqualTo(users.size());
            assertThat(ludus.store().count("SELECT COUNT(*) FROM user_points WHERE balance <> 0")).isZero();
        } finally {
            second.stop();
        }
    }

    @Test
    void aNoticeGoesOutOnceANoticeBeforeTheLotExpires() throws Exception {
        server.game().put("/v1/points/coins", """
                {"triggers":[{"type":"metric","metric":"lessons","points":10}],
                 "expiry":{"after_days":30,"notice_days":7}}""");
        assertThat(http.get("/v1/points/coins", admin()).json().path("expiry").path("notice_days").asInt()).isEqualTo(7);
        Http.Answer endpoint = http.post("/v1/webhooks", "{\"url\":\"" + server.receiver().url()
                + "\",\"event_types\":[\"points.expiring\"]}", admin());
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
        lesson(http, "ana");
        lesson(http, "ana");
        Instant notice = EXPIRY.minus(Duration.ofDays(7));
        ludus.clock().advanceTo(notice.minusMillis(1));
        Thread.sleep(1_500);
        assertThat(server.receiver().received()).as("not before its notice").isEmpty();

        ludus.clock().advanceTo(notice);

        WebhookReceiver.Received message = server.receiver().await(1).getFirst();
        assertThat(message.type()).isEqualTo("points.expiring");
        JsonNode expiring = message.json().path("data").path("expiring");
        assertThat(message.json().path("data").path("user_id").asText()).isEqualTo("ana");
        assertThat(expiring.path("system").asText()).isEqualTo("coins");
        assertThat(expiring.path("points").asLong()).isEqualTo(20);
        assertThat(expiring.path("balance").asLong()).isEqualTo(20);
        assertThat(Instant.parse(expiring.path("expires_at").asText())).isEqualTo(EXPIRY);
        JsonNode progress = http.get("/v1/users/ana/progress", service()).json().path("points").get(0);
        assertThat(progress.path("next_expiry").path("points").asLong()).isEqualTo(20);
        assertThat(Instant.parse(progress.path("next_expiry").path("expires_at").asText())).isEqualTo(EXPIRY);
        // once: later sweeps and writes give no second notice of the lot
        Thread.sleep(1_500);
        lesson(http, "ana");
        Thread.sleep(500);
        assertThat(server.receiver().received()).hasSize(1);
    }
}
