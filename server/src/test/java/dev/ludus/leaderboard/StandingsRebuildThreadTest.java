package dev.ludus.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.store.Database;
import dev.ludus.testing.TestStore;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The event writer never rebuilds a leaderboard index: a doubted index answers nothing to the writer
 * (which then counts ranks in the store), and the keeper rebuilds it on its own thread.
 */
class StandingsRebuildThreadTest {

    @Test
    void aDoubtedIndexIsRebuiltByTheKeeperAndNeverOnTheWritersThread() throws InterruptedException {
        TestStore store = TestStore.create();
        Database database = store.open();
        RecordingRankings rankings = new RecordingRankings();
        Standings standings = new Standings(database.jdbi(), rankings);
        try {
            Optional<Ranking> first = standings.ready("app_1", "walkers", "all");
            assertThat(first).as("never used by this process: in doubt until compared with the store").isEmpty();
            assertThat(rankings.rebuiltOn).as("nothing rebuilt on the asking thread").isEmpty();

            standings.start(Duration.ofMillis(20));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (standings.ready("app_1", "walkers", "all").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }

            assertThat(standings.ready("app_1", "walkers", "all")).as("rebuilt, then served").isPresent();
            assertThat(rankings.rebuiltOn).containsExactly("ludus-leaderboard-keeper");
        } finally {
            standings.close();
            database.close();
            store.drop();
        }
    }

    /** Memory rankings that note which thread rebuilt an index. */
    private static final class RecordingRankings implements Rankings {
        private final MemoryRankings rankings = new MemoryRankings();
        private final Set<String> rebuiltOn = ConcurrentHashMap.newKeySet();

        @Override
        public Ranking ranking(String name) {
            Ranking ranking = rankings.ranking(name);
            return new Ranking() {
                @Override
                public void put(Standing standing) {
                    ranking.put(standing);
                }

                @Override
                public void putAll(Collection<Standing> standings) {
                    ranking.putAll(standings);
                }

                @Override
                public void remove(String userId) {
                    ranking.remove(userId);
                }

                @Override
                public Optional<Placed> place(String userId) {
                    return ranking.place(userId);
                }

                @Override
                public long size() {
                    return ranking.size();
                }

                @Override
                public long countAbove(long score) {
                    return ranking.countAbove(score);
                }

                @Override
                public List<Placed> range(long offset, int limit) {
                    return ranking.range(offset, limit);
                }

                @Override
                public long rebuild(Supplier<? extends Collection<Standing>> stored) {
                    rebuiltOn.add(Thread.currentThread().getName());
                    return ranking.rebuild(stored);
                }

                @Override
                public boolean loaded() {
                    return ranking.loaded();
                }

                @Override
                public void markLoaded() {
                    ranking.markLoaded();
                }

                @Override
                public void clear() {
                    ranking.clear();
                }
            };
        }

        @Override
        public void forget(String name) {
            rankings.forget(name);
        }

        @Override
        public void close() {
            rankings.close();
        }
    }
}
