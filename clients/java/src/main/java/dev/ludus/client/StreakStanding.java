package dev.ludus.client;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A user's standing in a streak as of now ({@code GET /v1/users/{id}/streaks/{key}}). Periods that
 * ended since the user's last write to the streak are settled in the answer (a missed one consumes a
 * freeze or ends the run) but recorded only at that user's next write to it.
 *
 * @param timezone the zone the current period is judged in
 * @param current the run, the current period included once met; 0 when no run is going
 * @param longest the longest run ever
 * @param freezes freezes held now
 * @param maxFreezes the streak's {@code freezes.max}
 * @param periodStart the start of the current period
 * @param periodEnd its end
 * @param periodMet whether the current period meets the conditions already
 * @param atRisk a run is going and the current period is not met yet
 * @param expiresAt when the run ends if nothing more is met; null when no run is going
 * @param conditions per condition, the user's value so far in the current period
 */
public record StreakStanding(String key, String name, StreakDefinition.Period period, String timezone, int current,
        int longest, int freezes, int maxFreezes, Instant periodStart, Instant periodEnd, boolean periodMet,
        boolean atRisk, Instant expiresAt, List<ConditionProgress> conditions) {

    /** A condition of the streak and the user's total of its metric in the current period. */
    public record ConditionProgress(String metric, BigDecimal value, BigDecimal threshold, boolean met) { }
}
