package dev.ludus.quests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Quests over HTTP on a real store of this run's kind: definitions and their 400s, progress in event
 * answers, prizes, joining, users' standings and history, and the {@code quest.*} webhooks.
 */
class QuestsApiTest {

    /** A Wednesday, 10:00 UTC. */
    private static final Instant T0 = Instant.parse("2037-12-16T10:00:00Z");
    private static final String WEEK = "{\"type\":\"fixed\",\"starts_at\":\"2037-12-14T00:00:00Z\","
            + "\"ends_at\":\"2037-12-21T00:00:00Z\"}";

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private TestLudus ludus;
    private TestApp app;
    private GameSetup game;
    private Http http;

    @BeforeEach
    void start() {
        ludus = TestLudus.start(Map.of("LUDUS_WEBHOOK_ALLOW_PRIVATE", "true"));
        ludus.clock().advanceTo(T0);
        http = ludus.http();
        app = ludus.createApp();
        game = new GameSetup(http, app).metric("lessons").metric("quizzes")
                .put("/v1/points/xp", "{\"name\":\"XP\"}")
                .put("/v1/achievements/scholar", "{\"trigger\":{\"type\":\"api\"}}");
    }

    @AfterEach
    void stop() {
        receiver.close();
        ludus.close();
    }

    private String[] admin() {
        return Http.bearer(app.tokenWith("admin"));
    }

    private String[] service() {
        return Http.bearer(app.tokenWith("users:write", "users:read"));
    }

