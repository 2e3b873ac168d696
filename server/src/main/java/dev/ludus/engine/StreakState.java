package dev.ludus.engine;

import java.util.Map;
import java.util.Optional;

/**
 * One user's standing in one streak.
 *
 * @param current consecutive counted periods, the current one included when it is met
 * @param longest the longest run ever
 * @param freezes freezes held
 * @param towardFreeze met periods since the last freeze was earned (counted across runs: a lost run
 *     does not reset it)
 * @param period the period events currently count toward, with its index in the user's sequence of periods
 * @param totals the period totals of the metrics the conditions name
 * @param periodMet whether the current period met the conditions
 * @param lastCounted the index of the last period that counted (met, or covered by a freeze); -1 for none
 */
public record StreakState(int current, int longest, int freezes, int towardFreeze, Optional<StreakPeriod> period,
        long periodIndex, Map<String, Amount> totals, boolean periodMet, long lastCounted) {

    public StreakState {
        totals = Map.copyOf(totals);
    }

    /** Where every user starts: nothing counted, the rule's initial freezes. */
    public static StreakState initial(StreakRule rule) {
        return new StreakState(0, 0, rule.freezes().initial(), 0, Optional.empty(), 0, Map.of(), false, -1);
    }
}
