package dev.ludus.engine;

import java.time.Instant;
import java.util.Map;

/**
 * What the engine knows about one user: metric totals, points per system, unlocked achievements.
 * Absent entries are zero, empty and locked.
 */
public record UserState(Map<String, Amount> totals, Map<String, Balance> points, Map<String, Unlock> unlocked) {

    public static final UserState EMPTY = new UserState(Map.of(), Map.of(), Map.of());

    public UserState {
        totals = Map.copyOf(totals);
        points = Map.copyOf(points);
        unlocked = Map.copyOf(unlocked);
    }

    public Amount total(String metric) {
        return totals.getOrDefault(metric, Amount.ZERO);
    }

    public Balance balance(String system) {
        return points.getOrDefault(system, Balance.EMPTY);
    }

    /**
     * A user's standing in one points system.
     *
     * @param balance the points held
     * @param progress units accumulated per {@link PointsTrigger.PerMetric#progressKey()}
     */
    public record Balance(long balance, Map<String, Amount> progress) {
        public static final Balance EMPTY = new Balance(0, Map.of());

        public Balance {
            progress = Map.copyOf(progress);
        }
    }

    /** When an achievement unlocked and whether it was granted by a backfill. */
    public record Unlock(Instant at, boolean backfilled) { }
}
