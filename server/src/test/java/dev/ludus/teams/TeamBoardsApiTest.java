package dev.ludus.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Team leaderboards over HTTP on a real store of this run's kind: sums, averages, late joiners, periods, paging. */
class TeamBoardsApiTest {

    private static final Instant T0 = Instant.parse("2037-12-20T10:00:00Z");

    private TestLudus ludus;
    private TestApp app;
    private Http http;
    private String[] service;
    private GameSetup game;

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        ludus.clock().advanceTo(T0);
        http = ludus.http();
        app = ludus.createApp();
        service = Http.bearer(app.tokenWith("users:write", "users:read"));
        game = new GameSetup(http, app).metric("steps")
                .put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1,\"per\":10}]}")
                .put("/v1/team_leaderboards/steps_daily", """
                        {"name":"Steps by team","rank_by":{"type":"metric","metric":"steps"},"period":"daily",
                         "timezone":"UTC"}""")
                .put("/v1/team_leaderboards/xp_average", """
                        {"rank_by":{"type":"points","system":"xp"},"aggregate":"average"}""");
        for (String team : new String[] {"red", "blue", "green"}) {
            http.send("PUT", "/v1/teams/" + team, "{\"name\":\"Team " + team + "\"}", service);
        }
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    private void walk(String user, long steps) {
        game.event(user, "steps", steps);
    }

    private void join(String team, String user) {
        assertThat(http.send("PUT", "/v1/teams/" + team + "/members/" + user, "", service).status()).isIn(200, 201);
    }

    @Test
    void teamsRankByWhatTheirMembersDidWhileMembers() {
        walk("ann", 1);
        walk("bob", 1);
        walk("cy", 1);
        join("red", "ann");
        join("blue", "bob");
        walk("ann", 300);
        walk("bob", 500);
        walk("cy", 10_000);
        join("red", "cy");
        walk("cy", 50);

        JsonNode ranking = http.get("/v1/team_leaderboards/steps_daily/ranking", service).json();

        assertThat(ranking.path("leaderboard").path("key").asText()).isEqualTo("steps_daily");
        assertThat(ranking.path("period").path("key").asText()).isEqualTo("2037-12-20");
        assertThat(Instant.parse(ranking.path("period").path("start").asText()))
                .isEqualTo(Instant.parse("2037-12-20T00:00:00Z"));
        assertThat(ranking.path("participants").asLong()).isEqualTo(2);
        JsonNode entries = ranking.path("entries");
        assertThat(entries.get(0).path("team_id").asText()).isEqualTo("blue");
        assertThat(entries.get(0).path("score").decimalValue()).isEqualByComparingTo("500");
        assertThat(entries.get(0).path("rank").asLong()).isEqualTo(1);
        assertThat(entries.get(1).path("team_id").asText()).isEqualTo("red");
        assertThat(entries.get(1).path("name").asText()).isEqualTo("Team red");
        assertThat(entries.get(1).path("score").decimalValue()).as("cy's 10,000 steps before joining do not count")
                .isEqualByComparingTo("350");
        assertThat(entries.get(1).path("members").asLong()).isEqualTo(2);

        JsonNode red = http.get("/v1/team_leaderboards/steps_daily/teams/red", service).json();
        assertThat(red.path("rank").asLong()).isEqualTo(2);
        assertThat(red.path("participants").asLong()).isEqualTo(2);
        assertThat(http.get("/v1/team_leaderboards/steps_daily/teams/green", service).status())
                .as("a team without a score").isEqualTo(404);
    }

    @Test
    void aNewDayStartsAFreshPeriodAndThePastStaysReadable() {
        walk("ann", 1);
        join("red", "ann");
        walk("ann", 40);
        ludus.clock().advanceTo(Instant.parse("2037-12-21T09:00:00Z"));
        game = new GameSetup(http, app); // tokens minted now: the first ones expired overnight
        service = Http.bearer(app.tokenWith("users:write", "users:read"));
        walk("ann", 2);

        JsonNode today = http.get("/v1/team_leaderboards/steps_daily/ranking", service).json();
        JsonNode yesterday = http.get("/v1/team_leaderboards/steps_daily/ranking?period=2037-12-20", service).json();

        assertThat(today.path("period").path("key").asText()).isEqualTo("2037-12-21");
        assertThat(today.path("entries").get(0).path("score").decimalValue()).isEqualByComparingTo("2");
        assertThat(yesterday.path("entries").get(0).path("score").decimalValue()).isEqualByComparingTo("40");
        assertThat(http.get("/v1/team_leaderboards/steps_daily/ranking?period=yesterday", service).json()
                .path("field").asText()).isEqualTo("period");
        assertThat(http.get("/v1/team_leaderboards/steps_daily/ranking?period=2037-12-22", service).json()
                .path("field").asText()).as("a period in the future").isEqualTo("period");
    }

    @Test
    void anAverageBoardDividesByTheMembers() {
        for (String user : new String[] {"ann", "bob", "cy"}) {
            walk(user, 1);
        }
        join("red", "ann");
        join("red", "bob");
        join("blue", "cy");
        walk("ann", 99);
        walk("bob", 1);
        walk("cy", 60);

        JsonNode entries = http.get("/v1/team_leaderboards/xp_average/ranking", service).json().path("entries");

        assertThat(entries.get(0).path("team_id").asText()).isEqualTo("blue");
        assertThat(entries.get(0).path("score").decimalValue()).isEqualByComparingTo("6");
        assertThat(entries.get(1).path("team_id").asText()).isEqualTo("red");
        assertThat(entries.get(1).path("score").decimalValue()).as("10 xp and 0 xp over two members")
                .isEqualByComparingTo("5");
    }

    @Test
    void theRankingPagesAndUnknownBoardsAnswer404() {
        for (int i = 0; i < 5; i++) {
            String team = "t" + i;
            http.send("PUT", "/v1/teams/" + team, "{}", service);
            walk("u" + i, 1);
            join(team, "u" + i);
            walk("u" + i, 10 * (i + 1));
        }

        JsonNode first = http.get("/v1/team_leaderboards/steps_daily/ranking?limit=2", service).json();
        JsonNode second = http.get("/v1/team_leaderboards/steps_daily/ranking?limit=2&cursor="
                + first.path("next_cursor").asText(), service).json();
        JsonNode third = http.get("/v1/team_leaderboards/steps_daily/ranking?limit=2&cursor="
                + second.path("next_cursor").asText(), service).json();

        assertThat(first.path("entries")).extracting(entry -> entry.path("team_id").asText()).containsExactly("t4", "t3");
        assertThat(second.path("entries")).extracting(entry -> entry.path("rank").asLong()).containsExactly(3L, 4L);
        assertThat(third.path("entries")).hasSize(1);
        assertThat(third.path("next_cursor").isNull()).isTrue();
        assertThat(http.get("/v1/team_leaderboards/nope/ranking", service).status()).isEqualTo(404);
        Http.Answer changed = http.send("PUT", "/v1/team_leaderboards/steps_daily",
                "{\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"},\"period\":\"weekly\"}", game.admin());
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.error()).isEqualTo("leaderboard_immutable");
        Http.Answer streak = http.send("PUT", "/v1/team_leaderboards/s",
                "{\"rank_by\":{\"type\":\"streak\",\"streak\":\"x\"}}", game.admin());
        assertThat(streak.json().path("field").asText()).isEqualTo("rank_by.type");
    }
}
