package dev.ludus.engine;

import java.time.Instant;
import java.util.Map;

/**
 * What the engine knows about one user: metric totals, points per system, unlocked achievements,
 * standing in each streak and each quest. Absent entries are zero, empty, locked and not started.
 */
public record UserState(Map<String, Amount> totals, Map<String, Balance> points, Map<String, Unlock> unlocked,
        Map<String, StreakState> streaks, Map<String, QuestState> quests) {

    public static final UserState EMPTY = new UserState(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    public UserState {
        totals = Map.copyOf(totals);
        points = Map.copyOf(points);
        unlocked = Map.copyOf(unlocked);
        streaks = Map.copyOf(streaks);
        quests = Map.copyOf(quests);
    }

    /** A state without quests. */
    public UserState(Map<String, Amount> totals, Map<String, Balance> points, Map<String, Unlock> unlocked,
            Map<String, StreakState> streaks) {
        this(totals, points, unlocked, streaks, Map.of());
    }

    /** A state without streaks. */
    public UserState(Map<String, Amount> totals, Map<String, Balance> points, Map<String, Unlock> unlocked) {
        this(totals, points, unlocked, Map.of());
    }

    /** The user's standing in {@code rule}: as stored, or the rule's starting state. */
    public StreakState streak(StreakRule rule) {
        StreakState state = streaks.get(rule.key());
        return state != null ? state : StreakState.initial(rule);
    }

    /** The user's standing in a quest: as stored, or not started. */
    public QuestState quest(String key) {
        return quests.getOrDefault(key, QuestState.NONE);
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
