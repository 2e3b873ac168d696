package dev.ludus.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.leaderboard.Ranking.Placed;
import dev.ludus.leaderboard.Ranking.Standing;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Ranking} must do. A subclass supplies a fresh, empty ranking per test and
 * disposes of it afterwards.
 */
abstract class RankingContract {

    protected Ranking ranking;

    /** An empty ranking of its own for one test. */
    protected abstract Ranking newRanking();

    @BeforeEach
    void startEmpty() {
        ranking = newRanking();
    }

    static Standing standing(String userId, long score, long reachedAt, long version) {
        return new Standing(userId, score, reachedAt, version);
    }

    private List<String> order() {
        return ranking.range(0, Integer.MAX_VALUE).stream().map(placed -> placed.standing().userId()).toList();
    }

    @Test
    void rebuildMakesTheIndexHoldWhatTheStoreHolds() {
        ranking.put(standing("alice", 10, 1, 1));
        ranking.put(standing("bob", 20, 1, 2));
        ranking.put(standing("gone", 5, 1, 1));

        long changed = ranking.rebuild(() -> List.of(standing("alice", 40, 2, 3), standing("bob", 20, 1, 2),
                standing("carol", 30, 1, 1)));

        assertThat(changed).isPositive();
        assertThat(order()).containsExactly("alice", "carol", "bob");
        assertThat(ranking.place("alice").orElseThrow().standing()).isEqualTo(standing("alice", 40, 2, 3));
        assertThat(ranking.loaded()).isTrue();
    }

    @Test
    void rebuildKeepsALivePutNewerThanWhatItRead() {
        ranking.put(standing("alice", 10, 1, 3));

        ranking.rebuild(() -> {
            ranking.put(standing("alice", 99, 5, 5));
            return List.of(standing("alice", 50, 4, 4), standing("bob", 20, 1, 1));
        });

        assertThat(ranking.place("alice").orElseThrow().standing()).isEqualTo(standing("alice", 99, 5, 5));
        assertThat(order()).containsExactly("alice", "bob");
    }

    @Test
    void rebuildFollowsAStoreThatWentBackInVersions() {
        ranking.put(standing("alice", 99, 5, 5));

        ranking.rebuild(() -> List.of(standing("alice", 10, 1, 2)));

        assertThat(ranking.place("alice").orElseThrow().standing()).isEqualTo(standing("alice", 10, 1, 2));
    }

    @Test
    void ordersByScoreThenEarlierReachedAtThenUserId() {
        ranking.put(standing("carol", 50, 300, 1));
        ranking.put(standing("bob", 50, 100, 1));
        ranking.put(standing("alice", 90, 500, 1));
        ranking.put(standing("dave", 50, 100, 1));
        ranking.put(standing("erin", -5, 0, 1));

        assertThat(order()).containsExactly("alice", "bob", "dave", "carol", "erin");
        assertThat(ranking.size()).isEqualTo(5);
    }

    @Test
    void equalScoresShareTheirRankAndTheNextRankSkips() {
        ranking.put(standing("first", 30, 10, 1));
        ranking.put(standing("late", 20, 20, 1));
        ranking.put(standing("early", 20, 10, 1));
        ranking.put(standing("last", 10, 10, 1));

        assertThat(ranking.range(0, 10)).containsExactly(
                new Placed(standing("first", 30, 10, 1), 1, 0),
                new Placed(standing("early", 20, 10, 1), 2, 1),
                new Placed(standing("late", 20, 20, 1), 2, 2),
                new Placed(standing("last", 10, 10, 1), 4, 3));
        assertThat(ranking.place("late")).hasValue(new Placed(standing("late", 20, 20, 1), 2, 2));
        assertThat(ranking.place("last")).hasValue(new Placed(standing("last", 10, 10, 1), 4, 3));
    }

