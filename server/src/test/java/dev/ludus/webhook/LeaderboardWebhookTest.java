package dev.ludus.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.WebhookReceiver;
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
        assertThat(receiver.received()).as("bob stays second: no rank change").hasSize(3);

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
        ludus.restart();
        walk("ann", 1);
        receiver.await(5);
        assertThat(receiver.received()).as("announced once, even after a restart")
                .filteredOn(received -> received.type().equals("leaderboard.period_finished")).hasSize(1);
    }
}
