package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An earning cap of a points system ({@link PointsSystemDefinition.Builder#cap}, {@link PointsSystem#caps()}):
 * at most {@code points} a period from events, per user, in the user's timezone (the profile's, else the
 * application's). Events past a cap still count toward totals, achievements, streaks and quests; only
 * their points are cut ({@link PointsChange#capped()} and {@link PointsChange#cap()}). Points from
 * achievements, streaks, quests and adjustments are not capped, nor are points taken away. One cap per
 * metric and period.
 *
 * @param metric the metric whose events' points count; null for every metric
 * @param points 1 to 10^9
 * @param period the user's hour, day or week (from Monday 00:00)
 */
public record EarningCap(String metric, long points, Period period) {

    /** The span a cap counts over, {@code "period"} in JSON. */
    public enum Period {
        @JsonProperty("hour") HOUR,
        @JsonProperty("day") DAY,
        /** From Monday 00:00. */
        @JsonProperty("week") WEEK,
        /** A period this version of the SDK does not know (a newer server); not to be sent. */
        @JsonEnumDefaultValue UNKNOWN
    }
}
