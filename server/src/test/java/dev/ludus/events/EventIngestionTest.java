package dev.ludus.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /v1/events: the what-changed answer, idempotency, and bad input. */
class EventIngestionTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private TestApp app;
    private String[] user;
    private String[] service;

    @BeforeEach
    void defineRules() {
        app = server.ludus().createApp();
        user = Http.bearer(app.tokenWith("read", "write"));
        service = Http.bearer(app.tokenWith("users:read", "users:write"));
        new GameSetup(server.http(), app)
                .metric("steps")
                .put("/v1/metrics/distance", "{\"name\":\"Distance (km)\",\"allow_negative\":true}")
                .put("/v1/achievements/first_k", """
                        {"name":"First thousand","trigger":{"type":"metric","metric":"steps","threshold":1000}}""")
                .put("/v1/points/xp", """
                        {"name":"Experience","triggers":[
                           {"type":"metric","metric":"steps","points":1,"per":100},
                           {"type":"achievement","achievement":"first_k","points":50}],
                         "levels":[{"name":"Rookie","threshold":0},{"name":"Walker","threshold":50}]}""");
    }

    private Http.Answer send(String json, String... headers) {
        return server.http().post("/v1/events", json, headers);
    }

    @Test
    void answerSaysWhatChanged() {
        Http.Answer first = send("{\"metric\":\"steps\",\"value\":600}", user);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("metric").path("total").asInt()).isEqualTo(600);
        assertThat(first.json().path("points").get(0).path("awarded").asInt()).isEqualTo(6);
        assertThat(first.json().path("achievements")).isEmpty();

        Http.Answer second = send("{\"metric\":\"steps\",\"value\":450}", user);
        JsonNode body = second.json();
        assertThat(body.path("event").path("id").asText()).startsWith("evt_");
        assertThat(body.path("event").path("user_id").asText()).isEqualTo("user_123");
        assertThat(body.path("metric").path("total").asInt()).isEqualTo(1050);
        assertThat(body.path("achievements").get(0).path("key").asText()).isEqualTo("first_k");
        assertThat(body.path("achievements").get(0).path("backfilled").asBoolean()).isFalse();
        assertThat(body.path("points").get(0).path("system").asText()).isEqualTo("xp");
        assertThat(body.path("points").get(0).path("awarded").asInt()).isEqualTo(4 + 50);
        assertThat(body.path("points").get(0).path("balance").asInt()).isEqualTo(60);
        assertThat(body.path("levels").get(0).path("previous").path("name").asText()).isEqualTo("Rookie");
        assertThat(body.path("levels").get(0).path("current").path("name").asText()).isEqualTo("Walker");
        assertThat(body.path("idempotent_replayed").asBoolean()).isFalse();
        assertThat(body.has("streaks")).isTrue();
    }

    @Test
    void decimalValuesStayExact() {
        send("{\"metric\":\"distance\",\"value\":0.1}", user);
        Http.Answer answer = send("{\"metric\":\"distance\",\"value\":0.2}", user);

        assertThat(answer.body()).contains("\"total\":0.3");
    }

    @Test
    void replayedEventReturnsFirstAnswer() {
        Http.Answer first = send("{\"metric\":\"steps\",\"value\":100}", user[0], user[1], "Idempotency-Key", "k-1");
        Http.Answer again = send("{\"metric\":\"steps\",\"value\":100}", user[0], user[1], "Idempotency-Key", "k-1");

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("idempotent_replayed").asBoolean()).isTrue();
        assertThat(again.json().path("event").path("id")).isEqualTo(first.json().path("event").path("id"));
        Http.Answer progress = server.http().get("/v1/users/me/progress", user);
        assertThat(progress.json().path("metrics").toString()).contains("\"key\":\"steps\"").contains("\"total\":100");
    }

    @Test
    void keyIsReplayedOnlyWithinTheRetention() {
        Http.Answer first = send("{\"metric\":\"steps\",\"value\":100}", user[0], user[1], "Idempotency-Key", "k-old");
        server.ludus().clock().advance(java.time.Duration.ofDays(7).plusMinutes(1));
        String[] fresh = Http.bearer(app.tokenWith("read", "write"));
        Http.Answer later = send("{\"metric\":\"steps\",\"value\":100}", fresh[0], fresh[1], "Idempotency-Key", "k-old");

        assertThat(later.status()).as(later.body()).isEqualTo(201);
        assertThat(later.json().path("idempotent_replayed").asBoolean()).isFalse();
        assertThat(later.json().path("event").path("id")).isNotEqualTo(first.json().path("event").path("id"));
        assertThat(later.json().path("metric").path("total").asInt()).isEqualTo(200);
    }

    @Test
    void sameKeyWithDifferentBodyIsAConflict() {
        send("{\"metric\":\"steps\",\"value\":100,\"idempotency_key\":\"k-2\"}", user);
        Http.Answer conflict = send("{\"metric\":\"steps\",\"value\":101,\"idempotency_key\":\"k-2\"}", user);

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.error()).isEqualTo("idempotency_conflict");
    }

    @Test
    void writeTokenMayNotSendAnotherUsersEvent() {
        Http.Answer refused = send("{\"metric\":\"steps\",\"user_id\":\"someone_else\"}", user);
        Http.Answer allowed = send("{\"metric\":\"steps\",\"user_id\":\"someone_else\"}", service);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("field").asText()).isEqualTo("user_id");
        assertThat(allowed.status()).isEqualTo(201);
    }

    @Test
    void badInputNamesTheField() {
        assertProblem(send("{\"metric\":\"nope\"}", user), 400, "unknown_metric", "metric");
        assertProblem(send("{\"metric\":\"Bad Key\"}", user), 400, "invalid_request", "metric");
        assertProblem(send("{\"metric\":\"steps\",\"value\":\"ten\"}", user), 400, "invalid_request", "value");
        assertProblem(send("{\"metric\":\"steps\",\"value\":1e13}", user), 400, "invalid_request", "value");
        assertProblem(send("{\"metric\":\"steps\",\"value\":0.0000001}", user), 400, "invalid_request", "value");
        assertProblem(send("{\"metric\":\"steps\",\"value\":-1}", user), 400, "invalid_request", "value");
        assertProblem(send("{\"metric\":\"steps\",\"value\":NaN}", user), 400, "invalid_request", null);
        assertProblem(send("{\"metric\":\"steps\",\"occurred_at\":\"2020-01-01T00:00:00Z\"}", user), 400,
                "invalid_request", "occurred_at");
        assertProblem(send("{\"metric\":\"steps\",\"occurred_at\":\"yesterday\"}", user), 400,
                "invalid_request", "occurred_at");
        assertProblem(send("{\"metric\":\"steps\",\"attributes\":{\"a\":1}}", user), 400, "invalid_request",
                "attributes.a");
        assertProblem(send("{\"metric\":\"steps\",\"attributes\":{\"a\":\"" + "x".repeat(257) + "\"}}", user), 400,
                "invalid_request", "attributes.a");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        assertProblem(send("{\"metric\":\"steps\",\"attributes\":" + many + "}}", user), 400, "invalid_request",
                "attributes");
        assertProblem(send("{\"metric\":\"steps\",\"colour\":\"red\"}", user), 400, "invalid_request", "colour");
        assertProblem(send("{\"metric\":\"steps\",\"user\":{\"timezone\":\"Mars/Base\"}}", user), 400,
                "invalid_request", "user.timezone");
    }

    private static void assertProblem(Http.Answer answer, int status, String error, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).contains("application/problem+json");
        assertThat(answer.error()).as(answer.body()).isEqualTo(error);
        if (field != null) {
            assertThat(answer.json().path("field").asText()).as(answer.body()).isEqualTo(field);
        }
    }
}
