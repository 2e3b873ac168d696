package dev.ludus.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PUT /v1/leaderboards/{key}: points boards and their backfill, cohorts, and bad input as 4xx naming the field. */
class LeaderboardDefinitionTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private Board board;

    @BeforeEach
    void defineRules() {
        TestApp app = server.ludus().createApp();
        board = new Board(server.http(), app);
        board.setup().metric("steps").put("/v1/points/xp", """
                {"triggers":[{"type":"metric","metric":"steps","points":1}]}""");
    }

    private Http.Answer put(String key, String json) {
        return server.http().send("PUT", "/v1/leaderboards/" + key, json, board.admin());
    }

    private Http.Answer adjust(String user, long amount) {
        return server.http().post("/v1/users/" + user + "/points/xp/adjust",
                "{\"amount\":" + amount + ",\"reason\":\"bonus\"}", board.admin());
    }

    @Test
    void newAllTimePointsBoardIsBackfilledFromBalances() {
        board.event("alice", "steps", 40);
        assertThat(adjust("bob", 100).status()).isEqualTo(200);

        Http.Answer created = put("xp", "{\"rank_by\":{\"type\":\"points\",\"system\":\"xp\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("backfilled_users").asInt()).isEqualTo(2);
        assertThat(board.users("/v1/leaderboards/xp")).containsExactly("bob", "alice");

        board.event("alice", "steps", 70);
        assertThat(board.users("/v1/leaderboards/xp")).containsExactly("alice", "bob");
        assertThat(board.ok("/v1/leaderboards/xp/users/alice").path("score").asLong()).isEqualTo(110);
    }

    @Test
    void dailyPointsBoardSumsTheChangesOfTheDay() {
        adjust("alice", 100);
        put("xp-daily", "{\"rank_by\":{\"type\":\"points\",\"system\":\"xp\"},\"period\":\"daily\"}");
        adjust("alice", 5);
        adjust("alice", -2);

        assertThat(board.ok("/v1/leaderboards/xp-daily/users/alice").path("score").asLong()).isEqualTo(3);
    }

    @Test
    void cohortBoardRanksOnlyUsersWhoseAttributesMatch() {
        put("france", """
                {"rank_by":{"type":"metric","metric":"steps"},"filter":{"country":"FR"}}""");
        board.event("{\"metric\":\"steps\",\"user_id\":\"amelie\",\"value\":5,\"user\":{\"attributes\":{\"country\":\"FR\"}}}");
        board.event("{\"metric\":\"steps\",\"user_id\":\"hans\",\"value\":9,\"user\":{\"attributes\":{\"country\":\"DE\"}}}");
        board.event("{\"metric\":\"steps\",\"user_id\":\"louis\",\"value\":7,\"user\":{\"attributes\":{\"country\":\"FR\"}}}");
        board.event("{\"metric\":\"steps\",\"user_id\":\"louis\",\"value\":50,\"user\":{\"attributes\":{\"country\":\"BE\"}}}");

        assertThat(board.users("/v1/leaderboards/france")).containsExactly("louis", "amelie");
        assertThat(board.ok("/v1/leaderboards/france/users/louis").path("score").asLong()).isEqualTo(7);
    }

    @Test
    void changingWhatABoardRanksByIsRefused() {
        put("walkers", "{\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"}}");
        Http.Answer refused = put("walkers", "{\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"},\"period\":\"daily\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("leaderboard_immutable");

        Http.Answer renamed = put("walkers", "{\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"},\"name\":\"Walkers\"}");
        assertThat(renamed.status()).isEqualTo(200);
        Http.Answer inUse = server.http().send("DELETE", "/v1/metrics/steps", null, board.admin());
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.error()).isEqualTo("rule_in_use");
    }

    @Test
    void boardThatEndedIsFrozen() {
        String endsAt = server.ludus().clock().instant().plus(Duration.ofHours(1)).toString();
        put("sprint", "{\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"},\"ends_at\":\"" + endsAt + "\"}");
        board.event("alice", "steps", 5);
        server.ludus().clock().advance(Duration.ofHours(2));
        board.event("alice", "steps", 5);

        JsonNode answer = board.ok("/v1/leaderboards/sprint");
        assertThat(answer.path("period").path("finished").asBoolean()).isTrue();
        assertThat(answer.path("entries").get(0).path("score").asLong()).isEqualTo(5);
    }

    @Test
    void badDefinitionsAnswer400NamingTheField() {
        assertField(put("b", "{\"rank_by\":{\"type\":\"metric\",\"metric\":\"nope\"}}"), "unknown_rule", "rank_by.metric");
        assertField(put("b", "{\"rank_by\":{\"type\":\"points\",\"system\":\"nope\"}}"), "unknown_rule", "rank_by.system");
        assertField(put("b", "{\"rank_by\":{\"type\":\"votes\"}}"), "invalid_request", "rank_by.type");
        assertField(put("b", "{\"period\":\"daily\"}"), "invalid_request", "rank_by");
        String steps = "{\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"},";
        assertField(put("b", steps + "\"timezone\":\"Mars/Olympus\"}"), "invalid_request", "timezone");
        assertField(put("b", steps + "\"period\":\"hourly\"}"), "invalid_request", "period");
        assertField(put("b", steps + "\"week_start\":\"Monday\"}"), "invalid_request", "week_start");
        assertField(put("b", steps + "\"starts_at\":\"2026-12-02T00:00:00Z\",\"ends_at\":\"2026-12-01T00:00:00Z\"}"),
                "invalid_request", "ends_at");
        assertField(put("b", steps + "\"starts_at\":\"tomorrow\"}"), "invalid_request", "starts_at");
        assertField(put("b", steps + "\"filter\":{\"country\":3}}"), "invalid_request", "filter.country");
        assertThat(board.get("/v1/leaderboards/b").status()).isEqualTo(404);
    }

    @Test
    void badQueriesAnswer400NamingTheParameter() {
        put("walkers", "{\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"},\"period\":\"daily\"}");
        String future = java.time.LocalDate.ofInstant(server.ludus().clock().instant(), java.time.ZoneOffset.UTC)
                .plusDays(2).toString();
        assertField(board.get("/v1/leaderboards/walkers?period=2026-13-01"), "invalid_request", "period");
        assertField(board.get("/v1/leaderboards/walkers?period=" + future), "invalid_request", "period");
        assertField(board.get("/v1/leaderboards/walkers?limit=0"), "invalid_request", "limit");
        assertField(board.get("/v1/leaderboards/walkers?limit=101"), "invalid_request", "limit");
        assertField(board.get("/v1/leaderboards/walkers?around=alice&radius=51"), "invalid_request", "radius");
        assertField(board.get("/v1/leaderboards/walkers?cursor=bm9wZQ"), "invalid_request", "cursor");
        assertThat(board.get("/v1/leaderboards/nope").status()).isEqualTo(404);
    }

    private static void assertField(Http.Answer answer, String error, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.error()).as(answer.body()).isEqualTo(error);
        assertThat(answer.json().path("field").asText()).as(answer.body()).isEqualTo(field);
    }
}
