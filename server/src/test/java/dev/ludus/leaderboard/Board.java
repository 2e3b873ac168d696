package dev.ludus.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import java.util.ArrayList;
import java.util.List;

/** Leaderboard calls of the tests: sending scores for users, reading pages and standings. */
final class Board {

    private final Http http;
    private final TestApp app;
    private final GameSetup setup;

    Board(Http http, TestApp app) {
        this.http = http;
        this.app = app;
        this.setup = new GameSetup(http, app);
    }

    GameSetup setup() {
        return setup;
    }

    /** Headers with an admin token issued now (the tests move the clock). */
    String[] admin() {
        return Http.bearer(app.tokenWith("admin"));
    }

    /** Sends one event for {@code user} and returns the answer, checked. */
    JsonNode event(String user, String metric, long value) {
        return event("{\"metric\":\"" + metric + "\",\"user_id\":\"" + user + "\",\"value\":" + value + "}");
    }

    JsonNode event(String json) {
        Http.Answer answer = http.post("/v1/events", json, admin());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    Http.Answer get(String path) {
        return http.get(path, admin());
    }

    /** The answer of a GET, checked to be 200. */
    JsonNode ok(String path) {
        Http.Answer answer = get(path);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** The user ids of the entries of a GET, in order. */
    List<String> users(String path) {
        List<String> users = new ArrayList<>();
        ok(path).path("entries").forEach(entry -> users.add(entry.path("user_id").asText()));
        return users;
    }

    /** The ranks of the entries of a GET, in order. */
    List<Long> ranks(String path) {
        List<Long> ranks = new ArrayList<>();
        ok(path).path("entries").forEach(entry -> ranks.add(entry.path("rank").asLong()));
        return ranks;
    }
}
