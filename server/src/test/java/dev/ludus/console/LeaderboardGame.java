package dev.ludus.console;

import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * A game with leaderboards for the console's tests, through the API: the metric {@code steps}, the
 * all-time board {@code walkers} ranked by it, any other board, events, and a board's ranks as
 * {@code GET /v1/leaderboards/{key}} answers them, as "rank user" lines to compare with a page's.
 */
final class LeaderboardGame {

    private final Http http;
    private final TestApp app;

    LeaderboardGame(Http http, TestApp app) {
        this.http = http;
        this.app = app;
        new GameSetup(http, app).metric("steps").put("/v1/leaderboards/walkers", """
                {"name":"Walkers","rank_by":{"type":"metric","metric":"steps"}}""");
    }

    /** Defines the board {@code key} ranked by steps, with more members such as {@code "period":"daily"}. */
    LeaderboardGame board(String key, String name, String members) {
        new GameSetup(http, app).put("/v1/leaderboards/" + key, "{\"name\":\"" + name
                + "\",\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"}," + members + "}");
        return this;
    }

    /** Users {@code <prefix>1} to {@code <prefix><count>}, user i with {@code steps(i)} steps, in one batch. */
    void users(String prefix, int count, IntUnaryOperator steps) {
        StringBuilder batch = new StringBuilder("{\"events\":[");
        for (int i = 1; i <= count; i++) {
            batch.append(i == 1 ? "" : ",").append("{\"metric\":\"steps\",\"user_id\":\"").append(prefix).append(i)
                    .append("\",\"value\":").append(steps.applyAsInt(i)).append('}');
        }
        expect(http.post("/v1/events/batch", batch.append("]}").toString(), service()), 200);
    }

    /** One event of {@code steps} steps of {@code user}. */
    void steps(String user, int steps) {
        expect(http.post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"" + user + "\",\"value\":" + steps + "}",
                service()), 201);
    }

    /** The board's ranks as the API answers them for {@code query} ({@code ?limit=25}, or {@code ""}). */
    List<String> ranks(String key, String query) {
        Http.Answer answer = expect(http.get("/v1/leaderboards/" + key + query, service()), 200);
        List<String> lines = new ArrayList<>();
        answer.json().path("entries").forEach(entry -> lines.add(entry.path("rank").asLong() + " "
                + entry.path("user_id").asText()));
        return lines;
    }

    /** The board's {@code next_cursor} for {@code query}. */
    String nextCursor(String key, String query) {
        return expect(http.get("/v1/leaderboards/" + key + query, service()), 200).json().path("next_cursor").asText();
    }

    private String[] service() {
        return Http.bearer(app.tokenWith("users:write", "read"));
    }

    private static Http.Answer expect(Http.Answer answer, int status) {
        if (answer.status() != status) {
            throw new AssertionError("expected " + status + ", got " + answer.status() + ": " + answer.body());
        }
        return answer;
    }
}