    @Test
    void countAboveCountsStrictlyHigherScores() {
        ranking.put(standing("first", 30, 10, 1));
        ranking.put(standing("late", 20, 20, 1));
        ranking.put(standing("early", 20, 10, 1));
        ranking.put(standing("low", -5, 10, 1));

        assertThat(ranking.countAbove(31)).isZero();
        assertThat(ranking.countAbove(30)).isZero();
        assertThat(ranking.countAbove(29)).isEqualTo(1);
        assertThat(ranking.countAbove(20)).isEqualTo(1);
        assertThat(ranking.countAbove(19)).isEqualTo(3);
        assertThat(ranking.countAbove(-5)).isEqualTo(3);
        assertThat(ranking.countAbove(-6)).isEqualTo(4);
        assertThat(ranking.countAbove(Long.MIN_VALUE)).isEqualTo(4);
        assertThat(ranking.countAbove(Long.MAX_VALUE)).isZero();
    }

    @Test
    void pageStartingInsideATieCarriesTheSharedRank() {
        ranking.put(standing("a", 9, 1, 1));
        ranking.put(standing("b", 5, 1, 1));
        ranking.put(standing("c", 5, 2, 1));
        ranking.put(standing("d", 5, 3, 1));

        assertThat(ranking.range(2, 2)).extracting(Placed::rank, Placed::position)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 2L), org.assertj.core.groups.Tuple.tuple(2L, 3L));
    }

    @Test
    void newerVersionMovesTheUser() {
        ranking.put(standing("u1", 10, 1, 1));
        ranking.put(standing("u2", 20, 1, 1));
        ranking.put(standing("u1", 30, 5, 2));

        assertThat(order()).containsExactly("u1", "u2");
        assertThat(ranking.place("u1")).hasValue(new Placed(standing("u1", 30, 5, 2), 1, 0));
        assertThat(ranking.size()).isEqualTo(2);
    }

    @Test
    void olderOrEqualVersionIsIgnored() {
        ranking.put(standing("u1", 10, 1, 5));
        ranking.put(standing("u1", 99, 1, 4));
        ranking.put(standing("u1", 98, 1, 5));

        assertThat(ranking.place("u1")).hasValue(new Placed(standing("u1", 10, 1, 5), 1, 0));
        assertThat(ranking.size()).isEqualTo(1);
    }

    @Test
    void versionsAboveTwoToTheFiftyThreeStillCompareExactly() {
        long big = (1L << 60) + 1;
        ranking.put(standing("u1", 10, 1, big));
        ranking.put(standing("u1", 20, 1, big - 1));
        ranking.put(standing("u1", 30, 1, big + 1));

        assertThat(ranking.place("u1").orElseThrow().standing()).isEqualTo(standing("u1", 30, 1, big + 1));
    }

    @Test
    void removeTakesTheUserOutAndClosesTheGap() {
        ranking.put(standing("a", 3, 1, 1));
        ranking.put(standing("b", 2, 1, 1));
        ranking.put(standing("c", 1, 1, 1));

        ranking.remove("b");
        ranking.remove("nobody");

        assertThat(ranking.place("b")).isEmpty();
        assertThat(ranking.place("c")).hasValue(new Placed(standing("c", 1, 1, 1), 2, 1));
        assertThat(ranking.size()).isEqualTo(2);
    }

    @Test
    void placeOfAbsentUserIsEmpty() {
        assertThat(ranking.place("ghost")).isEmpty();
        ranking.put(standing("someone", 1, 1, 1));
        assertThat(ranking.place("ghost")).isEmpty();
    }

    @Test
    void rangeAtTheEdges() {
        for (int i = 0; i < 5; i++) {
            ranking.put(standing("u" + i, 100 - i, 1, 1));
        }

        assertThat(ranking.range(5, 10)).isEmpty();
        assertThat(ranking.range(500, 10)).isEmpty();
        assertThat(ranking.range(0, 0)).isEmpty();
        assertThat(ranking.range(3, 100)).extracting(placed -> placed.standing().userId()).containsExactly("u3", "u4");
        assertThat(ranking.range(4, 1)).containsExactly(new Placed(standing("u4", 96, 1, 1), 5, 4));
        assertThatThrownBy(() -> ranking.range(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ranking.range(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyRankingHasNothing() {
        assertThat(ranking.size()).isZero();
        assertThat(ranking.range(0, 10)).isEmpty();
        assertThat(ranking.loaded()).isFalse();
    }

    @Test
    void putAllAppliesEachWithTheVersionGuard() {
        ranking.put(standing("kept", 50, 1, 9));
        List<Standing> batch = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            batch.add(standing("user-" + i, i % 100, i, 1));
        }
        batch.add(standing("kept", 1, 1, 3));

        ranking.putAll(batch);

        assertThat(ranking.size()).isEqualTo(2_501);
        assertThat(ranking.place("kept").orElseThrow().standing()).isEqualTo(standing("kept", 50, 1, 9));
        assertThat(ranking.range(0, 1).getFirst().standing()).isEqualTo(standing("user-99", 99, 99, 1));
        assertThat(ranking.place("user-0").orElseThrow().rank()).isEqualTo(2_501 - 25 + 1);
    }

    @Test
    void markLoadedHoldsUntilClear() {
        ranking.put(standing("u", 1, 1, 1));
        ranking.markLoaded();
        assertThat(ranking.loaded()).isTrue();

        ranking.clear();

        assertThat(ranking.loaded()).isFalse();
        assertThat(ranking.size()).isZero();
        assertThat(ranking.place("u")).isEmpty();
        ranking.put(standing("u", 1, 1, 1));
        assertThat(ranking.size()).isEqualTo(1);
    }

    @Test
    void userIdsWithOddCharactersRoundTrip() {
        List<String> ids = List.of("team:red:1", "naïve-ユーザー", "emoji-\uD83D\uDE00", "x".repeat(255), "a b\tc",
                "\uFFFD-replacement", "");
        for (String id : ids) {
            ranking.put(standing(id, 7, 7, 1));
        }

        assertThat(order()).containsExactly("", "a b\tc", "emoji-\uD83D\uDE00", "naïve-ユーザー", "team:red:1",
                "x".repeat(255), "\uFFFD-replacement");
        for (String id : ids) {
            assertThat(ranking.place(id).orElseThrow().standing().userId()).isEqualTo(id);
        }
    }

    @Test
    void userIdsOrderByCodePointNotByUtf16Unit() {
        ranking.put(standing("\uD83D\uDE00", 1, 1, 1));
        ranking.put(standing("\uFF21", 1, 1, 1));
        ranking.put(standing("z", 1, 1, 1));

        assertThat(order()).containsExactly("z", "\uFF21", "\uD83D\uDE00");
    }

    @Test
    void concurrentPutsEndConsistent() throws Exception {
        int threads = 8;
        int users = 100;
        int rounds = 10;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int offset = thread;
                done.add(pool.submit(() -> {
                    for (int round = 0; round < rounds; round++) {
                        for (int user = 0; user < users; user++) {
                            long version = (long) round * threads + ((user + offset) % threads);
                            ranking.put(standing("u" + user, version * 3 + user % 7, version, version));
                        }
                        ranking.place("u" + round);
                        ranking.range(round, 10);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }

        long last = (long) rounds * threads - 1;
        List<Placed> all = ranking.range(0, Integer.MAX_VALUE);
        assertThat(all).hasSize(users);
        assertThat(ranking.size()).isEqualTo(users);
        for (Placed placed : all) {
            int user = Integer.parseInt(placed.standing().userId().substring(1));
            assertThat(placed.standing()).isEqualTo(standing("u" + user, last * 3 + user % 7, last, last));
        }
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i - 1).standing().score()).isGreaterThanOrEqualTo(all.get(i).standing().score());
        }
    }
}
