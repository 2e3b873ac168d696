package dev.ludus.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PUT/GET/DELETE of metrics, points systems and achievements. */
class RuleDefinitionTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private TestApp app;
    private GameSetup setup;
    private String[] admin;
    private String[] reader;

    @BeforeEach
    void createApp() {
        app = server.ludus().createApp();
        setup = new GameSetup(server.http(), app);
        admin = setup.admin();
        reader = Http.bearer(app.tokenWith("read", "write"));
    }

    private Http.Answer put(String path, String json) {
        return server.http().send("PUT", path, json, admin);
    }

    @Test
    void putCreatesThenUpdatesAndGetAnswersTheCanonicalRule() {
        Http.Answer created = put("/v1/metrics/steps", "{\"name\":\"Steps\"}");
        Http.Answer updated = put("/v1/metrics/steps", "{\"name\":\"Steps walked\",\"description\":\"From the watch\"}");
        Http.Answer read = server.http().get("/v1/metrics/steps", reader);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).contains("/v1/metrics/steps");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(read.json().path("name").asText()).isEqualTo("Steps walked");
        assertThat(read.json().path("allow_negative").asBoolean()).isFalse();
        assertThat(read.json().path("archived_at").isNull()).isTrue();
        assertThat(read.json().path("created_at").asText()).isEqualTo(created.json().path("created_at").asText());
    }

    @Test
    void pointsSystemIsStoredWithDefaultsFilledIn() {
        setup.metric("steps");
        Http.Answer answer = put("/v1/points/xp", """
                {"triggers":[{"type":"metric","metric":"steps","points":2,"per":0.5,"filter":{"device":"watch"}}],
                 "max_points":1000,"levels":[{"name":"A","threshold":0},{"name":"B","threshold":10}]}""");

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().path("name").asText()).isEqualTo("xp");
        assertThat(answer.json().path("triggers").get(0).path("per").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(answer.json().path("triggers").get(0).path("filter").path("device").asText()).isEqualTo("watch");
        assertThat(answer.json().path("max_points").asLong()).isEqualTo(1000);
        assertThat(server.http().get("/v1/points", reader).json().path("items")).hasSize(1);
    }

    @Test
    void refusesMalformedKeyAndBadDefinitionsNamingTheField() {
        setup.metric("steps");
        assertField(put("/v1/metrics/Steps!", "{}"), 400, "key");
        assertField(put("/v1/metrics/steps", "{\"allow_negative\":\"yes\"}"), 400, "allow_negative");
        assertField(put("/v1/points/xp", "{\"levels\":[{\"name\":\"A\",\"threshold\":10},{\"name\":\"B\",\"threshold\":5}]}"),
                400, "levels[1].threshold");
        assertField(put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":0}]}"),
                400, "triggers[0].points");
        assertField(put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1,\"per\":0}]}"),
                400, "triggers[0].per");
        assertField(put("/v1/points/xp", "{\"triggers\":[{\"type\":\"level\",\"points\":1}]}"), 400, "triggers[0].type");
        assertField(put("/v1/points/xp", "{\"triggers\":[{\"type\":\"streak\",\"points\":1}]}"), 400, "triggers[0].streak");
        assertField(put("/v1/achievements/a", "{}"), 400, "trigger");
        assertField(put("/v1/achievements/a", "{\"trigger\":{\"type\":\"composite\",\"prerequisites\":[\"a\"]}}"),
                400, "trigger.prerequisites");
        assertField(put("/v1/achievements/a", "{\"trigger\":{\"type\":\"metric\",\"metric\":\"steps\"}}"),
                400, "trigger.threshold");
        assertField(put("/v1/achievements/a", "{\"trigger\":{\"type\":\"metric\",\"metric\":\"steps\",\"threshold\":0}}"),
                400, "trigger.threshold");
    }

    @Test
    void refusesReferencesToRulesThatDoNotExist() {
        Http.Answer answer = put("/v1/achievements/walker",
                "{\"trigger\":{\"type\":\"metric\",\"metric\":\"steps\",\"threshold\":10},\"reward\":{\"system\":\"xp\",\"points\":5}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("unknown_rule");
        assertThat(answer.json().path("missing").toString()).isEqualTo("[\"metric:steps\",\"points_system:xp\"]");
    }

    @Test
    void putOfAnUnchangedRuleChangesNothing() {
        setup.metric("steps");
        Http.Answer first = put("/v1/metrics/steps", "{\"name\":\"Steps\"}");
        server.ludus().clock().advance(java.time.Duration.ofMinutes(1));
        Http.Answer same = put("/v1/metrics/steps", "{\"name\":\"Steps\"}");

        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().path("updated_at").asText()).isEqualTo(first.json().path("updated_at").asText());
    }

    @Test
    void refusesCompositeCycles() {
        setup.put("/v1/achievements/a", "{\"trigger\":{\"type\":\"api\"}}")
                .put("/v1/achievements/b", "{\"trigger\":{\"type\":\"composite\",\"prerequisites\":[\"a\"]}}");
        Http.Answer cycle = put("/v1/achievements/a", "{\"trigger\":{\"type\":\"composite\",\"prerequisites\":[\"b\"]}}");

        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.json().path("field").asText()).isEqualTo("trigger.prerequisites");
    }

    @Test
    void deleteArchivesKeepsTheRuleReadableAndPutRestores() {
        setup.metric("steps");
        Http.Answer deleted = server.http().send("DELETE", "/v1/metrics/steps", null, admin);
        Http.Answer read = server.http().get("/v1/metrics/steps", reader);
        Http.Answer event = server.http().post("/v1/events", "{\"metric\":\"steps\"}", reader);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(read.json().path("archived_at").isNull()).isFalse();
        assertThat(server.http().get("/v1/metrics", reader).json().path("items")).isEmpty();
        assertThat(server.http().get("/v1/metrics?include_archived=true", reader).json().path("items")).hasSize(1);
        assertThat(event.status()).isEqualTo(400);
        assertThat(event.error()).isEqualTo("unknown_metric");

        assertThat(put("/v1/metrics/steps", "{}").status()).isEqualTo(201);
        assertThat(server.http().post("/v1/events", "{\"metric\":\"steps\"}", reader).status()).isEqualTo(201);
    }

    @Test
    void refusesToArchiveARuleInUse() {
        setup.metric("steps").put("/v1/achievements/walker",
                "{\"trigger\":{\"type\":\"metric\",\"metric\":\"steps\",\"threshold\":10}}");
        Http.Answer refused = server.http().send("DELETE", "/v1/metrics/steps", null, admin);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("rule_in_use");
        assertThat(refused.json().path("used_by").toString()).contains("achievement:walker");
    }

    @Test
    void unknownRuleIs404AndWritesNeedAdmin() {
        assertThat(server.http().get("/v1/achievements/nope", reader).status()).isEqualTo(404);
        assertThat(server.http().send("PUT", "/v1/metrics/steps", "{}", reader).status()).isEqualTo(403);
        assertThat(server.http().send("DELETE", "/v1/metrics/steps", null, reader).status()).isEqualTo(403);
    }

    @Test
    void listsPageWithACursor() {
        for (String key : new String[] {"a", "b", "c"}) {
            setup.metric(key);
        }
        Http.Answer first = server.http().get("/v1/metrics?limit=2", reader);
        Http.Answer second = server.http().get("/v1/metrics?limit=2&cursor=" + first.json().path("next_cursor").asText(),
                reader);

        assertThat(first.json().path("items")).hasSize(2);
        assertThat(second.json().path("items")).hasSize(1);
        assertThat(second.json().path("items").get(0).path("key").asText()).isEqualTo("c");
        assertThat(second.json().path("next_cursor").isNull()).isTrue();
    }

    private static void assertField(Http.Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().path("field").asText()).as(answer.body()).isEqualTo(field);
    }
}
