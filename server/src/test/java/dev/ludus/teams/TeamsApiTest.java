package dev.ludus.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.AtOnce;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Teams over HTTP on a real store of this run's kind: a team's life, memberships that a second join
 * does not change, the application's limit of teams per user (also when joins race, and across two
 * nodes on PostgreSQL), erasure, scopes and the 400s.
 */
class TeamsApiTest {

    private static final Instant T0 = Instant.parse("2037-12-20T10:00:00Z");

    private TestLudus ludus;
    private TestApp app;
    private Http http;
    private String[] admin;
    private String[] service;
    private GameSetup game;

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        ludus.clock().advanceTo(T0);
        http = ludus.http();
        app = ludus.createApp();
        admin = Http.bearer(app.tokenWith("admin"));
        service = Http.bearer(app.tokenWith("users:write", "users:read"));
        game = new GameSetup(http, app).metric("steps");
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    private Http.Answer join(String team, String user) {
        return http.send("PUT", "/v1/teams/" + team + "/members/" + user, "", service);
    }

    @Test
    void aTeamIsCreatedReplacedListedAndDeleted() {
        Http.Answer created = http.send("PUT", "/v1/teams/red", "{\"name\":\"Red\",\"attributes\":{\"city\":\"Oslo\"}}",
                service);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).hasValue("/v1/teams/red");
        assertThat(created.json().path("id").asText()).isEqualTo("red");
        assertThat(created.json().path("name").asText()).isEqualTo("Red");
        assertThat(created.json().path("attributes").path("city").asText()).isEqualTo("Oslo");
        assertThat(created.json().path("members").asLong()).isZero();
        assertThat(Instant.parse(created.json().path("created_at").asText())).isEqualTo(T0);

