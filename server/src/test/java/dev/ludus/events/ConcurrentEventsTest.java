package dev.ludus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One user's events apply one at a time: no double award, no lost update, on one node or two. */
class ConcurrentEventsTest {

    private static final int EVENTS = 200;

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private static TestApp defineGame(Http http, TestApp app) {
        new GameSetup(http, app).metric("steps")
                .put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1,\"per\":10}],"
                        + "\"levels\":[{\"name\":\"L1\",\"threshold\":0},{\"name\":\"L2\",\"threshold\":15}]}")
                .put("/v1/achievements/hundred_fifty", """
                        {"trigger":{"type":"metric","metric":"steps","threshold":150},"reward":{"system":"xp","points":100}}""");
        return app;
    }

    @Test
    void parallelEventsForOneUserUnlockOnceAndLoseNothing() throws Exception {
        TestApp app = defineGame(server.http(), server.ludus().createApp());

        List<JsonNode> answers = sendConcurrently(List.of(server.http()), app);

        assertExactlyOnce(server.http(), app, answers);
    }

    @Test
    void parallelEventsOnTwoNodesUnlockOnceAndLoseNothing() throws Exception {
        assumeThat(TestStore.postgresql()).as("nodes share a store only on PostgreSQL").isTrue();
        TestApp app = defineGame(server.http(), server.ludus().createApp());
        TestLudus second = server.ludus().secondNode();
        try {
            List<JsonNode> answers = sendConcurrently(List.of(server.http(), second.http()), app);

            assertExactlyOnce(second.http(), app, answers);
        } finally {
            second.stop();
        }
    }

    private static List<JsonNode> sendConcurrently(List<Http> nodes, TestApp app) throws Exception {
        String[] token = Http.bearer(app.tokenWith("read", "write"));
        List<Future<Http.Answer>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < EVENTS; i++) {
                Http node = nodes.get(i % nodes.size());
                futures.add(pool.submit(() -> node.post("/v1/events", "{\"metric\":\"steps\",\"value\":1}", token)));
            }
        }
        List<JsonNode> answers = new ArrayList<>();
        for (Future<Http.Answer> future : futures) {
            Http.Answer answer = future.get();
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            answers.add(answer.json());
        }
        return answers;
    }

    private static void assertExactlyOnce(Http http, TestApp app, List<JsonNode> answers) {
        long unlocks = answers.stream().filter(answer -> !answer.path("achievements").isEmpty()).count();
        long levelUps = answers.stream().filter(answer -> !answer.path("levels").isEmpty()).count();
        List<Integer> totals = answers.stream().map(answer -> answer.path("metric").path("total").asInt()).sorted().toList();
        assertThat(unlocks).isEqualTo(1);
        assertThat(levelUps).isEqualTo(1);
        assertThat(totals).as("every event saw a distinct total: they applied one at a time")
                .doesNotHaveDuplicates().startsWith(1, 2, 3).endsWith(EVENTS);

        JsonNode progress = http.get("/v1/users/user_123/progress", Http.bearer(app.tokenWith("read"))).json();
        assertThat(progress.path("metrics").get(0).path("total").asInt()).isEqualTo(EVENTS);
        assertThat(progress.path("points").get(0).path("balance").asInt()).isEqualTo(EVENTS / 10 + 100);
        assertThat(progress.path("achievements").get(0).path("unlocked").asBoolean()).isTrue();
    }
}
