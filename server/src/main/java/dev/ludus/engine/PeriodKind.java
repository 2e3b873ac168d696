package dev.ludus.engine;

import java.util.Locale;

/**
 * How time is cut into periods: a leaderboard's, each ranked on its own, and a points system's
 * seasons, each starting from zero.
 */
public enum PeriodKind {
    ALL_TIME, DAILY, WEEKLY, MONTHLY, QUARTERLY, YEARLY;

    /** The name in the API: {@code all_time}, {@code daily}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