        ludus.clock().advance(Duration.ofSeconds(5));
        Http.Answer replaced = http.send("PUT", "/v1/teams/red", "{}", service);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("name").asText()).as("the name defaults to the id").isEqualTo("red");
        assertThat(replaced.json().path("attributes").size()).isZero();
        assertThat(Instant.parse(replaced.json().path("created_at").asText())).isEqualTo(T0);
        assertThat(Instant.parse(replaced.json().path("updated_at").asText())).isEqualTo(T0.plusSeconds(5));

        http.send("PUT", "/v1/teams/blue", "{}", service);
        JsonNode page = http.get("/v1/teams?limit=1", service).json();
        assertThat(page.path("items").get(0).path("id").asText()).isEqualTo("blue");
        JsonNode next = http.get("/v1/teams?limit=1&cursor=" + page.path("next_cursor").asText(), service).json();
        assertThat(next.path("items").get(0).path("id").asText()).isEqualTo("red");
        assertThat(next.path("next_cursor").isNull()).isTrue();

        assertThat(http.send("DELETE", "/v1/teams/red", null, service).status()).isEqualTo(204);
        assertThat(http.get("/v1/teams/red", service).status()).isEqualTo(404);
        assertThat(http.send("DELETE", "/v1/teams/red", null, service).error()).isEqualTo("not_found");
    }

    @Test
    void joiningTwiceChangesNothingAndLeavingEndsTheMembership() {
        http.send("PUT", "/v1/teams/red", "{}", service);
        game.event("ann", "steps", 1);

        Http.Answer joined = join("red", "ann");
        ludus.clock().advance(Duration.ofSeconds(5));
        Http.Answer again = join("red", "ann");

        assertThat(joined.status()).as(joined.body()).isEqualTo(201);
        assertThat(joined.json().path("team_id").asText()).isEqualTo("red");
        assertThat(joined.json().path("user_id").asText()).isEqualTo("ann");
        assertThat(Instant.parse(joined.json().path("joined_at").asText())).isEqualTo(T0);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(joined.json());
        assertThat(http.get("/v1/teams/red", service).json().path("members").asLong()).isEqualTo(1);
        assertThat(http.get("/v1/teams/red/members", service).json().path("items")).extracting(
                member -> member.path("user_id").asText()).containsExactly("ann");
        assertThat(http.get("/v1/users/ann/teams", service).json().path("items")).extracting(
                member -> member.path("team_id").asText()).containsExactly("red");

        assertThat(http.send("DELETE", "/v1/teams/red/members/ann", null, service).status()).isEqualTo(204);
        assertThat(http.send("DELETE", "/v1/teams/red/members/ann", null, service).status()).isEqualTo(404);
        assertThat(http.get("/v1/teams/red", service).json().path("members").asLong()).isZero();
        assertThat(join("red", "ann").status()).as("a user may join again").isEqualTo(201);
    }

    @Test
    void unknownTeamsAndUsersAnswer404() {
        http.send("PUT", "/v1/teams/red", "{}", service);
        game.event("ann", "steps", 1);

        assertThat(join("blue", "ann").error()).isEqualTo("not_found");
        assertThat(join("red", "nobody").error()).isEqualTo("not_found");
        assertThat(http.get("/v1/teams/blue/members", service).status()).isEqualTo(404);
        assertThat(http.get("/v1/users/nobody/teams", service).json().path("items")).isEmpty();
    }

    @Test
    void theApplicationsLimitOfTeamsPerUserIsKept() {
        Http.Answer patched = http.patch("/v1/application", "{\"max_teams_per_user\":2}", admin);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("max_teams_per_user").asInt()).isEqualTo(2);
        for (String team : List.of("a", "b", "c")) {
            http.send("PUT", "/v1/teams/" + team, "{}", service);
        }
        game.event("ann", "steps", 1);

        assertThat(join("a", "ann").status()).isEqualTo(201);
        assertThat(join("b", "ann").status()).isEqualTo(201);
        Http.Answer third = join("c", "ann");
        assertThat(third.status()).isEqualTo(409);
        assertThat(third.error()).isEqualTo("team_limit_reached");
        assertThat(third.json().path("field").asText()).isEqualTo("user_id");
        assertThat(join("a", "ann").status()).as("a team the user is in is not a new one").isEqualTo(200);

        http.send("DELETE", "/v1/teams/a/members/ann", null, service);
        assertThat(join("c", "ann").status()).isEqualTo(201);
        assertThat(http.patch("/v1/application", "{\"max_teams_per_user\":0}", admin).json().path("field").asText())
                .isEqualTo("max_teams_per_user");
        assertThat(http.get("/v1/application", admin).json().path("max_teams_per_user").asInt()).isEqualTo(2);
    }

    @Test
    void joinsAtOnceNeverPassTheLimit() throws Exception {
        racingJoins(i -> http);
    }

    @Test
    void joinsAtOnceOnTwoNodesNeverPassTheLimit() throws Exception {
        assumeTrue(TestStore.postgresql(), "two nodes need a shared PostgreSQL; SQLite is single-node");
        TestLudus second = ludus.secondNode();
        try {
            racingJoins(i -> i % 2 == 0 ? http : second.http());
        } finally {
            second.stop();
        }
    }

    private void racingJoins(IntFunction<Http> node) throws Exception {
        http.patch("/v1/application", "{\"max_teams_per_user\":3}", admin);
        int teams = 12;
        for (int i = 0; i < teams; i++) {
            http.send("PUT", "/v1/teams/t" + i, "{}", service);
        }
        game.event("ann", "steps", 1);

        List<Http.Answer> answers = AtOnce.run(teams * 2, i -> node.apply(i).send("PUT", "/v1/teams/t" + (i % teams)
                + "/members/ann", "", service));

        assertThat(answers).extracting(Http.Answer::status).containsOnly(201, 200, 409);
        assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(3);
        assertThat(http.get("/v1/users/ann/teams", service).json().path("items")).hasSize(3);
    }

    @Test
    void erasingAUserOrATeamEndsTheirMemberships() {
        http.send("PUT", "/v1/teams/red", "{}", service);
        http.send("PUT", "/v1/teams/blue", "{}", service);
        game.event("ann", "steps", 1);
        game.event("bob", "steps", 1);
        join("red", "ann");
        join("red", "bob");
        join("blue", "bob");

        assertThat(http.send("DELETE", "/v1/users/ann", null, service).status()).isEqualTo(204);
        assertThat(http.get("/v1/teams/red/members", service).json().path("items")).extracting(
                member -> member.path("user_id").asText()).containsExactly("bob");
        assertThat(http.send("DELETE", "/v1/teams/red", null, service).status()).isEqualTo(204);
        assertThat(http.get("/v1/users/bob/teams", service).json().path("items")).extracting(
                member -> member.path("team_id").asText()).containsExactly("blue");
    }

    @Test
    void badInputAnd403sNameTheProblem() {
        Http.Answer badName = http.send("PUT", "/v1/teams/red", "{\"name\":\"\"}", service);
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.json().path("field").asText()).isEqualTo("name");
        Http.Answer badAttributes = http.send("PUT", "/v1/teams/red", "{\"attributes\":{\"a\":1}}", service);
        assertThat(badAttributes.status()).isEqualTo(400);
        assertThat(badAttributes.json().path("field").asText()).startsWith("attributes");
        Http.Answer unknown = http.send("PUT", "/v1/teams/red", "{\"colour\":\"red\"}", service);
        assertThat(unknown.json().path("field").asText()).isEqualTo("colour");
        Http.Answer longId = http.send("PUT", "/v1/teams/" + "x".repeat(256), "{}", service);
        assertThat(longId.status()).isEqualTo(400);
        assertThat(longId.json().path("field").asText()).isEqualTo("id");
        Http.Answer dots = http.send("PUT", "/v1/teams/%2E%2E", "{}", service);
        assertThat(dots.status()).as(dots.body()).isEqualTo(400);
        assertThat(dots.json().path("field").asText()).isEqualTo("id");
        assertThat(http.get("/v1/teams/red", service).status()).as("nothing was written").isEqualTo(404);

        String[] ann = Http.bearer(app.token().subject("ann").scopes("read", "write").build());
        assertThat(http.send("PUT", "/v1/teams/red", "{}", ann).status()).isEqualTo(403);
        http.send("PUT", "/v1/teams/red", "{}", service);
        game.event("ann", "steps", 1);
        assertThat(http.send("PUT", "/v1/teams/red/members/me", "", ann).status())
                .as("membership is the application's to give").isEqualTo(403);
        join("red", "ann");
        assertThat(http.get("/v1/users/me/teams", ann).json().path("items")).hasSize(1);
        assertThat(http.get("/v1/teams/red/members", ann).status()).isEqualTo(200);
    }
}
