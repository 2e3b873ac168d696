package dev.ludus.leaderboard;

import java.util.Locale;

/** How a leaderboard's time is cut into periods, each ranked on its own. */
public enum PeriodKind {
    ALL_TIME, DAILY, WEEKLY, MONTHLY;

    /** The name in the API: {@code all_time}, {@code daily}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
