package dev.ludus.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.config.LudusConfig;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.WebhookReceiver;
import dev.ludus.testing.WebhookReceiver.Reply;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A receiver that does not answer holds at most its endpoint's share of a node's attempts: the
 * deliveries of another endpoint (of another application) go on beside it.
 */
class WebhookFairnessTest {

    private static final int CONCURRENCY = 4;
    private static final int PER_ENDPOINT = 2;

    @RegisterExtension
    static final LudusServer server = new LudusServer(TestLudus.builder().runningClock().settings(Map.of(
            LudusConfig.WEBHOOK_ALLOW_PRIVATE, "true",
            LudusConfig.WEBHOOK_TIMEOUT, "PT60S",
            LudusConfig.WEBHOOK_CONCURRENCY, Integer.toString(CONCURRENCY),
            LudusConfig.WEBHOOK_ENDPOINT_CONCURRENCY, Integer.toString(PER_ENDPOINT))));

    @Test
    void aStuckReceiverHoldsOnlyItsShareAndAnotherEndpointsDeliveriesGoOn() throws InterruptedException {
        CountDownLatch answer = new CountDownLatch(1);
        try (WebhookReceiver stuck = WebhookReceiver.start(); WebhookReceiver healthy = WebhookReceiver.start()) {
            stuck.respond(request -> {
                try {
                    answer.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Reply.ok();
            });
            try {
                TestApp slowApp = app(stuck);
                TestApp otherApp = app(healthy);
                // more deliveries than the node's attempts in all, to different users (none waits on another)
                for (int user = 0; user < CONCURRENCY * 2; user++) {
                    event(slowApp, "user-" + user);
                }
                stuck.await(PER_ENDPOINT);

                for (int user = 0; user < 5; user++) {
                    event(otherApp, "user-" + user);
                }
                assertThat(healthy.await(5)).hasSize(5);
                assertThat(stuck.received()).as("attempts in flight to the stuck endpoint").hasSize(PER_ENDPOINT);
            } finally {
                answer.countDown();
            }
            assertThat(stuck.await(CONCURRENCY * 2)).hasSize(CONCURRENCY * 2);
        }
    }

    @Test
    void aSlowEndpointDelaysNeitherAnotherEndpointOfItsApplicationNorTheEvents() {
        try (WebhookReceiver slow = WebhookReceiver.start(); WebhookReceiver fast = WebhookReceiver.start()) {
            slow.respond(request -> new Reply(200, Map.of(), "ok", java.time.Duration.ofSeconds(2)));
            TestApp app = app(slow);
            subscribe(app, fast);
            int events = 8;
            long started = System.nanoTime();
            for (int user = 0; user < events; user++) {
                event(app, "user-" + user);
            }
            long postedMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(fast.await(events)).as("every message at the fast endpoint").hasSize(events);
            long fastMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(slow.received().size()).as("the slow endpoint, %d attempts at a time of 2 s each",
                    PER_ENDPOINT).isLessThan(events);
            assertThat(fastMillis).as("the fast endpoint had them all before the slow one could have")
                    .isLessThan(events / PER_ENDPOINT * 2_000L);
            assertThat(postedMillis).as("the events were not held back for the slow endpoint").isLessThan(
                    events / PER_ENDPOINT * 2_000L);
            assertThat(server.http().get("/metrics").body()).contains("ludus_events_held_total 0.0");
            assertThat(slow.await(events)).hasSize(events);
        }
    }

    private static void subscribe(TestApp app, WebhookReceiver receiver) {
        Http.Answer created = server.http().post("/v1/webhooks", "{\"url\":\"" + receiver.url()
                + "\",\"event_types\":[\"points.changed\"]}", Http.bearer(app.tokenWith("admin")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static TestApp app(WebhookReceiver receiver) {
        TestApp app = server.ludus().createApp();
        new GameSetup(server.http(), app).metric("steps")
                .put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}");
        subscribe(app, receiver);
        return app;
    }

    private static void event(TestApp app, String user) {
        new GameSetup(server.http(), app).event(user, "steps", 1);
    }
}
