package dev.ludus.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.config.LudusConfig;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.WebhookReceiver;
import dev.ludus.testing.WebhookReceiver.Received;
import dev.ludus.testing.WebhookReceiver.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node that delivers more slowly than its events make messages holds new events back while its
 * deliveries to a prompt receiver lag, and every user's messages still arrive in the order of their
 * changes.
 */
class WebhookBackpressureTest {

    private static final int USERS = 4;
    private static final int EVENTS_PER_USER = 40;
    private static final int WARM_UP = 25;

    @RegisterExtension
    static final LudusServer server = new LudusServer(TestLudus.builder().runningClock().settings(Map.of(
            LudusConfig.WEBHOOK_ALLOW_PRIVATE, "true",
            // one attempt at a time on the node: the deliveries fall behind the events
            LudusConfig.WEBHOOK_CONCURRENCY, "1",
            LudusConfig.WEBHOOK_ENDPOINT_CONCURRENCY, "1",
            LudusConfig.WEBHOOK_MAX_LAG, "PT0.05S")));

    @Test
    void eventsWaitForLaggingDeliveriesAndEachUsersMessagesArriveInOrder() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            // prompt, but slower than the events: 5 ms an answer, one at a time
            receiver.respond(request -> new Reply(200, Map.of(), "ok", Duration.ofMillis(5)));
            TestApp app = server.ludus().createApp();
            new GameSetup(server.http(), app).metric("steps")
                    .put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}");
            Http.Answer created = server.http().post("/v1/webhooks", "{\"url\":\"" + receiver.url()
                    + "\",\"event_types\":[\"points.changed\"]}", Http.bearer(app.tokenWith("admin")));
            assertThat(created.status()).as(created.body()).isEqualTo(201);

            // the receiver's answers make it prompt, and the node remembers it when nothing waits
            GameSetup warming = new GameSetup(server.http(), app);
            for (int event = 0; event < WARM_UP; event++) {
                warming.event("warm", "steps", 1);
            }
            awaitAll(receiver, WARM_UP);

            ExecutorService users = Executors.newFixedThreadPool(USERS);
            try {
                List<Future<?>> posted = new ArrayList<>();
                for (int user = 0; user < USERS; user++) {
                    String id = "user-" + user;
                    posted.add(users.submit(() -> {
                        GameSetup setup = new GameSetup(server.http(), app);
                        for (int event = 0; event < EVENTS_PER_USER; event++) {
                            setup.event(id, "steps", 1);
                        }
                    }));
                }
                for (Future<?> each : posted) {
                    each.get();
                }
            } finally {
                users.shutdown();
            }

            List<Received> all = awaitAll(receiver, WARM_UP + USERS * EVENTS_PER_USER);
            for (int user = 0; user < USERS; user++) {
                String id = "user-" + user;
                List<Long> balances = all.stream()
                        .filter(message -> message.json().path("data").path("user_id").asText().equals(id))
                        .map(message -> message.json().path("data").path("points").path("balance").asLong())
                        .toList();
                assertThat(balances).as("%s's balances, in the order they arrived", id)
                        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, EVENTS_PER_USER).boxed().toList());
            }
            String metrics = server.http().get("/metrics").body();
            assertThat(counter(metrics, "ludus_events_held_total")).as("events held back").isPositive();
            assertThat(counter(metrics, "ludus_events_held_seconds_total")).isPositive();
        }
    }

    private static List<Received> awaitAll(WebhookReceiver receiver, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (receiver.received().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(receiver.received()).hasSize(count);
        return receiver.received();
    }

    private static double counter(String metrics, String name) {
        Matcher value = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(metrics);
        assertThat(value.find()).as("%s in /metrics", name).isTrue();
        return Double.parseDouble(value.group(1));
    }
}
