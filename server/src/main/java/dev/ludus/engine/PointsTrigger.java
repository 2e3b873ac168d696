package dev.ludus.engine;

import java.util.Map;
import java.util.TreeMap;

/** What earns points in a {@link PointsSystem}. */
public sealed interface PointsTrigger {

    /** The points one firing of the trigger awards (negative takes points away). */
    long points();

    /**
     * {@code points} for every full {@code per} units of {@code metric} accumulated by this trigger,
     * counting only events whose attributes hold every entry of {@code filter}. Remainders carry over.
     */
    record PerMetric(String metric, long points, Amount per, Map<String, String> filter) implements PointsTrigger {

        public PerMetric {
            filter = Map.copyOf(filter);
            if (per.micros() <= 0) {
                throw new IllegalArgumentException("per must be positive");
            }
        }

        /**
         * The identity of the trigger's accumulator: the metric, the unit and the filter. Changing
         * only {@code points} keeps the accumulated units.
         */
        public String progressKey() {
            return "metric:" + metric + ":" + per + ":" + new TreeMap<>(filter);
        }

        boolean matches(String eventMetric, Map<String, String> attributes) {
            if (!metric.equals(eventMetric)) {
                return false;
            }
            for (Map.Entry<String, String> entry : filter.entrySet()) {
                if (!entry.getValue().equals(attributes.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code points} when {@code achievement} unlocks for the user. */
    record OnAchievement(String achievement, long points) implements PointsTrigger { }

    /**
     * {@code points} each time the user's run in {@code streak} grows to {@code length} periods
     * (again after a lost streak is rebuilt to that length).
     */
    record OnStreak(String streak, int length, long points) implements PointsTrigger {
        public OnStreak {
            if (length < 1) {
                throw new IllegalArgumentException("length must be at least 1");
            }
        }
    }
}
