package dev.ludus.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.WebhookReceiver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The backfills a dry run counts and does not run: the achievement's (users who qualify now) and a new
 * all-time leaderboard's; no grant, no score, no webhook.
 */
class RuleDryRunBackfillTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer(Map.of("LUDUS_WEBHOOK_ALLOW_PRIVATE", "true"));

    private static final String HUNDRED = """
            {"trigger":{"type":"metric","metric":"steps","threshold":100},"reward":{"system":"xp","points":20}}""";

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private GameSetup setup;
    private String[] service;

    @BeforeEach
    void createApp() {
        TestApp app = server.ludus().createApp();
        setup = new GameSetup(server.http(), app).metric("steps")
                .put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}");
        service = Http.bearer(app.tokenWith("users:read", "users:write"));
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private void steps(String user, int value) {
        Http.Answer answer = server.http().post("/v1/events",
                "{\"metric\":\"steps\",\"user_id\":\"" + user + "\",\"value\":" + value + "}", service);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private Http.Answer put(String path, String json) {
        return server.http().send("PUT", path, json, setup.admin());
    }

    private Http.Answer dryRun(String path, String json) {
        Http.Answer answer = put(path + "?dry_run=true", json);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private JsonNode progress(String user) {
        return server.http().get("/v1/users/" + user + "/progress", service).json();
    }

    @Test
    void achievementDryRunCountsTheUsersWhoQualifyAndGrantsNothing() {
        steps("ann", 500);
        steps("bob", 50);
        steps("cat", 100);

        JsonNode preview = dryRun("/v1/achievements/hundred", HUNDRED).json();

        assertThat(preview.path("result").asText()).isEqualTo("created");
        assertThat(preview.path("backfilled_users").asInt()).isEqualTo(2);
        assertThat(preview.path("completions").asInt()).isEqualTo(2);
        assertThat(preview.path("rarity").decimalValue()).isEqualByComparingTo("0.6667");
        assertThat(server.http().get("/v1/achievements/hundred", setup.admin()).status()).isEqualTo(404);
        assertThat(progress("ann").path("achievements")).isEmpty();
        assertThat(progress("ann").path("points").get(0).path("balance").asInt()).isEqualTo(500);

        Http.Answer real = put("/v1/achievements/hundred", HUNDRED);
        assertThat(real.json().path("backfilled_users").asInt()).isEqualTo(2);
    }

    @Test
    void achievementDryRunOfALowerThresholdCountsOnlyTheUsersItWouldNowCover() {
        setup.put("/v1/achievements/hundred", HUNDRED);
        steps("ann", 500);
        steps("bob", 50);
        steps("cat", 80);
        String lowered = HUNDRED.replace("100", "60");

        JsonNode preview = dryRun("/v1/achievements/hundred", lowered).json();

        assertThat(preview.path("result").asText()).isEqualTo("changed");
        assertThat(preview.path("changed_members")).hasSize(1);
        assertThat(preview.path("changed_members").get(0).asText()).isEqualTo("trigger");
        assertThat(preview.path("trigger").path("threshold").asInt()).isEqualTo(60);
        assertThat(preview.path("backfilled_users").asInt()).isEqualTo(1);
        assertThat(preview.path("completions").asInt()).isEqualTo(2);
        assertThat(server.http().get("/v1/achievements/hundred", setup.admin()).json().path("trigger")
                .path("threshold").asInt()).isEqualTo(100);
        assertThat(progress("cat").path("achievements").get(0).path("unlocked").asBoolean()).isFalse();

        assertThat(put("/v1/achievements/hundred", lowered).json().path("backfilled_users").asInt()).isEqualTo(1);
    }

    @Test
    void achievementCompletedThroughTheApiBackfillsNobody() {
        steps("ann", 500);

        JsonNode preview = dryRun("/v1/achievements/verified", "{\"trigger\":{\"type\":\"api\"}}").json();

        assertThat(preview.path("backfilled_users").asInt()).isZero();
    }

    @Test
    void leaderboardDryRunCountsTheUsersItsBackfillWouldAddAndWritesNoScore() {
        steps("ann", 5);
        steps("bob", 7);
        String walkers = "{\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"}}";

        JsonNode allTime = dryRun("/v1/leaderboards/walkers", walkers).json();
        JsonNode daily = dryRun("/v1/leaderboards/daily",
                "{\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"},\"period\":\"daily\"}").json();

        assertThat(allTime.path("backfilled_users").asInt()).isEqualTo(2);
        assertThat(daily.path("backfilled_users").asInt()).isZero();
        assertThat(server.http().get("/v1/leaderboards/walkers", service).status()).isEqualTo(404);
        Http.Answer real = put("/v1/leaderboards/walkers", walkers);
        assertThat(real.json().path("backfilled_users").asInt()).isEqualTo(2);
        assertThat(server.http().get("/v1/leaderboards/walkers", service).json().path("entries")
                .findValuesAsText("user_id")).containsExactly("bob", "ann");
    }

    @Test
    void achievementDryRunSendsNoWebhook() {
        Http.Answer endpoint = server.http().post("/v1/webhooks", "{\"url\":\"" + receiver.url()
                + "\",\"event_types\":[\"achievement.unlocked\",\"points.changed\"]}", setup.admin());
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
        steps("ann", 500);
        receiver.await(1);

        dryRun("/v1/achievements/hundred", HUNDRED);
        steps("zed", 1);
        List<WebhookReceiver.Received> received = receiver.await(2);

        assertThat(received).extracting(WebhookReceiver.Received::type)
                .containsExactly("points.changed", "points.changed");
        assertThat(received.get(1).json().path("data").path("user_id").asText()).isEqualTo("zed");
    }
}
