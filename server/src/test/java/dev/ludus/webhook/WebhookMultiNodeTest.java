package dev.ludus.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import dev.ludus.testing.WebhookReceiver;
import dev.ludus.testing.WebhookReceiver.Received;
import dev.ludus.testing.WebhookReceiver.Reply;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Two nodes on one PostgreSQL: each delivery attempt is claimed by one node only. */
class WebhookMultiNodeTest {

    @Test
    void twoNodesNeverDeliverTheSameAttemptTwice() throws Exception {
        assumeTrue(TestStore.postgresql(), "two nodes need a shared PostgreSQL; SQLite is single-node");
        try (WebhookReceiver receiver = WebhookReceiver.start();
                TestLudus first = TestLudus.start(Map.of("LUDUS_WEBHOOK_ALLOW_PRIVATE", "true"))) {
            TestLudus second = first.secondNode();
            try {
                receiver.respond(request -> new Reply(200, Map.of(), "ok", Duration.ofMillis(5)));
                TestApp app = first.createApp();
                new GameSetup(first.http(), app).metric("steps")
                        .put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}");
                assertThat(first.http().post("/v1/webhooks", "{\"url\":\"" + receiver.url()
                        + "\",\"event_types\":[\"points.changed\"]}", Http.bearer(app.tokenWith("admin"))).status())
                        .isEqualTo(201);
                String[] token = Http.bearer(app.tokenWith("users:write"));
                int events = 300;
                for (int i = 0; i < events; i++) {
                    Http http = i % 2 == 0 ? first.http() : second.http();
                    Http.Answer answer = http.post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"u" + (i % 30)
                            + "\",\"value\":1}", token);
                    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
                }
                receiver.await(events);
                // drained: every delivery succeeded and is claimed by no node, and each request the
                // receiver got is logged (an attempt is logged after its answer)
                String open = "SELECT COUNT(*) FROM webhook_deliveries WHERE status <> 'succeeded' OR claimed_by IS NOT NULL";
                String logged = "SELECT COUNT(*) FROM webhook_attempts";
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while ((first.store().count(open) > 0 || first.store().count(logged) < receiver.received().size())
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(first.store().count(open)).as("deliveries not done").isZero();

                Map<String, Long> receipts = receiver.received().stream()
                        .collect(Collectors.groupingBy(Received::id, Collectors.counting()));
                assertThat(receipts).hasSize(events);
                assertThat(receipts.values()).as("receipts per message").containsOnly(1L);
                assertThat(first.store().count(logged)).as("attempts, one per delivery").isEqualTo(events);
            } finally {
                second.stop();
            }
        }
    }
}
