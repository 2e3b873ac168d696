package dev.ludus.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.leaderboard.Ranking.Placed;
import dev.ludus.leaderboard.Ranking.Standing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link MemoryRanking} against a naive model: a list sorted after every change, ranks counted by scanning. */
class MemoryRankingModelTest {

    /** The obvious implementation of the contract, O(n log n) per question. */
    private static final class SortedListModel {
        private final Map<String, Standing> byUser = new HashMap<>();

        void put(Standing standing) {
            Standing held = byUser.get(standing.userId());
            if (held == null || held.version() < standing.version()) {
                byUser.put(standing.userId(), standing);
            }
        }

        void remove(String userId) {
            byUser.remove(userId);
        }

        List<Placed> all() {
            List<Standing> sorted = new ArrayList<>(byUser.values());
            sorted.sort(Comparator.comparingLong(Standing::score).reversed()
                    .thenComparingLong(Standing::reachedAt)
                    .thenComparing(Standing::userId, OrderTree::compareCodePoints));
            List<Placed> placed = new ArrayList<>();
            for (int position = 0; position < sorted.size(); position++) {
                Standing standing = sorted.get(position);
                long higher = sorted.stream().filter(other -> other.score() > standing.score()).count();
                placed.add(new Placed(standing, higher + 1, position));
            }
            return placed;
        }

        Optional<Placed> place(String userId) {
            return all().stream().filter(placed -> placed.standing().userId().equals(userId)).findFirst();
        }

        List<Placed> range(long offset, int limit) {
            List<Placed> all = all();
            int from = (int) Math.min(offset, all.size());
            return all.subList(from, (int) Math.min(all.size(), from + (long) limit));
        }
    }

    @Test
    void agreesWithSortedListModelOverRandomOperations() {
        for (long seed = 1; seed <= 3; seed++) {
            runAgainstModel(new SplittableRandom(seed), 4_000);
        }
    }

    private static void runAgainstModel(SplittableRandom random, int operations) {
        MemoryRanking ranking = new MemoryRanking();
        SortedListModel model = new SortedListModel();
        for (int step = 0; step < operations; step++) {
            String userId = "user-" + random.nextInt(150);
            int operation = random.nextInt(100);
            if (operation < 60) {
                // few distinct scores and times, so ties on both happen often
                Standing standing = new Standing(userId, random.nextInt(-5, 20), random.nextInt(4), random.nextInt(12));
                ranking.put(standing);
                model.put(standing);
            } else if (operation < 70) {
                ranking.remove(userId);
                model.remove(userId);
            } else if (operation < 85) {
                assertThat(ranking.place(userId)).as("place at step %d", step).isEqualTo(model.place(userId));
            } else if (operation < 99) {
                long offset = random.nextInt(160);
                int limit = random.nextInt(30);
                assertThat(ranking.range(offset, limit)).as("range at step %d", step).isEqualTo(model.range(offset, limit));
            } else {
                List<Standing> batch = new ArrayList<>();
                for (int i = random.nextInt(50); i > 0; i--) {
                    batch.add(new Standing("user-" + random.nextInt(150), random.nextInt(-5, 20), random.nextInt(4),
                            random.nextInt(12)));
                }
                ranking.putAll(batch);
                batch.forEach(model::put);
            }
            assertThat(ranking.size()).isEqualTo(model.byUser.size());
        }
        assertThat(ranking.range(0, Integer.MAX_VALUE)).isEqualTo(model.all());
    }
}
