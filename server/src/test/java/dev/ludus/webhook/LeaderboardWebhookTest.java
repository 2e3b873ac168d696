package dev.ludus.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code leaderboard.rank_changed} from writes, {@code leaderboard.period_finished} once a period ends. */
class LeaderboardWebhookTest {

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private TestLudus ludus;
    private TestApp app;

    @BeforeEach
    void start() {
        ludus = TestLudus.start(Map.of("LUDUS_WEBHOOK_ALLOW_PRIVATE", "true"));
        ludus.clock().advanceTo(Instant.parse("2037-12-20T10:00:00Z"));
        app = ludus.createApp();
        new GameSetup(ludus.http(), app).metric("steps")
                .put("/v1/leaderboards/daily", """
                        {"rank_by":{"type":"metric","metric":"steps"},"period":"daily","timezone":"UTC"}""");
        Http.Answer endpoint = ludus.http().post("/v1/webhooks", "{\"url\":\"" + receiver.url()
                + "\",\"event_types\":[\"leaderboard.rank_changed\",\"leaderboard.period_finished\"]}",
                Http.bearer(app.tokenWith("admin")));
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        receiver.close();
        ludus.close();
    }

    private void walk(String user, int steps) {
        Http.Answer answer = ludus.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"" + user
                + "\",\"value\":" + steps + "}", Http.bearer(app.tokenWith("users:write")));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    @Test
    void rankChangesAndTheFinishedPeriodAreAnnounced() {
        walk("ann", 10);
        walk("bob", 20);
        walk("ann", 15);
        List<WebhookReceiver.Received> ranks = receiver.await(3);
        assertThat(ranks).extracting(WebhookReceiver.Received::type).containsOnly("leaderboard.rank_changed");
        JsonNode last = ranks.get(2).json().path("data");
        assertThat(last.path("user_id").asText()).isEqualTo("ann");
        assertThat(last.path("leaderboard").path("key").asText()).isEqualTo("daily");
        assertThat(last.path("leaderboard").path("period").asText()).isEqualTo("2037-12-20");
        assertThat(last.path("leaderboard").path("previous_rank").asLong()).isEqualTo(2);
        assertThat(last.path("leaderboard").path("rank").asLong()).isEqualTo(1);

        walk("bob", 1);
        // the outbox is written in the event's transaction, so its count is final once the event answered
        assertThat(messages("leaderboard.rank_changed")).as("bob stays second: no rank change").isEqualTo(3);

        ludus.clock().advanceTo(Instant.parse("2037-12-21T00:00:01Z"));
        List<WebhookReceiver.Received> all = receiver.await(4);
        WebhookReceiver.Received finished = all.get(3);
        assertThat(finished.type()).isEqualTo("leaderboard.period_finished");
        JsonNode board = finished.json().path("data").path("leaderboard");
        assertThat(board.path("period").asText()).isEqualTo("2037-12-20");
        assertThat(Instant.parse(board.path("period_end").asText())).isEqualTo(Instant.parse("2037-12-21T00:00:00Z"));
        assertThat(board.path("top").get(0).path("user_id").asText()).isEqualTo("ann");
        assertThat(board.path("top").get(0).path("score").asText()).isEqualTo("25");
        assertThat(board.path("top").get(1).path("rank").asLong()).isEqualTo(2);

        // Markers: two boards whose day ends 11 and 12 hours after UTC's, defined now, so that their
        // 2037-12-20 (ann's walk after the restart) finishes later, each in a pass of the announcer
        // after the restart. Every pass also looks at the daily board's 2037-12-20 again; the second
        // marker's pass begins after the first marker's pass is over, and announcements (no user)
        // are delivered in commit order: an announcement made twice arrives before the second marker.
        daily("minus-11", "Etc/GMT+11");
        daily("minus-12", "Etc/GMT+12");
        ludus.restart();
        walk("ann", 1);
        ludus.clock().advanceTo(Instant.parse("2037-12-21T11:00:01Z"));
        awaitFinished("minus-11");
        ludus.clock().advanceTo(Instant.parse("2037-12-21T12:00:01Z"));
        awaitFinished("minus-12");
        assertThat(receiver.received()).as("announced once, even after a restart")
                .filteredOn(received -> received.type().equals("leaderboard.period_finished"))
                .extracting(received -> received.json().path("data").path("leaderboard").path("key").asText()
                        + " " + received.json().path("data").path("leaderboard").path("period").asText())
                .containsExactly("daily 2037-12-20", "minus-11 2037-12-20", "minus-12 2037-12-20");
    }

    private void daily(String key, String timezone) {
        new GameSetup(ludus.http(), app).put("/v1/leaderboards/" + key, """
                {"rank_by":{"type":"metric","metric":"steps"},"period":"daily","timezone":"%s"}""".formatted(timezone));
    }

    /** Waits (the announcer looks every few seconds) until the receiver got the finished period of {@code key}. */
    private void awaitFinished(String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (receiver.received().stream().noneMatch(received -> received.type().equals("leaderboard.period_finished")
                && received.json().path("data").path("leaderboard").path("key").asText().equals(key))) {
            assertThat(System.nanoTime()).as("the finished period of %s was not announced", key).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private long messages(String type) {
        return ludus.store().count("SELECT COUNT(*) FROM webhook_messages WHERE application_id = '"
                + app.applicationId() + "' AND type = '" + type + "'");
    }
}
