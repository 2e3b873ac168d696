package dev.ludus.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.ApiTestServer;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Earning caps and velocity guards over HTTP on a real store of this run's kind: definitions and their
 * 400s, capped answers across the user's midnight, a flag raised, shown, sent by webhook, holding awards
 * and cleared.
 */
class FairPlayApiTest {

    /** 2037-12-16 10:00 UTC, 11:00 in Oslo. */
    private static final Instant T0 = Instant.parse("2037-12-16T10:00:00Z");

    @RegisterExtension
    final ApiTestServer server = new ApiTestServer(T0);
    private TestLudus ludus;
    private TestApp app;
    private Http http;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() {
        ludus = server.ludus();
        app = server.app();
        http = server.http();
        receiver = server.receiver();
        server.game().metric("quizzes");
    }

    private String[] admin() {
        return server.admin();
    }

    private String[] service() {
        return server.service();
    }

    private JsonNode event(String user, String metric) {
        return server.event(user, metric);
    }

    private void put(String path, String body) {
        Http.Answer answer = http.send("PUT", path, body, admin());
        assertThat(answer.status()).as(answer.body()).isIn(200, 201);
    }

    @Test
    void capsAndGuardsReadBackAndBadInputIsA400NamingTheField() {
        put("/v1/metrics/lessons", "{\"velocity\":{\"max_events\":10,\"seconds\":60,\"hold\":true}}");
        put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"lessons\",\"points\":10}],"
                + "\"caps\":[{\"metric\":\"lessons\",\"points\":50,\"period\":\"day\"},{\"points\":200,\"period\":\"week\"}]}");
        JsonNode metric = http.get("/v1/metrics/lessons", admin()).json();
        assertThat(metric.path("velocity").path("max_events").asInt()).isEqualTo(10);
        assertThat(metric.path("velocity").path("seconds").asInt()).isEqualTo(60);
        assertThat(metric.path("velocity").path("hold").asBoolean()).isTrue();
        assertThat(http.get("/v1/metrics/quizzes", admin()).json().path("velocity").isNull()).isTrue();
        JsonNode xp = http.get("/v1/points/xp", admin()).json();
        assertThat(xp.path("caps")).hasSize(2);
        assertThat(xp.path("caps").get(0).path("metric").asText()).isEqualTo("lessons");
        assertThat(xp.path("caps").get(1).path("metric").isNull()).isTrue();
        assertThat(xp.path("caps").get(1).path("period").asText()).isEqualTo("week");

        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("/v1/metrics/m1|{\"velocity\":{\"max_events\":0,\"seconds\":60}}", "velocity.max_events");
        refused.put("/v1/metrics/m2|{\"velocity\":{\"max_events\":1001,\"seconds\":60}}", "velocity.max_events");
        refused.put("/v1/metrics/m3|{\"velocity\":{\"max_events\":5}}", "velocity.seconds");
        refused.put("/v1/metrics/m4|{\"velocity\":{\"max_events\":5,\"seconds\":86401}}", "velocity.seconds");
        refused.put("/v1/metrics/m5|{\"velocity\":{\"max_events\":5,\"seconds\":6,\"speed\":1}}", "velocity.speed");
        refused.put("/v1/metrics/m6|{\"velocity\":5}", "velocity");
        refused.put("/v1/points/p1|{\"caps\":[{\"points\":5,\"period\":\"month\"}]}", "caps[0].period");
        refused.put("/v1/points/p2|{\"caps\":[{\"points\":0,\"period\":\"day\"}]}", "caps[0].points");
        refused.put("/v1/points/p3|{\"caps\":[{\"points\":5}]}", "caps[0].period");
        refused.put("/v1/points/p4|{\"caps\":[{\"points\":5,\"period\":\"day\"},{\"metric\":null,\"points\":9,"
                + "\"period\":\"day\"}]}", "caps[1].period");
        refused.put("/v1/points/p5|{\"caps\":[{\"metric\":\"Bad Key\",\"points\":5,\"period\":\"day\"}]}",
                "caps[0].metric");
        refused.forEach((request, field) -> {
            String[] parts = request.split("\\|", 2);
            Http.Answer answer = http.send("PUT", parts[0], parts[1], admin());
            assertThat(answer.status()).as(request + " -> " + answer.body()).isEqualTo(400);
            assertThat(answer.json().path("field").asText()).as(request).isEqualTo(field);
        });
        Http.Answer unknown = http.send("PUT", "/v1/points/p6", "{\"caps\":[{\"metric\":\"nothing\",\"points\":5,"
                + "\"period\":\"day\"}]}", admin());
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.error()).isEqualTo("unknown_rule");
        assertThat(unknown.json().path("field").asText()).isEqualTo("caps");
        Http.Answer inUse = http.send("DELETE", "/v1/metrics/quizzes", null, admin());
        assertThat(inUse.status()).as("quizzes is not referred to: " + inUse.body()).isEqualTo(204);
        put("/v1/metrics/quizzes", "{}");
        put("/v1/points/q", "{\"caps\":[{\"metric\":\"quizzes\",\"points\":5,\"period\":\"hour\"}]}");
        Http.Answer used = http.send("DELETE", "/v1/metrics/quizzes", null, admin());
        assertThat(used.status()).as("a cap refers to its metric: " + used.body()).isEqualTo(409);
    }

    @Test
    void aDailyCapCutsWhatEventsEarnUntilTheUsersMidnight() {
        put("/v1/metrics/lessons", "{}");
        put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"lessons\",\"points\":7}],"
                + "\"caps\":[{\"metric\":\"lessons\",\"points\":50,\"period\":\"day\"}]}");
        put("/v1/users/ana", "{\"timezone\":\"Europe/Oslo\"}");
        for (int i = 0; i < 7; i++) {
            JsonNode answer = event("ana", "lessons");
            assertThat(answer.path("points").get(0).path("capped").asBoolean()).isFalse();
            assertThat(answer.path("points").get(0).path("cap").isNull()).isTrue();
        }
        JsonNode cut = event("ana", "lessons").path("points").get(0);
        assertThat(cut.path("awarded").asLong()).isEqualTo(1);
        assertThat(cut.path("balance").asLong()).isEqualTo(50);
        assertThat(cut.path("capped").asBoolean()).isTrue();
        assertThat(cut.path("cap").path("metric").asText()).isEqualTo("lessons");
        assertThat(cut.path("cap").path("period").asText()).isEqualTo("day");
        assertThat(cut.path("cap").path("points").asLong()).isEqualTo(50);
        assertThat(cut.path("cap").path("earned").asLong()).isEqualTo(50);
        // midnight in Oslo
        assertThat(Instant.parse(cut.path("cap").path("resets_at").asText()))
                .isEqualTo(Instant.parse("2037-12-16T23:00:00Z"));
        ludus.clock().advanceTo(Instant.parse("2037-12-16T22:59:00Z"));
        JsonNode none = event("ana", "lessons");
        assertThat(none.path("points").get(0).path("awarded").asLong()).isZero();
        assertThat(none.path("points").get(0).path("capped").asBoolean()).isTrue();
        assertThat(none.path("metric").path("total").asInt()).as("the event still counts").isEqualTo(9);

        ludus.clock().advanceTo(Instant.parse("2037-12-16T23:00:00Z"));
        JsonNode next = event("ana", "lessons").path("points").get(0);
        assertThat(next.path("awarded").asLong()).isEqualTo(7);
        assertThat(next.path("capped").asBoolean()).isFalse();
        // the history holds what was paid, not the events that earned nothing
        JsonNode history = http.get("/v1/users/ana/points/xp/history?limit=100", service()).json();
        assertThat(history.path("items")).hasSize(9);
        long sum = 0;
        for (JsonNode entry : history.path("items")) {
            assertThat(entry.path("amount").asLong()).isPositive();
            sum += entry.path("amount").asLong();
        }
        assertThat(sum).isEqualTo(57);
    }

    @Test
    void aGuardWithHoldFlagsTheUserHoldsTheirAwardsAndIsCleared() {
        Http.Answer endpoint = http.post("/v1/webhooks", "{\"url\":\"" + receiver.url() + "\",\"event_types\":"
                + "[\"user.flagged\"]}", admin());
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
        put("/v1/metrics/lessons", "{\"velocity\":{\"max_events\":3,\"seconds\":60,\"hold\":true}}");
        put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"lessons\",\"points\":10},"
                + "{\"type\":\"metric\",\"metric\":\"quizzes\",\"points\":1}]}");
        for (int i = 0; i < 3; i++) {
            JsonNode answer = event("bo", "lessons");
            assertThat(answer.path("flag").isNull()).as(answer.toString()).isTrue();
            ludus.clock().advance(Duration.ofSeconds(10));
        }
        JsonNode fourth = event("bo", "lessons");
        assertThat(fourth.path("flag").path("reason").asText()).isEqualTo("velocity");
        assertThat(fourth.path("flag").path("metric").asText()).isEqualTo("lessons");
        assertThat(fourth.path("flag").path("events").asInt()).isEqualTo(4);
        assertThat(fourth.path("flag").path("seconds").asInt()).isEqualTo(60);
        assertThat(fourth.path("flag").path("hold").asBoolean()).isTrue();
        assertThat(fourth.path("points")).as("a held event earns nothing").isEmpty();
        assertThat(fourth.path("metric").path("total").asInt()).isEqualTo(4);
        Instant flaggedAt = Instant.parse(fourth.path("flag").path("flagged_at").asText());
        assertThat(flaggedAt).isEqualTo(T0.plusSeconds(30));

        JsonNode user = http.get("/v1/users/bo", service()).json();
        assertThat(user.path("flag").path("hold").asBoolean()).isTrue();
        assertThat(Instant.parse(user.path("flag").path("flagged_at").asText())).isEqualTo(flaggedAt);
        ludus.clock().advance(Duration.ofMinutes(5));
        JsonNode held = event("bo", "quizzes");
        assertThat(held.path("points")).isEmpty();
        assertThat(held.path("flag").path("metric").asText()).isEqualTo("lessons");
        assertThat(http.get("/v1/users/bo/progress", service()).json().path("points").get(0).path("balance").asLong())
                .isEqualTo(30);

        List<WebhookReceiver.Received> received = receiver.await(1);
        assertThat(received).extracting(WebhookReceiver.Received::type).containsExactly("user.flagged");
        JsonNode data = received.getFirst().json().path("data");
        assertThat(data.path("user_id").asText()).isEqualTo("bo");
        assertThat(data.path("flag").path("events").asInt()).isEqualTo(4);

        Http.Answer cleared = http.send("DELETE", "/v1/users/bo/flag", null, service());
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(cleared.json().path("cleared").asBoolean()).isTrue();
        assertThat(cleared.json().path("flag").path("metric").asText()).isEqualTo("lessons");
        assertThat(http.get("/v1/users/bo", service()).json().path("flag").isNull()).isTrue();
        JsonNode after = event("bo", "lessons");
        assertThat(after.path("flag").isNull()).isTrue();
        assertThat(after.path("points").get(0).path("awarded").asLong()).isEqualTo(10);
        Http.Answer again = http.send("DELETE", "/v1/users/bo/flag", null, service());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("cleared").asBoolean()).isFalse();
        assertThat(again.json().path("flag").isNull()).isTrue();
        assertThat(http.send("DELETE", "/v1/users/nobody/flag", null, service()).status()).isEqualTo(404);
        assertThat(http.send("DELETE", "/v1/users/bo/flag", null, Http.bearer(app.tokenWith("read"))).status())
                .isEqualTo(403);
        JsonNode audit = http.get("/v1/audit?action=user.flag_cleared", admin()).json();
        assertThat(audit.path("items")).hasSize(1);
        assertThat(receiver.received()).as("one message per flag").hasSize(1);
    }

    @Test
    void aGuardWithoutHoldFlagsOnceAndAwardsGoOn() {
        put("/v1/metrics/lessons", "{\"velocity\":{\"max_events\":2,\"seconds\":5}}");
        put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"lessons\",\"points\":10}]}");
        event("cy", "lessons");
        event("cy", "lessons");
        ludus.clock().advance(Duration.ofSeconds(5));
        assertThat(event("cy", "lessons").path("flag").isNull()).as("the first two are out of the window").isTrue();
        assertThat(event("cy", "lessons").path("flag").isNull()).isTrue();
        JsonNode flagged = event("cy", "lessons");
        assertThat(flagged.path("flag").path("hold").asBoolean()).isFalse();
        assertThat(flagged.path("flag").path("events").asInt()).isEqualTo(3);
        assertThat(flagged.path("points").get(0).path("awarded").asLong()).isEqualTo(10);
        assertThat(event("cy", "lessons").path("points").get(0).path("balance").asLong()).isEqualTo(60);
    }
}
