package dev.ludus.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.ServerProcess;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durability under SIGKILL: clients send events at full speed, each with an idempotency key; the
 * server process is killed at a random moment, restarted, and so on. Afterwards every acknowledged
 * event is there exactly once with the answer it was acknowledged with, and once every client has
 * resent what it never saw acknowledged (as a client would), every total is exactly the sum of the
 * events sent. Runs on the store of the execution (SQLite file or PostgreSQL schema).
 *
 * <p>Size: {@code -Dludus.crash.rounds} kills (default 2, small enough for CI); raise it for a
 * longer manual run, e.g. {@code -Dludus.crash.rounds=30}. The seed is printed and can be fixed
 * with {@code -Dludus.crash.seed}.
 */
class CrashSafetyTest {

    private static final Logger LOG = LoggerFactory.getLogger(CrashSafetyTest.class);
    private static final int CLIENTS = 16;
    private static final int USERS = 20;
    private static final int ACKNOWLEDGED_PER_ROUND = 300;

    private final TestStore store = TestStore.create();
    private Process server;
    private Http http;

    /** One event as a client sent it, and the event id of its 201 if it got one. */
    private record Sent(String key, String user, int value, String body) { }

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.destroyForcibly();
        }
        if (http != null) {
            http.close();
        }
        store.drop();
    }

    @Test
    void everyAcknowledgedEventSurvivesSigkillExactlyOnce() throws Exception {
        int rounds = Integer.getInteger("ludus.crash.rounds", 2);
        long seed = Long.getLong("ludus.crash.seed", System.nanoTime());
        LOG.info("crash test: {} rounds, seed {}", rounds, seed);
        Random random = new Random(seed);

        start();
        TestApp app = TestLudus.createApp(http, Clock.systemUTC());
        new GameSetup(http, app).metric("steps")
                .put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}")
                .put("/v1/achievements/fifty", "{\"trigger\":{\"type\":\"metric\",\"metric\":\"steps\",\"threshold\":50}}");
        String[] token = Http.bearer(app.token().scopes("users:read", "users:write").expiresAt(
                System.currentTimeMillis() / 1000 + 3600).build());

        Map<String, Sent> sent = new ConcurrentHashMap<>();
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        for (int round = 0; round < rounds; round++) {
            AtomicBoolean stop = new AtomicBoolean();
            Http client = http;
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                long clientSeed = random.nextLong();
                clients.add(Thread.ofVirtual().start(() -> send(client, token, new Random(clientSeed), stop, sent,
                        acknowledged)));
            }
            int before = acknowledged.size();
            long busyBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (acknowledged.size() < before + ACKNOWLEDGED_PER_ROUND && System.nanoTime() < busyBy) {
                Thread.sleep(10);
            }
            Thread.sleep(random.nextInt(300)); // a random moment while the clients run at full speed
            server.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful close
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            stop.set(true);
            for (Thread thread : clients) {
                thread.join();
            }
            http.close();
            start();
        }
        assertThat(acknowledged).as("the clients got answers before the kills").isNotEmpty();

        for (Sent event : sent.values()) {
            Http.Answer answer = http.post("/v1/events", event.body(), withKey(token, event.key()));
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            String acknowledgedId = acknowledged.get(event.key());
            if (acknowledgedId != null) {
                assertThat(answer.json().path("idempotent_replayed").asBoolean()).as("acknowledged %s", event.key())
                        .isTrue();
                assertThat(answer.json().path("event").path("id").asText()).isEqualTo(acknowledgedId);
            }
        }

        Map<String, Integer> expected = new HashMap<>();
        sent.values().forEach(event -> expected.merge(event.user(), event.value(), Integer::sum));
        for (Map.Entry<String, Integer> user : expected.entrySet()) {
            JsonNode progress = http.get("/v1/users/" + user.getKey() + "/progress", token).json();
            assertThat(progress.path("metrics").get(0).path("total").asInt()).as(user.getKey()).isEqualTo(user.getValue());
            assertThat(progress.path("points").get(0).path("balance").asInt()).as(user.getKey()).isEqualTo(user.getValue());
            assertThat(progress.path("achievements").get(0).path("unlocked").asBoolean()).isEqualTo(user.getValue() >= 50);
        }
        assertThat(store.count("SELECT COUNT(*) FROM events")).isEqualTo(sent.size());
        assertThat(store.count("SELECT COUNT(*) FROM idempotency_keys")).isEqualTo(sent.size());
        LOG.info("crash test: {} events sent, {} acknowledged before a kill or after", sent.size(), acknowledged.size());
    }

    private static void send(Http client, String[] token, Random random, AtomicBoolean stop, Map<String, Sent> sent,
            Map<String, String> acknowledged) {
        while (!stop.get()) {
            String key = UUID.randomUUID().toString();
            String user = "u" + random.nextInt(USERS);
            int value = 1 + random.nextInt(9);
            String body = "{\"metric\":\"steps\",\"user_id\":\"" + user + "\",\"value\":" + value + "}";
            sent.put(key, new Sent(key, user, value, body));
            try {
                Http.Answer answer = client.post("/v1/events", body, withKey(token, key));
                if (answer.status() == 201) {
                    acknowledged.put(key, answer.json().path("event").path("id").asText());
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                return; // the server is gone
            }
        }
    }

    private static String[] withKey(String[] token, String key) {
        return new String[] {token[0], token[1], "Idempotency-Key", key};
    }

    private void start() throws IOException, InterruptedException {
        ServerProcess started = ServerProcess.start(store, Map.of());
        server = started.process();
        http = started.http();
    }
}
