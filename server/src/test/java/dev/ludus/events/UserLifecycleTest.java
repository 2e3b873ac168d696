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

/** Users, progress, manual points changes, API completions, batches and deletion. */
class UserLifecycleTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private TestApp app;
    private String[] own;
    private String[] service;

    @BeforeEach
    void defineRules() {
        app = server.ludus().createApp();
        own = Http.bearer(app.tokenWith("read", "write"));
        service = Http.bearer(app.tokenWith("users:read", "users:write"));
        new GameSetup(server.http(), app).metric("steps")
                .put("/v1/points/coins", "{\"max_points\":500,\"levels\":[{\"name\":\"Poor\",\"threshold\":0},"
                        + "{\"name\":\"Rich\",\"threshold\":100}]}")
                .put("/v1/achievements/profile_done", "{\"trigger\":{\"type\":\"api\"},\"reward\":{\"system\":\"coins\",\"points\":10}}")
                .put("/v1/achievements/walked", "{\"trigger\":{\"type\":\"metric\",\"metric\":\"steps\",\"threshold\":1}}")
                .put("/v1/achievements/all_round", "{\"trigger\":{\"type\":\"composite\",\"prerequisites\":[\"profile_done\",\"walked\"]}}");
    }

    @Test
    void putCreatesReplacesAndGetReadsTheProfile() {
        Http.Answer created = server.http().send("PUT", "/v1/users/me", """
                {"name":"Ann","email":"ann@example.com","timezone":"Europe/Paris","attributes":{"country":"FR"}}""", own);
        Http.Answer replaced = server.http().send("PUT", "/v1/users/me", "{\"name\":\"Ann B.\"}", own);
        JsonNode read = server.http().get("/v1/users/me", own).json();

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(read.path("id").asText()).isEqualTo("user_123");
        assertThat(read.path("name").asText()).isEqualTo("Ann B.");
        assertThat(read.path("timezone").isNull()).isTrue();
        assertThat(server.http().send("PUT", "/v1/users/me", "{\"timezone\":\"Nowhere\"}", own).json().path("field")
                .asText()).isEqualTo("timezone");
        assertThat(server.http().get("/v1/users/someone", own).status()).isEqualTo(403);
        assertThat(server.http().get("/v1/users/someone", service).status()).isEqualTo(404);
    }

    @Test
    void userIdsMayHoldAnyPrintableCharacter() {
        String id = "Zoë O'Brien #1";
        String path = "/v1/users/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        Http.Answer created = server.http().send("PUT", path, "{\"name\":\"Zoë\"}", service);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).contains(path);
        assertThat(server.http().get(path, service).json().path("id").asText()).isEqualTo(id);
        Http.Answer event = server.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"" + id + "\"}", service);
        assertThat(event.json().path("event").path("user_id").asText()).isEqualTo(id);
        assertThat(server.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"a\\u0007b\"}", service)
                .json().path("field").asText()).isEqualTo("user_id");
        assertThat(server.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"a/b\"}", service)
                .json().path("field").asText()).as("a '/' could not be addressed in a path").isEqualTo("user_id");
    }

    @Test
    void firstEventCreatesTheUserWithTheGivenProfile() {
        server.http().post("/v1/events", "{\"metric\":\"steps\",\"user\":{\"name\":\"Bob\",\"timezone\":\"Asia/Tokyo\"}}", own);

        JsonNode user = server.http().get("/v1/users/me", own).json();
        assertThat(user.path("name").asText()).isEqualTo("Bob");
        assertThat(user.path("timezone").asText()).isEqualTo("Asia/Tokyo");
    }

    @Test
    void adjustGrantsSpendsCapsAndKeepsAHistory() {
        String path = "/v1/users/user_123/points/coins/adjust";
        Http.Answer grant = server.http().post(path, "{\"amount\":150,\"reason\":\"welcome\"}", service);
        Http.Answer spend = server.http().post(path, "{\"amount\":-100,\"reason\":\"hat\"}", service);
        Http.Answer overspend = server.http().post(path, "{\"amount\":-51,\"reason\":\"car\"}", service);
        Http.Answer capped = server.http().post(path, "{\"amount\":1000,\"reason\":\"jackpot\"}", service);

        assertThat(grant.status()).as(grant.body()).isEqualTo(200);
        assertThat(grant.json().path("balance").asInt()).isEqualTo(150);
        assertThat(grant.json().path("levels").get(0).path("current").path("name").asText()).isEqualTo("Rich");
        assertThat(spend.json().path("balance").asInt()).isEqualTo(50);
        assertThat(overspend.status()).isEqualTo(409);
        assertThat(overspend.error()).isEqualTo("insufficient_points");
        assertThat(server.http().post("/v1/users/nobody/points/coins/adjust", "{\"amount\":-1,\"reason\":\"x\"}",
                service).status()).isEqualTo(409);
        assertThat(server.http().get("/v1/users/nobody", service).status())
                .as("a refused change writes nothing, not even the user").isEqualTo(404);
        assertThat(capped.json().path("amount").asInt()).isEqualTo(450);
        assertThat(capped.json().path("capped").asBoolean()).isTrue();

        JsonNode history = server.http().get("/v1/users/user_123/points/coins/history?limit=2", service).json();
        assertThat(history.path("items")).hasSize(2);
        assertThat(history.path("items").get(0).path("reason").asText()).isEqualTo("jackpot");
        assertThat(history.path("items").get(1).path("amount").asInt()).isEqualTo(-100);
        JsonNode rest = server.http().get("/v1/users/user_123/points/coins/history?limit=2&cursor="
                + history.path("next_cursor").asText(), service).json();
        assertThat(rest.path("items")).hasSize(1);
        assertThat(rest.path("items").get(0).path("source").asText()).isEqualTo("adjustment");
        assertThat(server.http().post(path, "{\"amount\":5,\"reason\":\"self-service\"}", own).status()).isEqualTo(403);
        assertThat(server.http().get("/v1/users/user_123/points/cions/history", service).status())
                .as("a mistyped system is not an empty history").isEqualTo(404);
    }

    @Test
    void anAdjustmentNeedsANonZeroAmountInRangeAndAReasonAndAGrantOneToAHundredFreezes() {
        String path = "/v1/users/user_123/points/coins/adjust";
        assertThat(refusedField(path, "{\"reason\":\"r\"}")).isEqualTo("amount");
        assertThat(refusedField(path, "{\"amount\":0,\"reason\":\"r\"}")).isEqualTo("amount");
        assertThat(refusedField(path, "{\"amount\":1000000001,\"reason\":\"r\"}")).isEqualTo("amount");
        assertThat(refusedField(path, "{\"amount\":5}")).isEqualTo("reason");
        assertThat(refusedField(path, "{\"amount\":5,\"reason\":\"" + "r".repeat(501) + "\"}")).isEqualTo("reason");
        new GameSetup(server.http(), app).put("/v1/streaks/walk", """
                {"period":"daily","conditions":[{"metric":"steps","threshold":1}],"freezes":{"initial":0,"max":3}}""");
        assertThat(refusedField("/v1/users/user_123/streaks/walk/freezes", "{\"count\":0}")).isEqualTo("count");
        assertThat(refusedField("/v1/users/user_123/streaks/walk/freezes", "{\"count\":101}")).isEqualTo("count");
        assertThat(server.http().get("/v1/users/user_123", service).status()).as("nothing was created").isEqualTo(404);
    }

    private String refusedField(String path, String body) {
        Http.Answer answer = server.http().post(path, body, service);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        return answer.json().path("field").asText();
    }

    @Test
    void adjustAndCompleteAreIdempotent() {
        String[] keyed = {service[0], service[1], "Idempotency-Key", "grant-1"};
        server.http().post("/v1/users/u1/points/coins/adjust", "{\"amount\":5,\"reason\":\"x\"}", keyed);
        Http.Answer replay = server.http().post("/v1/users/u1/points/coins/adjust", "{\"amount\":5,\"reason\":\"x\"}", keyed);
        Http.Answer conflict = server.http().post("/v1/users/u1/points/coins/adjust", "{\"amount\":6,\"reason\":\"x\"}", keyed);

        assertThat(replay.json().path("idempotent_replayed").asBoolean()).isTrue();
        assertThat(replay.json().path("balance").asInt()).isEqualTo(5);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(server.http().get("/v1/users/u1/progress", service).json().path("points").get(0).path("balance").asInt())
                .isEqualTo(5);

        String[] completeKey = {service[0], service[1], "Idempotency-Key", "done-1"};
        server.http().post("/v1/users/u1/achievements/profile_done/complete", "", completeKey);
        Http.Answer completeReplay = server.http().post("/v1/users/u1/achievements/profile_done/complete", "", completeKey);
        assertThat(completeReplay.json().path("idempotent_replayed").asBoolean()).isTrue();
        assertThat(completeReplay.json().path("already_unlocked").asBoolean()).isFalse();
    }

    @Test
    void completingAnApiAchievementCascadesIntoComposites() {
        server.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"u2\"}", service);
        Http.Answer done = server.http().post("/v1/users/u2/achievements/profile_done/complete", "", service);
        Http.Answer again = server.http().post("/v1/users/u2/achievements/profile_done/complete", "", service);
        Http.Answer notApi = server.http().post("/v1/users/u2/achievements/walked/complete", "", service);

        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("achievements").findValuesAsText("key")).containsExactly("profile_done", "all_round");
        assertThat(done.json().path("points").get(0).path("balance").asInt()).isEqualTo(10);
        assertThat(again.json().path("already_unlocked").asBoolean()).isTrue();
        assertThat(again.json().path("achievements")).isEmpty();
        assertThat(notApi.status()).isEqualTo(409);
        assertThat(notApi.error()).isEqualTo("not_completable");
    }

    @Test
    void batchAppliesEachEventOnItsOwn() {
        Http.Answer batch = server.http().post("/v1/events/batch", """
                {"events":[{"metric":"steps","user_id":"b1","value":2},
                           {"metric":"nope","user_id":"b1"},
                           {"metric":"steps","user_id":"b2","value":-1},
                           {"metric":"steps","user_id":"b1","value":3,"idempotency_key":"bk"},
                           {"metric":"steps","user_id":"b1","value":3,"idempotency_key":"bk"}]}""", service);

        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        JsonNode results = batch.json().path("results");
        assertThat(results).extracting(result -> result.path("status").asInt()).containsExactly(201, 400, 400, 201, 201);
        assertThat(results.get(1).path("error").path("error").asText()).isEqualTo("unknown_metric");
        assertThat(results.get(1).path("error").path("field").asText()).isEqualTo("events[1].metric");
        assertThat(results.get(2).path("error").path("field").asText()).isEqualTo("events[2].value");
        assertThat(results.get(3).path("body").path("metric").path("total").asInt()).isEqualTo(5);
        assertThat(results.get(4).path("body").path("idempotent_replayed").asBoolean()).isTrue();
        assertThat(server.http().get("/v1/users/b2", service).status()).isEqualTo(404);
    }

    @Test
    void batchOverTheLimitIsRefused() {
        StringBuilder events = new StringBuilder("{\"events\":[");
        for (int i = 0; i <= EventRoutes.MAX_BATCH; i++) {
            events.append(i == 0 ? "" : ",").append("{\"metric\":\"steps\"}");
        }
        Http.Answer refused = server.http().post("/v1/events/batch", events.append("]}").toString(), service);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("field").asText()).isEqualTo("events");
    }

    @Test
    void deletingAUserErasesEverythingAboutThem() {
        server.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"gone\",\"idempotency_key\":\"g1\","
                + "\"user\":{\"email\":\"gone@example.com\"}}", service);
        server.http().post("/v1/users/gone/points/coins/adjust", "{\"amount\":5,\"reason\":\"x\"}", service);

        assertThat(server.http().send("DELETE", "/v1/users/gone", null, own).status()).isEqualTo(403);
        assertThat(server.http().send("DELETE", "/v1/users/gone", null, service).status()).isEqualTo(204);
        assertThat(server.http().get("/v1/users/gone", service).status()).isEqualTo(404);
        assertThat(server.http().get("/v1/users/gone/progress", service).status()).isEqualTo(404);
        assertThat(server.http().send("DELETE", "/v1/users/gone", null, service).status()).isEqualTo(404);
        assertThat(server.ludus().store().count("SELECT COUNT(*) FROM events WHERE user_id = 'gone'")).isZero();
        assertThat(server.ludus().store().count("SELECT COUNT(*) FROM points_ledger WHERE user_id = 'gone'")).isZero();
        assertThat(server.ludus().store().count("SELECT COUNT(*) FROM idempotency_keys WHERE user_id = 'gone'")).isZero();

        Http.Answer fresh = server.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"gone\",\"idempotency_key\":\"g1\"}",
                service);
        assertThat(fresh.json().path("idempotent_replayed").asBoolean()).isFalse();
        assertThat(fresh.json().path("metric").path("total").asInt()).isEqualTo(1);
    }

    @Test
    void progressShowsRecentEventsAndTheNextLevel() {
        server.http().post("/v1/events", "{\"metric\":\"steps\",\"value\":3,\"attributes\":{\"device\":\"watch\"}}", own);
        server.http().post("/v1/users/user_123/points/coins/adjust", "{\"amount\":40,\"reason\":\"x\"}", service);
        JsonNode progress = server.http().get("/v1/users/me/progress", own).json();

        assertThat(progress.path("recent_events").get(0).path("attributes").path("device").asText()).isEqualTo("watch");
        JsonNode coins = progress.path("points").get(0);
        assertThat(coins.path("level").path("name").asText()).isEqualTo("Poor");
        assertThat(coins.path("next_level").path("name").asText()).isEqualTo("Rich");
        assertThat(coins.path("next_level").path("remaining").asInt()).isEqualTo(60);
        JsonNode allRound = progress.path("achievements").get(0);
        assertThat(allRound.path("key").asText()).isEqualTo("all_round");
        assertThat(allRound.path("progress").path("current").asInt()).isEqualTo(1);
        assertThat(allRound.path("progress").path("target").asInt()).isEqualTo(2);
    }
}
