package dev.ludus.engine;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A streak: consecutive periods (days or weeks, in each user's timezone) in which the user met the
 * conditions, protected by freezes.
 *
 * @param weekStart the first day of a week, for weekly streaks
 * @param all true when every condition must hold in a period, false when any one suffices
 */
public record StreakRule(String key, LocalizedText name, Optional<LocalizedText> description, StreakPeriod.Length length,
        DayOfWeek weekStart, List<Condition> conditions, boolean all, Freezes freezes) {

    /** A streak with a plain name and description. */
    public StreakRule(String key, String name, Optional<String> description, StreakPeriod.Length length,
            DayOfWeek weekStart, List<Condition> conditions, boolean all, Freezes freezes) {
        this(key, LocalizedText.plain(name), description.map(LocalizedText::plain), length, weekStart, conditions, all, freezes);
    }

    public StreakRule {
        conditions = List.copyOf(conditions);
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("a streak needs at least one condition");
        }
    }

    /** The period total of {@code metric} must reach {@code threshold}. */
    public record Condition(String metric, Amount threshold) { }

    /**
     * Freezes: {@code initial} to start with, one more every {@code earnEvery} counted periods (0:
     * never), at most {@code max} held.
     */
    public record Freezes(int initial, int earnEvery, int max) {
        public static final Freezes NONE = new Freezes(0, 0, 0);

        public Freezes {
            if (initial < 0 || earnEvery < 0 || max < 0 || initial > max) {
                throw new IllegalArgumentException("freezes must be 0 <= initial <= max, earn_every >= 0");
            }
        }
    }

    /** True when an event of {@code metric} can count toward a period. */
    public boolean counts(String metric) {
        return conditions.stream().anyMatch(condition -> condition.metric().equals(metric));
    }

    /** True when a period with these totals meets the conditions. */
    public boolean met(Map<String, Amount> totals) {
        if (all) {
            return conditions.stream().allMatch(condition -> reached(condition, totals));
        }
        return conditions.stream().anyMatch(condition -> reached(condition, totals));
    }

    private static boolean reached(Condition condition, Map<String, Amount> totals) {
        return totals.getOrDefault(condition.metric(), Amount.ZERO).compareTo(condition.threshold()) >= 0;
    }
}
