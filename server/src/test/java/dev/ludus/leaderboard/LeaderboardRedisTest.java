package dev.ludus.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.config.LudusConfig;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code LUDUS_REDIS_URL} the indexes are Redis sorted sets: two nodes on one store and one Redis
 * agree on ranks, whichever node took the writes. Runs against {@code LUDUS_TEST_REDIS_URL} or the
 * local Redis.
 */
class LeaderboardRedisTest {

    private static final String REDIS = Optional.ofNullable(System.getenv("LUDUS_TEST_REDIS_URL"))
            .orElse("redis://127.0.0.1:6379");

    private TestLudus first;
    private TestLudus second;
    private TestApp app;

    @BeforeEach
    void startTwoNodes() {
        first = TestLudus.start(Map.of(LudusConfig.REDIS_URL, REDIS));
        second = first.secondNode();
        app = first.createApp();
        new Board(first.http(), app).setup().metric("steps")
                .put("/v1/leaderboards/walkers", "{\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"}}");
    }

    @AfterEach
    void stop() {
        second.stop();
        first.close();
    }

    @Test
    void twoNodesAgreeOnRanks() {
        Board one = new Board(first.http(), app);
        Board two = new Board(second.http(), app);
        one.event("alice", "steps", 10);
        first.clock().advance(Duration.ofSeconds(1));
        two.event("bob", "steps", 20);
        first.clock().advance(Duration.ofSeconds(1));
        one.event("carol", "steps", 20);
        two.event("alice", "steps", 15);

        assertThat(one.users("/v1/leaderboards/walkers")).containsExactly("alice", "bob", "carol");
        assertThat(two.users("/v1/leaderboards/walkers")).containsExactly("alice", "bob", "carol");
        assertThat(two.ranks("/v1/leaderboards/walkers")).containsExactly(1L, 2L, 2L);
        assertThat(one.ok("/v1/leaderboards/walkers/users/bob").path("rank").asLong()).isEqualTo(2);
        assertThat(two.ok("/v1/leaderboards/walkers?around=carol&radius=1").path("entries")).hasSize(2);
    }

    @Test
    void aRestartedNodeStillSeesTheBoard() {
        Board one = new Board(first.http(), app);
        one.event("alice", "steps", 10);
        one.event("bob", "steps", 5);

        first.restart();

        assertThat(new Board(first.http(), app).users("/v1/leaderboards/walkers")).containsExactly("alice", "bob");
    }
}
