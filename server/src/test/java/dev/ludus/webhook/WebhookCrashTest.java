package dev.ludus.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.ServerProcess;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import dev.ludus.testing.WebhookReceiver;
import dev.ludus.testing.WebhookReceiver.Received;
import dev.ludus.testing.WebhookReceiver.Reply;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * At-least-once under SIGKILL: the server process is killed while a slow receiver holds deliveries
 * in flight; after a restart every message in the outbox arrives.
 */
class WebhookCrashTest {

    private static final int USERS = 8;
    private static final int EVENTS = 32;
    private static final Map<String, String> SETTINGS = Map.of("LUDUS_WEBHOOK_ALLOW_PRIVATE", "true",
            "LUDUS_WEBHOOK_TIMEOUT", "PT2S", "LUDUS_WEBHOOK_CONCURRENCY", "4");

    private final TestStore store = TestStore.create();
    private final WebhookReceiver receiver = WebhookReceiver.start();
    private ServerProcess server;

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (server != null) {
            server.kill();
        }
        receiver.close();
        store.drop();
    }

    @Test
    void everyOutboxedMessageIsDeliveredAfterSigkillMidDelivery() throws Exception {
        receiver.respond(request -> new Reply(200, Map.of(), "ok", Duration.ofMillis(500)));
        server = ServerProcess.start(store, SETTINGS);
        Http http = server.http();
        TestApp app = TestLudus.createApp(http, Clock.systemUTC());
        new GameSetup(http, app).metric("steps")
                .put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}");
        assertThat(http.post("/v1/webhooks", "{\"url\":\"" + receiver.url()
                + "\",\"event_types\":[\"points.changed\"]}", Http.bearer(app.tokenWith("admin"))).status())
                .isEqualTo(201);
        String[] token = Http.bearer(app.tokenWith("users:write"));
        for (int i = 0; i < EVENTS; i++) {
            Http.Answer answer = http.post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"u" + (i % USERS)
                    + "\",\"value\":1}", token);
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        }
        receiver.await(3);
        server.kill(); // SIGKILL while the receiver still holds requests
        server = null;
        long outboxed = store.count("SELECT COUNT(*) FROM webhook_messages");
        assertThat(outboxed).isEqualTo(EVENTS);
        assertThat(distinct()).as("not everything was delivered before the kill").isLessThan(EVENTS);

        receiver.respond(request -> Reply.ok());
        server = ServerProcess.start(store, SETTINGS);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (distinct() < outboxed && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(distinct()).isEqualTo(EVENTS);
        String unfinished = "SELECT COUNT(*) FROM webhook_deliveries WHERE status <> 'succeeded'";
        while (store.count(unfinished) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50); // the last success may arrive before it is recorded
        }
        assertThat(store.count(unfinished)).isZero();
    }

    private int distinct() {
        Set<String> ids = receiver.received().stream().map(Received::id).collect(Collectors.toSet());
        return ids.size();
    }
}
