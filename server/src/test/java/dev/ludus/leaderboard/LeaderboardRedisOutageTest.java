package dev.ludus.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.config.LudusConfig;
import dev.ludus.testing.Http;
import dev.ludus.testing.RedisProcess;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import redis.clients.jedis.Protocol;

/**
 * The Redis index is a cache of the stored scores: events never wait for it or fail with it, and
 * whatever happens to Redis (stopped, restarted empty or from an older snapshot, refusing writes),
 * leaderboard reads come back to what the store holds. Each test runs its own {@code redis-server}.
 */
@EnabledIf("dev.ludus.testing.RedisProcess#available")
class LeaderboardRedisOutageTest {

    private static final String BOARD = "/v1/leaderboards/walkers";
    /** How long the index may take to come back to the store once Redis answers again. */
    private static final Duration CONVERGENCE = Duration.ofSeconds(30);

    private RedisProcess redis;
    private TestLudus ludus;
    private Board board;
    private TestApp app;

    @BeforeEach
    void start() {
        redis = RedisProcess.start();
        ludus = TestLudus.start(Map.of(LudusConfig.REDIS_URL, redis.url()));
        app = ludus.createApp();
        board = new Board(ludus.http(), app);
        board.setup().metric("steps")
                .put("/v1/leaderboards/walkers", "{\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"}}");
    }

    @AfterEach
    void stop() {
        ludus.close();
        redis.close();
    }

    @Test
    void eventsAnswerWithStoreRanksWhileRedisIsDownAndTheBoardCatchesUpWhenItComesBackEmpty() {
        board.event("alice", "steps", 10);
        board.event("bob", "steps", 5);
        assertThat(board.users(BOARD)).containsExactly("alice", "bob");

        redis.stop();

        JsonNode carol = board.event("carol", "steps", 20).path("leaderboards").get(0);
        assertThat(carol.path("rank").asLong()).isEqualTo(1);
        assertThat(carol.path("previous_rank").isNull()).isTrue();
        JsonNode bob = board.event("bob", "steps", 30).path("leaderboards").get(0);
        assertThat(bob.path("rank").asLong()).isEqualTo(1);
        assertThat(bob.path("previous_rank").asLong()).isEqualTo(3);
        Http.Answer read = board.get(BOARD);
        assertThat(read.status()).as(read.body()).isEqualTo(503);
        assertThat(read.json().path("error").asText()).isEqualTo("leaderboard_unavailable");
        assertThat(read.header("Retry-After")).isPresent();
        assertThat(metric("ludus_leaderboard_index_available")).as("the outage is visible in the metrics").isZero();

        redis.restart();

        awaitBoard(List.of("bob:35", "carol:20", "alice:10"));
        assertThat(board.ok(BOARD + "/users/alice").path("rank").asLong()).isEqualTo(3);
        assertThat(metric("ludus_leaderboard_index_available")).isEqualTo(1);
    }

    @Test
    void everyEventSentWhileRedisStopsAndComesBackAnswers2xxAndTheBoardEndsRight() throws Exception {
        int users = 20;
        int perUser = 15;
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Future<?>> senders = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int thread = 0; thread < 4; thread++) {
                int first = thread;
                senders.add(pool.submit(() -> {
                    for (int i = first; i < users * perUser; i += 4) {
                        int user = i % users;
                        // Board.event asserts 201: a Redis outage must never fail an event
                        board.event("u" + user, "steps", user + 1);
                        sent.incrementAndGet();
                    }
                }));
            }
            awaitSent(sent, users * perUser / 3);
            redis.stop();
            awaitSent(sent, 2 * users * perUser / 3);
            assertThat(metric("ludus_leaderboard_index_available")).as("events went on during the outage").isZero();
            redis.restart();
            for (java.util.concurrent.Future<?> sender : senders) {
                sender.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> expected = new ArrayList<>();
        for (int user = users - 1; user >= 0; user--) {
            expected.add("u" + user + ":" + perUser * (user + 1));
        }
        awaitBoard(expected);
    }

    /** Waits until {@code count} events have been answered. */
    private static void awaitSent(java.util.concurrent.atomic.AtomicInteger sent, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(CONVERGENCE);
        while (sent.get() < count) {
            assertThat(Instant.now()).as("%s events answered within %s", count, CONVERGENCE).isBefore(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void boardMatchesTheStoreAfterRedisRestartsFromAnOlderSnapshot() {
        board.event("alice", "steps", 10);
        board.event("bob", "steps", 20);
        assertThat(board.users(BOARD)).containsExactly("bob", "alice");
        redis.save();
        board.event("carol", "steps", 30);
        board.event("alice", "steps", 25);
        board.event("dave", "steps", 1);
        assertThat(board.users(BOARD)).containsExactly("alice", "carol", "bob", "dave");

        redis.restart();

        awaitBoard(List.of("alice:35", "carol:30", "bob:20", "dave:1"));
        assertThat(board.ok(BOARD + "/users/dave").path("participants").asLong()).isEqualTo(4);
        assertThat(metric("ludus_leaderboard_index_repairs_total")).as("the repair is counted").isGreaterThanOrEqualTo(1);
        JsonNode erin = board.event("erin", "steps", 25).path("leaderboards").get(0);
        assertThat(erin.path("rank").asLong()).isEqualTo(3);
    }

    @Test
    void aNodeStartedAfterRedisWentBackToAnOlderSnapshotRepairsTheBoard() {
        board.event("alice", "steps", 10);
        board.event("bob", "steps", 20);
        assertThat(board.users(BOARD)).containsExactly("bob", "alice");
        redis.save();
        board.event("carol", "steps", 30);
        board.event("alice", "steps", 25);
        ludus.ludus().close();

        redis.restart();
        TestLudus next = ludus.secondNode();
        try {
            awaitBoard(new Board(next.http(), app), List.of("alice:35", "carol:30", "bob:20"));
        } finally {
            next.stop();
        }
    }

    @Test
    void eventsAnswerWhileRedisRefusesWritesForLackOfMemory() {
        board.event("alice", "steps", 10);
        assertThat(board.users(BOARD)).containsExactly("alice");

        redis.configSet("maxmemory", "1");
        board.event("bob", "steps", 20);
        board.event("carol", "steps", 5);
        redis.configSet("maxmemory", "0");

        awaitBoard(List.of("bob:20", "alice:10", "carol:5"));
    }

    @Test
    void eventsAnswerWhileRedisIsAReadOnlyReplica() {
        board.event("alice", "steps", 10);
        assertThat(board.users(BOARD)).containsExactly("alice");

        // a replica of a master that does not exist keeps its data and refuses writes (READONLY)
        redis.command(Protocol.Command.REPLICAOF, "127.0.0.1", "1");
        board.event("bob", "steps", 20);
        board.event("alice", "steps", 15);
        redis.command(Protocol.Command.REPLICAOF, "NO", "ONE");

        awaitBoard(List.of("alice:25", "bob:20"));
    }

    @Test
    void eventsDoNotWaitForARedisThatHoldsItsAnswers() {
        board.event("alice", "steps", 10);
        assertThat(board.users(BOARD)).containsExactly("alice");

        // every script (the index's lookups and updates) waits 3 s; the client gives up after 2 s
        redis.command(Protocol.Command.CLIENT, "PAUSE", "3000", "WRITE");
        long started = System.nanoTime();
        JsonNode bob = board.event("bob", "steps", 20).path("leaderboards").get(0);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("the event waited for Redis").isLessThan(Duration.ofMillis(1500));
        assertThat(bob.path("rank").asLong()).isEqualTo(1);
        awaitBoard(List.of("bob:20", "alice:10"));
    }

    /** Reads the board until it lists exactly {@code expected} ({@code user:score}, in order), or fails at the deadline. */
    private void awaitBoard(List<String> expected) {
        awaitBoard(board, expected);
    }

    /** {@link #awaitBoard(List)} through the node {@code board} talks to. */
    private static void awaitBoard(Board board, List<String> expected) {
        Instant deadline = Instant.now().plus(CONVERGENCE);
        List<String> seen = List.of();
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            Http.Answer answer = board.get(BOARD + "?limit=100");
            last = answer.status() + " " + answer.body();
            if (answer.status() == 200) {
                seen = lines(answer.json());
                if (seen.equals(expected) && answer.json().path("participants").asLong() == expected.size()) {
                    return;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        assertThat(seen).as("the board did not come back to the store within %s; last answer: %s", CONVERGENCE, last)
                .isEqualTo(expected);
    }

    private static List<String> lines(JsonNode page) {
        List<String> lines = new ArrayList<>();
        page.path("entries").forEach(entry ->
                lines.add(entry.path("user_id").asText() + ":" + entry.path("score").decimalValue().stripTrailingZeros()
                        .toPlainString()));
        return lines;
    }

    /** The value of a metric without labels in {@code /metrics}. */
    private double metric(String name) {
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?m)^" + name + " (\\S+)$")
                .matcher(ludus.http().get("/metrics").body());
        assertThat(line.find()).as("%s in /metrics", name).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
