package dev.ludus.quests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.AtOnce;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A quest's steps and prize at once: of 100 concurrent events of one user, exactly one completes the
 * step and one pays the prize; of 20 concurrent joins exactly one joins; on one node, and on two nodes
 * sharing one PostgreSQL.
 */
class QuestsConcurrencyTest {

    private static final int EVENTS = 100;
    private static final int JOINS = 20;

    @Test
    void aStepCompletesOnceUnderConcurrentEvents() throws Exception {
        try (TestLudus ludus = TestLudus.start()) {
            stepOnce(ludus, i -> ludus.http());
        }
    }

    @Test
    void aStepCompletesOnceUnderConcurrentEventsOnTwoNodes() throws Exception {
        assumeTrue(TestStore.postgresql(), "two nodes need a shared PostgreSQL; SQLite is single-node");
        try (TestLudus first = TestLudus.start()) {
            TestLudus second = first.secondNode();
            try {
                stepOnce(first, i -> i % 2 == 0 ? first.http() : second.http());
            } finally {
                second.stop();
            }
        }
    }

    @Test
    void concurrentJoinsJoinOnce() throws Exception {
        try (TestLudus ludus = TestLudus.start()) {
            joinOnce(ludus, i -> ludus.http());
        }
    }

    @Test
    void concurrentJoinsOnTwoNodesJoinOnce() throws Exception {
        assumeTrue(TestStore.postgresql(), "two nodes need a shared PostgreSQL; SQLite is single-node");
        try (TestLudus first = TestLudus.start()) {
            TestLudus second = first.secondNode();
            try {
                joinOnce(first, i -> i % 2 == 0 ? first.http() : second.http());
            } finally {
                second.stop();
            }
        }
    }

    private static void stepOnce(TestLudus ludus, IntFunction<Http> node) throws Exception {
        TestApp app = ludus.createApp();
        String[] service = Http.bearer(app.tokenWith("users:write", "users:read"));
        new GameSetup(ludus.http(), app).metric("lessons").put("/v1/points/xp", "{}").put("/v1/quests/half", """
                {"steps":[{"key":"read","metric":"lessons","total":50}],
                 "window":{"type":"recurring","period":"weekly"},"reward":{"system":"xp","points":7}}""");

        List<Http.Answer> answers = AtOnce.run(EVENTS, i -> node.apply(i).post("/v1/events",
                "{\"user_id\":\"ann\",\"metric\":\"lessons\",\"value\":1}", service));

        assertThat(answers).extracting(Http.Answer::status).containsOnly(201);
        long steps = answers.stream().flatMap(answer -> stream(answer.json().path("quests")))
                .filter(change -> change.path("change").asText().equals("step_completed")).count();
        long completions = answers.stream().flatMap(answer -> stream(answer.json().path("quests")))
                .filter(change -> change.path("change").asText().equals("completed")).count();
        assertThat(steps).as("the step completes once").isEqualTo(1);
        assertThat(completions).as("the quest completes once").isEqualTo(1);
        JsonNode standing = ludus.http().get("/v1/users/ann/quests", service).json();
        assertThat(standing.path("quests").get(0).path("steps").get(0).path("progress").asLong())
                .as("counting stops when the quest completes").isEqualTo(50);
        assertThat(standing.path("history")).hasSize(1);
        JsonNode ledger = ludus.http().get("/v1/users/ann/points/xp/history", service).json().path("items");
        assertThat(ledger).as("the prize is paid once").hasSize(1);
        assertThat(ledger.get(0).path("amount").asLong()).isEqualTo(7);
    }

    private static void joinOnce(TestLudus ludus, IntFunction<Http> node) throws Exception {
        TestApp app = ludus.createApp();
        String[] service = Http.bearer(app.tokenWith("users:write", "users:read"));
        new GameSetup(ludus.http(), app).metric("lessons").put("/v1/quests/club", """
                {"steps":[{"metric":"lessons","total":5}],"enrollment":"opt_in",
                 "window":{"type":"recurring","period":"daily"}}""");

        List<Http.Answer> answers = AtOnce.run(JOINS, i -> node.apply(i).post("/v1/users/bob/quests/club/join", "",
                service));

        assertThat(answers).filteredOn(answer -> answer.status() == 201).as("one join joins").hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.status() == 200).hasSize(JOINS - 1);
        assertThat(answers.stream().map(answer -> answer.json().path("quest").path("joined_at").asText()).distinct())
                .as("every answer names the same moment of joining").hasSize(1);
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
