package dev.ludus.engine;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;

/**
 * How a points system's balances start again from zero: at the start of every period of
 * {@code period} in {@code zone}, each balance's final standing in the season that ended is kept and
 * the balance goes back to zero (its lots with it).
 */
public record Season(PeriodKind period, ZoneId zone, DayOfWeek weekStart) {

    public Season {
        if (period == PeriodKind.ALL_TIME) {
            throw new IllegalArgumentException("an all-time season never ends");
        }
    }

    /** The season that holds {@code instant}. */
    public Period at(Instant instant) {
        return Period.at(period, zone, weekStart, instant);
    }
}