    private JsonNode event(String user, String metric, long value) {
        Http.Answer answer = http.post("/v1/events", "{\"user_id\":\"" + user + "\",\"metric\":\"" + metric
                + "\",\"value\":" + value + "}", service());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    private Http.Answer put(String key, String body) {
        return http.send("PUT", "/v1/quests/" + key, body, admin());
    }

    private JsonNode standing(String user, String quest) {
        Http.Answer answer = http.get("/v1/users/" + user + "/quests", service());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        for (JsonNode item : answer.json().path("quests")) {
            if (item.path("key").asText().equals(quest)) {
                return item;
            }
        }
        throw new AssertionError("no quest '" + quest + "' in " + answer.body());
    }

    private static List<String> changes(JsonNode answer) {
        List<String> changes = new ArrayList<>();
        answer.path("quests").forEach(change -> changes.add(change.path("key").asText() + ":"
                + change.path("change").asText() + (change.path("step").isTextual() ? ":" + change.path("step").asText() : "")));
        return changes;
    }

    @Test
    void aQuestDefinitionReadsBackAndBadInputIsA400NamingTheField() {
        Http.Answer created = put("week", "{\"name\":\"Week\",\"steps\":[{\"metric\":\"lessons\",\"total\":3},"
                + "{\"key\":\"badge\",\"achievement\":\"scholar\"}],\"order\":\"ordered\",\"enrollment\":\"opt_in\","
                + "\"window\":" + WEEK + ",\"reward\":{\"system\":\"xp\",\"points\":50}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode quest = http.get("/v1/quests/week", admin()).json();
        assertThat(quest.path("steps").get(0).path("key").asText()).isEqualTo("step_1");
        assertThat(quest.path("steps").get(0).path("total").decimalValue()).isEqualByComparingTo("3");
        assertThat(quest.path("steps").get(1).path("achievement").asText()).isEqualTo("scholar");
        assertThat(quest.path("order").asText()).isEqualTo("ordered");
        assertThat(quest.path("enrollment").asText()).isEqualTo("opt_in");
        assertThat(quest.path("window").path("type").asText()).isEqualTo("fixed");
        assertThat(quest.path("reward").path("points").asLong()).isEqualTo(50);
        com.fasterxml.jackson.databind.node.ObjectNode definition = ((com.fasterxml.jackson.databind.node.ObjectNode) quest)
                .deepCopy().retain("name", "description", "steps", "order", "enrollment", "window", "reward", "team");
        Http.Answer same = put("week", definition.toString());
        assertThat(same.status()).as("a definition read back is a valid definition: " + same.body()).isIn(200, 201);

        Map<String, String> refused = Map.of(
                "{\"steps\":[{\"metric\":\"lessons\",\"total\":3}]}", "window",
                "{\"steps\":[],\"window\":" + WEEK + "}", "steps",
                "{\"steps\":[{\"metric\":\"lessons\",\"total\":0}],\"window\":" + WEEK + "}", "steps[0].total",
                "{\"steps\":[{\"metric\":\"lessons\",\"achievement\":\"scholar\"}],\"window\":" + WEEK + "}",
                "steps[0].metric",
                "{\"steps\":[{\"metric\":\"lessons\",\"total\":1}],\"window\":{\"type\":\"fixed\","
                        + "\"starts_at\":\"2037-12-21T00:00:00Z\",\"ends_at\":\"2037-12-14T00:00:00Z\"}}", "window.ends_at",
                "{\"steps\":[{\"metric\":\"lessons\",\"total\":1}],\"window\":{\"type\":\"recurring\",\"period\":\"hourly\"}}",
                "window.period",
                "{\"steps\":[{\"metric\":\"lessons\",\"total\":1}],\"window\":{\"type\":\"recurring\",\"period\":\"daily\","
                        + "\"week_start\":\"someday\"}}", "window.week_start",
                "{\"steps\":[{\"metric\":\"lessons\",\"total\":1}],\"window\":" + WEEK + ",\"reward\":{\"system\":\"xp\"}}",
                "reward.points",
                "{\"steps\":[{\"metric\":\"lessons\",\"total\":1},{\"key\":\"step_1\",\"metric\":\"quizzes\",\"total\":1}],"
                        + "\"window\":" + WEEK + "}", "steps[1].key",
                "{\"steps\":[{\"metric\":\"nope\",\"total\":1}],\"window\":" + WEEK + "}", "steps");
        refused.forEach((body, field) -> {
            Http.Answer answer = put("bad", body);
            assertThat(answer.status()).as(body + " -> " + answer.body()).isEqualTo(400);
            assertThat(answer.json().path("field").asText()).as(answer.body()).isEqualTo(field);
        });
        assertThat(http.get("/v1/quests/bad", admin()).status()).isEqualTo(404);
        assertThat(put("bad", "{\"steps\":[{\"metric\":\"nope\",\"total\":1}],\"window\":" + WEEK + "}").error())
                .isEqualTo("unknown_rule");
        Http.Answer inUse = http.send("DELETE", "/v1/achievements/scholar", null, admin());
        assertThat(inUse.status()).as(inUse.body()).isEqualTo(409);
        assertThat(inUse.error()).isEqualTo("rule_in_use");
    }

    @Test
    void eventsCompleteAQuestOnceTheAnswerSaysSoAndThePrizeIsPaid() {
        assertThat(put("week", "{\"steps\":[{\"key\":\"read\",\"metric\":\"lessons\",\"total\":3},"
                + "{\"key\":\"quiz\",\"metric\":\"quizzes\",\"total\":1}],\"window\":" + WEEK
                + ",\"reward\":{\"system\":\"xp\",\"points\":50,\"achievement\":\"scholar\"}}").status()).isEqualTo(201);

        JsonNode first = event("ann", "lessons", 2);
        JsonNode second = event("ann", "quizzes", 1);
        JsonNode third = event("ann", "lessons", 1);
        JsonNode fourth = event("ann", "lessons", 1);

        assertThat(changes(first)).isEmpty();
        assertThat(changes(second)).containsExactly("week:step_completed:quiz");
        assertThat(second.path("quests").get(0).path("steps_done").asInt()).isEqualTo(1);
        assertThat(second.path("quests").get(0).path("steps_total").asInt()).isEqualTo(2);
        assertThat(changes(third)).containsExactly("week:step_completed:read", "week:completed");
        JsonNode completed = third.path("quests").get(1);
        assertThat(Instant.parse(completed.path("window_start").asText())).isEqualTo(Instant.parse("2037-12-14T00:00:00Z"));
        assertThat(completed.path("reward").path("points").asLong()).isEqualTo(50);
        assertThat(third.path("points").get(0).path("awarded").asLong()).isEqualTo(50);
        assertThat(third.path("achievements").get(0).path("key").asText()).isEqualTo("scholar");
        assertThat(changes(fourth)).isEmpty();
        assertThat(fourth.path("points")).isEmpty();

        JsonNode standing = standing("ann", "week");
        assertThat(standing.path("status").asText()).isEqualTo("completed");
        assertThat(standing.path("steps_done").asInt()).isEqualTo(2);
        assertThat(standing.path("steps").get(0).path("progress").decimalValue()).isEqualByComparingTo("3");
        assertThat(standing.path("steps").get(0).path("completed").asBoolean()).isTrue();
        assertThat(Instant.parse(standing.path("completed_at").asText())).isEqualTo(T0);
        JsonNode history = http.get("/v1/users/ann/quests", service()).json().path("history");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("status").asText()).isEqualTo("completed");
        JsonNode ledger = http.get("/v1/users/ann/points/xp/history", service()).json().path("items");
        assertThat(ledger.get(0).path("source").asText()).isEqualTo("quest");
        assertThat(ledger.get(0).path("reference").asText()).isEqualTo("week");
    }

    @Test
    void anOptInQuestCountsAfterJoiningAndJoiningTwiceChangesNothing() {
        assertThat(put("club", "{\"steps\":[{\"metric\":\"lessons\",\"total\":2}],\"enrollment\":\"opt_in\","
                + "\"window\":" + WEEK + "}").status()).isEqualTo(201);
        event("bob", "lessons", 5);
        assertThat(standing("bob", "club").path("status").asText()).isEqualTo("not_joined");

        Http.Answer joined = http.post("/v1/users/bob/quests/club/join", "", service());
        Http.Answer again = http.post("/v1/users/bob/quests/club/join", "", service());

        assertThat(joined.status()).as(joined.body()).isEqualTo(201);
        assertThat(joined.json().path("quest").path("status").asText()).isEqualTo("active");
        assertThat(joined.json().path("quest").path("joined").asBoolean()).isTrue();
        assertThat(Instant.parse(joined.json().path("quest").path("joined_at").asText())).isEqualTo(T0);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("quest").path("joined_at").asText())
                .isEqualTo(joined.json().path("quest").path("joined_at").asText());
        assertThat(changes(event("bob", "lessons", 2))).containsExactly("club:step_completed:step_1", "club:completed");
        assertThat(http.post("/v1/users/bob/quests/nope/join", "", service()).status()).isEqualTo(404);

        ludus.clock().advanceTo(Instant.parse("2037-12-21T00:00:00Z"));
        Http.Answer ended = http.post("/v1/users/carl/quests/club/join", "", service());
        assertThat(ended.status()).as(ended.body()).isEqualTo(409);
        assertThat(ended.error()).isEqualTo("quest_ended");
        assertThat(http.get("/v1/users/carl/quests", service()).status()).as("a refused join creates no user")
                .isEqualTo(404);
    }

