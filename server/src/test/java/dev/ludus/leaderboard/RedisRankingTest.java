package dev.ludus.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import dev.ludus.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import redis.clients.jedis.RedisClient;

/**
 * The contract on a real Redis: {@code LUDUS_TEST_REDIS_URL}, else {@code redis://127.0.0.1:6379}.
 * Every test has keys of its own under a random prefix and deletes them afterwards.
 */
@EnabledIf("dev.ludus.testing.TestRedis#available")
class RedisRankingTest extends RankingContract {

    static final String URL = TestRedis.url();

    private final String prefix = "ludus-test:" + UUID.randomUUID() + ":";
    private final RedisRankings rankings = new RedisRankings(URL, prefix);

    @Override
    protected Ranking newRanking() {
        return rankings.ranking("app_1:weekly:2026-W48");
    }

    @AfterEach
    void deleteKeys() {
        rankings.forget("app_1:weekly:2026-W48");
        rankings.forget("other");
        rankings.close();
        assertThat(keysUnderPrefix()).isEmpty();
    }

    private List<String> keysUnderPrefix() {
        try (RedisClient raw = RedisClient.create(java.net.URI.create(URL))) {
            return List.copyOf(raw.keys(prefix + "*"));
        }
    }

    @Test
    void keepsItsKeysUnderThePrefix() {
        ranking.put(standing("u", 1, 1, 1));
        ranking.markLoaded();

        assertThat(keysUnderPrefix()).containsExactlyInAnyOrder(prefix + "app_1:weekly:2026-W48:order",
                prefix + "app_1:weekly:2026-W48:users", prefix + "app_1:weekly:2026-W48:loaded");
    }

    @Test
    void sameNameGivesSameRankingAndOtherNamesAreApart() {
        ranking.put(standing("u", 1, 1, 1));

        assertThat(rankings.ranking("app_1:weekly:2026-W48")).isSameAs(ranking);
        assertThat(rankings.ranking("other").size()).isZero();
    }

    @Test
    void rebuildOfAnIndexThatMatchesTheStoreWritesNothing() {
        ranking.rebuild(() -> List.of(standing("alice", 10, 1, 1), standing("bob", 20, 1, 2)));

        assertThat(ranking.rebuild(() -> List.of(standing("alice", 10, 1, 1), standing("bob", 20, 1, 2)))).isZero();
    }

    @Test
    void anotherNodeSeesTheSameOrder() {
        try (RedisRankings otherNode = new RedisRankings(URL, prefix)) {
            Ranking there = otherNode.ranking("app_1:weekly:2026-W48");
            ranking.put(standing("a", 5, 1, 1));
            there.put(standing("b", 9, 1, 1));
            there.put(standing("a", 1, 1, 1));
            there.markLoaded();

            assertThat(ranking.range(0, 10)).extracting(placed -> placed.standing().userId()).containsExactly("b", "a");
            assertThat(ranking.place("a").orElseThrow().standing().score()).isEqualTo(5);
            assertThat(ranking.loaded()).isTrue();
        }
    }

    @Test
    void forgetDeletesTheKeysForEveryNode() {
        ranking.put(standing("u", 1, 1, 1));
        ranking.markLoaded();

        rankings.forget("app_1:weekly:2026-W48");

        assertThat(keysUnderPrefix()).isEmpty();
        assertThat(rankings.ranking("app_1:weekly:2026-W48").loaded()).isFalse();
    }

    @Test
    void scoresBeyondTwoToTheFiftyThreeAreRefused() {
        long limit = 1L << 53;
        ranking.put(standing("top", limit, 1, 1));
        ranking.put(standing("bottom", -limit, 1, 1));
        ranking.put(standing("next", limit - 1, 1, 1));

        assertThat(ranking.range(0, 3)).extracting(placed -> placed.standing().score())
                .containsExactly(limit, limit - 1, -limit);
        assertThatThrownBy(() -> ranking.put(standing("over", limit + 1, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2^53");
        assertThatThrownBy(() -> ranking.putAll(List.of(standing("fine", 1, 1, 1), standing("under", Long.MIN_VALUE, 1, 1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ranking.place("fine")).isEmpty();
    }

    @Test
    void negativeAndLargeReachedAtKeepTheirOrder() {
        ranking.put(standing("late", 1, Long.MAX_VALUE, 1));
        ranking.put(standing("epoch", 1, 0, 1));
        ranking.put(standing("before", 1, -1, 1));
        ranking.put(standing("earliest", 1, Long.MIN_VALUE, 1));

        assertThat(ranking.range(0, 4)).extracting(placed -> placed.standing().userId())
                .containsExactly("earliest", "before", "epoch", "late");
        assertThat(ranking.place("earliest").orElseThrow().standing().reachedAt()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void survivesRedisForgettingTheScript() {
        try (RedisClient raw = RedisClient.create(java.net.URI.create(URL))) {
            raw.scriptFlush();
        }
        ranking.put(standing("u", 3, 1, 1));
        assertThat(ranking.place("u")).isPresent();

        try (RedisClient raw = RedisClient.create(java.net.URI.create(URL))) {
            raw.scriptFlush();
        }
        ranking.putAll(List.of(standing("v", 4, 1, 1)));
        assertThat(ranking.size()).isEqualTo(2);
    }

    @Test
    void userIdWithLoneSurrogateIsRefusedRatherThanConfusedWithAnother() {
        ranking.put(standing("a?", 1, 1, 1));

        assertThatThrownBy(() -> ranking.put(standing("a\uD800", 2, 1, 1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(ranking.place("a\uD800")).isEmpty();
        ranking.remove("a\uDC00");
        assertThat(ranking.place("a?")).isPresent();
    }

    @Test
    void unreachableRedisStopsStartWithOneLineNamingTheVariable() {
        assertThatThrownBy(() -> new RedisRankings("redis://:s3cret@127.0.0.1:1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("LUDUS_REDIS_URL")
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("s3cret")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> new RedisRankings("http://127.0.0.1:6379"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("LUDUS_REDIS_URL");
    }
}
