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
import dev.ludus.testing.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Team quests over HTTP on a real store of this run's kind: the members' events count together, late
 * joiners from when they joined, the team completes once however many events race (also on two nodes),
 * every member is paid once and told by webhook.
 */
class TeamQuestsApiTest {

    private static final Instant T0 = Instant.parse("2037-12-16T10:00:00Z");
    private static final String QUEST = """
            {"name":"Team week","team":true,
             "steps":[{"key":"read","metric":"lessons","total":10},{"key":"quiz","metric":"quizzes","total":2}],
             "window":{"type":"fixed","starts_at":"2037-12-14T00:00:00Z","ends_at":"2037-12-21T00:00:00Z"},
             "reward":{"system":"xp","points":25}}""";

    private static GameSetup game(TestLudus ludus, TestApp app) {
        return new GameSetup(ludus.http(), app).metric("lessons").metric("quizzes").put("/v1/points/xp", "{}")
                .put("/v1/quests/team_week", QUEST);
    }

    private static String[] service(TestApp app) {
        return Http.bearer(app.tokenWith("users:write", "users:read"));
    }

    private static void event(Http http, TestApp app, String user, String metric, long value) {
        Http.Answer answer = http.post("/v1/events", "{\"user_id\":\"" + user + "\",\"metric\":\"" + metric
                + "\",\"value\":" + value + "}", service(app));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private static void member(Http http, TestApp app, String team, String user) {
        Http.Answer answer = http.send("PUT", "/v1/teams/" + team + "/members/" + user, "{}", service(app));
        assertThat(answer.status()).as(answer.body()).isIn(200, 201);
    }

    private static void team(Http http, TestApp app, String team, String... users) {
        Http.Answer created = http.send("PUT", "/v1/teams/" + team, "{\"name\":\"" + team + "\"}", service(app));
        assertThat(created.status()).as(created.body()).isIn(200, 201);
        for (String user : users) {
            http.send("PUT", "/v1/users/" + user, "{}", service(app));
            member(http, app, team, user);
        }
    }

    private static JsonNode standing(Http http, TestApp app, String team) {
        Http.Answer answer = http.get("/v1/teams/" + team + "/quests", service(app));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("quests").get(0);
    }

    private static List<Long> prizes(Http http, TestApp app, String user) {
        List<Long> amounts = new java.util.ArrayList<>();
        http.get("/v1/users/" + user + "/points/xp/history", service(app)).json().path("items").forEach(entry -> {
            if (entry.path("source").asText().equals("quest")) {
                amounts.add(entry.path("amount").asLong());
            }
        });
        return amounts;
    }

    /** Waits until the team's completion has been paid to {@code user} (the payments follow the commit). */
    private static void awaitPaid(Http http, TestApp app, String user) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (prizes(http, app, user).isEmpty()) {
            assertThat(System.nanoTime()).as(user + " was paid the team quest's prize").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void membersEventsCountTogetherAndEveryMemberIsPaidOnceWithAWebhook() throws Exception {
        try (TestLudus ludus = TestLudus.start(Map.of("LUDUS_WEBHOOK_ALLOW_PRIVATE", "true"));
                WebhookReceiver receiver = WebhookReceiver.start()) {
            ludus.clock().advanceTo(T0);
            TestApp app = ludus.createApp();
            Http http = ludus.http();
            game(ludus, app);
            Http.Answer endpoint = http.post("/v1/webhooks", "{\"url\":\"" + receiver.url()
                    + "\",\"event_types\":[\"quest.completed\"]}", Http.bearer(app.tokenWith("admin")));
            assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
            team(http, app, "owls", "ann", "bob");
            event(http, app, "carl", "lessons", 9);
            event(http, app, "ann", "lessons", 6);
            event(http, app, "bob", "quizzes", 2);
            assertThat(standing(http, app, "owls").path("status").asText()).isEqualTo("active");
            assertThat(standing(http, app, "owls").path("steps_done").asInt()).isEqualTo(1);
            member(http, app, "owls", "carl");

            event(http, app, "carl", "lessons", 4);
            awaitPaid(http, app, "ann");
            awaitPaid(http, app, "bob");
            awaitPaid(http, app, "carl");

            JsonNode standing = standing(http, app, "owls");
            assertThat(standing.path("status").asText()).as("carl's 9 before joining did not count: 6 + 4")
                    .isEqualTo("completed");
            assertThat(standing.path("steps").get(0).path("progress").decimalValue()).isEqualByComparingTo("10");
            assertThat(Instant.parse(standing.path("completed_at").asText())).isEqualTo(T0);
            List<WebhookReceiver.Received> received = receiver.await(3);
            assertThat(received).extracting(message -> message.json().path("data").path("user_id").asText())
                    .containsExactlyInAnyOrder("ann", "bob", "carl");
            JsonNode quest = received.getFirst().json().path("data").path("quest");
            assertThat(quest.path("team_id").asText()).isEqualTo("owls");
            assertThat(quest.path("change").asText()).isEqualTo("completed");
            assertThat(quest.path("reward").path("points").asLong()).isEqualTo(25);
            assertThat(http.get("/v1/users/ann/quests", service(app)).json().path("quests"))
                    .as("a team quest is not a user's").isEmpty();
            assertThat(http.get("/v1/users/ann/quests", service(app)).json().path("history").get(0)
                    .path("status").asText()).isEqualTo("completed");
            Http.Answer join = http.post("/v1/users/ann/quests/team_week/join", "", service(app));
            assertThat(join.status()).as(join.body()).isEqualTo(409);
            assertThat(join.error()).isEqualTo("not_joinable");
            assertThat(http.get("/v1/teams/%01/quests", service(app)).status()).as("a malformed team id").isEqualTo(400);
            assertThat(http.get("/v1/teams/nobody/quests", service(app)).status()).isEqualTo(404);

            ludus.restart();
            assertThat(prizes(ludus.http(), app, "ann")).as("paid once, with nothing left in flight")
                    .containsExactly(25L);
        }
    }

    @Test
    void aTeamQuestRefusesWhatOnlyAUserQuestCanDo() {
        try (TestLudus ludus = TestLudus.start()) {
            TestApp app = ludus.createApp();
            new GameSetup(ludus.http(), app).metric("lessons").put("/v1/achievements/star", "{\"trigger\":{\"type\":\"api\"}}");
            String window = "\"window\":{\"type\":\"recurring\",\"period\":\"daily\"}";
            Map<String, String> refused = Map.of(
                    "{\"team\":true,\"steps\":[{\"achievement\":\"star\"}]," + window + "}", "steps[0].achievement",
                    "{\"team\":true,\"order\":\"ordered\",\"steps\":[{\"metric\":\"lessons\",\"total\":1}]," + window + "}",
                    "order",
                    "{\"team\":true,\"enrollment\":\"opt_in\",\"steps\":[{\"metric\":\"lessons\",\"total\":1}],"
                            + window + "}", "enrollment",
                    "{\"steps\":[{\"metric\":\"lessons\",\"total\":1}],\"window\":{\"type\":\"recurring\","
                            + "\"period\":\"daily\",\"timezone\":\"Europe/Oslo\"}}", "window.timezone",
                    "{\"team\":true,\"steps\":[{\"metric\":\"lessons\",\"total\":1}],\"window\":{\"type\":\"recurring\","
                            + "\"period\":\"daily\",\"timezone\":\"Mars/Olympus\"}}", "window.timezone");
            refused.forEach((body, field) -> {
                Http.Answer answer = ludus.http().send("PUT", "/v1/quests/bad", body, Http.bearer(app.tokenWith("admin")));
                assertThat(answer.status()).as(body + " -> " + answer.body()).isEqualTo(400);
                assertThat(answer.json().path("field").asText()).as(answer.body()).isEqualTo(field);
            });
            Http.Answer oslo = ludus.http().send("PUT", "/v1/quests/good", "{\"team\":true,\"steps\":[{\"metric\":"
                    + "\"lessons\",\"total\":1}],\"window\":{\"type\":\"recurring\",\"period\":\"weekly\","
                    + "\"timezone\":\"Europe/Oslo\"}}", Http.bearer(app.tokenWith("admin")));
            assertThat(oslo.status()).as(oslo.body()).isEqualTo(201);
            assertThat(oslo.json().path("window").path("timezone").asText()).isEqualTo("Europe/Oslo");
            assertThat(oslo.json().path("team").asBoolean()).isTrue();
            Http.Answer utc = ludus.http().send("PUT", "/v1/quests/plain", "{\"team\":true,\"steps\":[{\"metric\":"
                    + "\"lessons\",\"total\":1}],\"window\":{\"type\":\"recurring\",\"period\":\"daily\"}}",
                    Http.bearer(app.tokenWith("admin")));
            assertThat(utc.json().path("window").path("timezone").asText()).as(utc.body()).isEqualTo("UTC");
        }
    }

    @Test
    void aTeamCompletesOnceUnderConcurrentEvents() throws Exception {
        try (TestLudus ludus = TestLudus.start()) {
            completesOnce(ludus, i -> ludus.http());
        }
    }

    @Test
    void aTeamCompletesOnceUnderConcurrentEventsOnTwoNodes() throws Exception {
        assumeTrue(TestStore.postgresql(), "two nodes need a shared PostgreSQL; SQLite is single-node");
        try (TestLudus first = TestLudus.start()) {
            TestLudus second = first.secondNode();
            try {
                completesOnce(first, i -> i % 2 == 0 ? first.http() : second.http());
            } finally {
                second.stop();
            }
        }
    }

    /** 100 events of 10 members at once, each 1 lesson, on a step of 50: one completion, one prize each. */
    private static void completesOnce(TestLudus ludus, IntFunction<Http> node) throws Exception {
        ludus.clock().advanceTo(T0);
        TestApp app = ludus.createApp();
        Http http = ludus.http();
        game(ludus, app).put("/v1/quests/team_week", QUEST.replace("\"total\":10", "\"total\":50")
                .replace(",{\"key\":\"quiz\",\"metric\":\"quizzes\",\"total\":2}", ""));
        String[] users = new String[10];
        for (int i = 0; i < users.length; i++) {
            users[i] = "m" + i;
        }
        team(http, app, "crows", users);

        List<Http.Answer> answers = AtOnce.run(100, i -> node.apply(i).post("/v1/events",
                "{\"user_id\":\"m" + (i % 10) + "\",\"metric\":\"lessons\",\"value\":1}", service(app)));

        assertThat(answers).extracting(Http.Answer::status).containsOnly(201);
        for (String user : users) {
            awaitPaid(http, app, user);
        }
        ludus.restart();
        for (String user : users) {
            assertThat(prizes(ludus.http(), app, user)).as(user + " is paid once").containsExactly(25L);
        }
        assertThat(standing(ludus.http(), app, "crows").path("steps").get(0).path("progress").asLong())
                .as("every event counted").isEqualTo(100);
    }
}