    @Test
    void completingAnAchievementThroughTheApiMovesTheQuestsThatNameItAndAJoinSaysWhatItPaid() {
        assertThat(put("badge", "{\"steps\":[{\"achievement\":\"scholar\"}],\"window\":" + WEEK
                + ",\"reward\":{\"system\":\"xp\",\"points\":20}}").status()).isEqualTo(201);
        assertThat(put("club", "{\"steps\":[{\"achievement\":\"scholar\"}],\"enrollment\":\"opt_in\",\"window\":"
                + WEEK + ",\"reward\":{\"system\":\"xp\",\"points\":5}}").status()).isEqualTo(201);
        event("fay", "lessons", 1);

        Http.Answer completed = http.post("/v1/users/fay/achievements/scholar/complete", "", service());
        Http.Answer joined = http.post("/v1/users/fay/quests/club/join", "", service());

        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        assertThat(changes(completed.json())).containsExactly("badge:step_completed:step_1", "badge:completed");
        assertThat(completed.json().path("points").get(0).path("awarded").asLong()).isEqualTo(20);
        assertThat(joined.status()).as(joined.body()).isEqualTo(201);
        assertThat(joined.json().path("changes")).extracting(change -> change.path("change").asText())
                .containsExactly("step_completed", "completed");
        assertThat(joined.json().path("points").get(0).path("awarded").asLong()).isEqualTo(5);
        assertThat(joined.json().path("points").get(0).path("balance").asLong()).isEqualTo(25);
        Http.Answer badFilter = http.get("/v1/users/fay/quests/history?quest=Not%20a%20key", service());
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.json().path("field").asText()).isEqualTo("quest");
    }

    @Test
    void aDailyQuestExpiresUnfinishedAndItsHistoryKeepsEveryWindow() {
        assertThat(put("daily", "{\"steps\":[{\"metric\":\"lessons\",\"total\":3}],"
                + "\"window\":{\"type\":\"recurring\",\"period\":\"daily\"}}").status()).isEqualTo(201);
        event("dee", "lessons", 3);
        ludus.clock().advance(Duration.ofDays(1));
        event("dee", "lessons", 1);
        ludus.clock().advance(Duration.ofDays(1));

        JsonNode third = event("dee", "lessons", 1);

        assertThat(changes(third)).containsExactly("daily:expired");
        assertThat(third.path("quests").get(0).path("steps_done").asInt()).isZero();
        JsonNode standing = standing("dee", "daily");
        assertThat(standing.path("status").asText()).isEqualTo("active");
        assertThat(standing.path("steps").get(0).path("progress").decimalValue()).isEqualByComparingTo("1");
        assertThat(Instant.parse(standing.path("window_start").asText())).isEqualTo(Instant.parse("2037-12-18T00:00:00Z"));
        JsonNode page = http.get("/v1/users/dee/quests/history?limit=1", service()).json();
        assertThat(page.path("items").get(0).path("status").asText()).isEqualTo("expired");
        assertThat(page.path("items").get(0).path("completed_at").isNull()).as(page.toString()).isTrue();
        JsonNode next = http.get("/v1/users/dee/quests/history?limit=1&cursor=" + page.path("next_cursor").asText(),
                service()).json();
        assertThat(next.path("items").get(0).path("status").asText()).isEqualTo("completed");
        assertThat(next.path("next_cursor").isNull()).isTrue();
        assertThat(http.get("/v1/users/dee/quests/history?quest=other", service()).json().path("items")).isEmpty();
    }

    @Test
    void everyQuestChangeIsAnnouncedByWebhook() {
        Http.Answer endpoint = http.post("/v1/webhooks", "{\"url\":\"" + receiver.url() + "\",\"event_types\":"
                + "[\"quest.step_completed\",\"quest.completed\",\"quest.expired\"]}", admin());
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
        assertThat(put("daily", "{\"name\":\"Daily\",\"steps\":[{\"key\":\"a\",\"metric\":\"lessons\",\"total\":1},"
                + "{\"key\":\"b\",\"metric\":\"quizzes\",\"total\":1}],\"window\":{\"type\":\"recurring\","
                + "\"period\":\"daily\"},\"reward\":{\"system\":\"xp\",\"points\":5}}").status()).isEqualTo(201);
        event("eve", "lessons", 1);
        event("eve", "quizzes", 1);
        ludus.clock().advance(Duration.ofDays(1));
        event("eve", "lessons", 1);
        ludus.clock().advance(Duration.ofDays(1));
        event("eve", "quizzes", 1);

        List<WebhookReceiver.Received> received = receiver.await(6);

        assertThat(received).extracting(WebhookReceiver.Received::type).containsExactly("quest.step_completed",
                "quest.step_completed", "quest.completed", "quest.step_completed", "quest.expired",
                "quest.step_completed");
        JsonNode completed = received.get(2).json().path("data");
        assertThat(completed.path("user_id").asText()).isEqualTo("eve");
        assertThat(completed.path("quest").path("key").asText()).isEqualTo("daily");
        assertThat(completed.path("quest").path("name").asText()).isEqualTo("Daily");
        assertThat(completed.path("quest").path("reward").path("points").asLong()).isEqualTo(5);
        JsonNode expired = received.get(4).json().path("data").path("quest");
        assertThat(expired.path("steps_done").asInt()).isEqualTo(1);
        assertThat(expired.path("steps_total").asInt()).isEqualTo(2);
        assertThat(Instant.parse(expired.path("window_end").asText())).isEqualTo(Instant.parse("2037-12-18T00:00:00Z"));
        assertThat(received.get(0).json().path("data").path("quest").path("step").asText()).isEqualTo("a");
    }
}
