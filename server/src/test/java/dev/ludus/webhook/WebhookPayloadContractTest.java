package dev.ludus.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.WebhookReceiver;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A game that makes every per-user message type (achievement, points, level, the three streak
 * changes) and a ping, received by a {@link WebhookReceiver}, which holds each message to the
 * {@code webhooks} section of openapi.yaml. The leaderboard messages are covered by
 * {@code LeaderboardWebhookTest}, through the same receiver.
 */
class WebhookPayloadContractTest {

    @Test
    void everyUserMessageTypeMatchesTheWebhooksOfTheContract() {
        try (TestLudus ludus = TestLudus.start(Map.of("LUDUS_WEBHOOK_ALLOW_PRIVATE", "true"));
                WebhookReceiver receiver = WebhookReceiver.start()) {
            TestApp app = ludus.createApp();
            GameSetup setup = new GameSetup(ludus.http(), app).metric("steps")
                    .put("/v1/achievements/first_k", """
                            {"name":"First thousand","trigger":{"type":"metric","metric":"steps","threshold":1000}}""")
                    .put("/v1/points/xp", """
                            {"name":"Experience","triggers":[
                               {"type":"metric","metric":"steps","points":1,"per":100},
                               {"type":"achievement","achievement":"first_k","points":50}],
                             "levels":[{"name":"Rookie","threshold":0},{"name":"Walker","threshold":50}]}""")
                    .put("/v1/streaks/walk", """
                            {"name":"Daily walk","period":"daily","conditions":[{"metric":"steps","threshold":1000}],
                             "freezes":{"initial":1,"max":3}}""");
            Http.Answer endpoint = ludus.http().post("/v1/webhooks", "{\"url\":\"" + receiver.url() + "\",\"event_types\":"
                    + "[\"achievement.unlocked\",\"points.changed\",\"level.changed\",\"streak.extended\","
                    + "\"streak.lost\",\"streak.freeze_consumed\"]}", setup.admin());
            assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);

            LocalDate day = LocalDate.ofInstant(ludus.clock().instant(), ZoneOffset.UTC).plusDays(1);
            walk(ludus, app, day, 1000);             // extended, points, level, achievement
            walk(ludus, app, day.plusDays(2), 1000); // the missed day takes the freeze
            walk(ludus, app, day.plusDays(5), 1000); // two missed days, no freeze: lost, then extended
            Http.Answer ping = ludus.http().post("/v1/webhooks/" + endpoint.json().path("id").asText() + "/ping", "{}",
                    Http.bearer(app.tokenWith("admin")));
            assertThat(ping.status()).as(ping.body()).isEqualTo(200);

            Set<String> expected = Set.of("achievement.unlocked", "points.changed", "level.changed", "streak.extended",
                    "streak.freeze_consumed", "streak.lost", "webhook.ping");
            Set<String> types = new TreeSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!types.containsAll(expected) && System.nanoTime() < deadline) {
                sleep();
                receiver.received().forEach(message -> types.add(message.type()));
            }
            assertThat(types).containsAll(expected);
        }
    }

    private static void walk(TestLudus ludus, TestApp app, LocalDate day, int steps) {
        ludus.clock().advanceTo(day.atTime(9, 0).toInstant(ZoneOffset.UTC));
        Http.Answer answer = ludus.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"sam\",\"value\":" + steps
                + "}", Http.bearer(app.tokenWith("users:write")));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
