package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * What awards points in a points system: {@link PerMetric} (points per unit of a metric),
 * {@link OnAchievement} (points when an achievement unlocks) or {@link OnStreak} (points when a run
 * in a streak reaches a length). Sent and read as JSON with {@code "type"} {@code metric},
 * {@code achievement} or {@code streak}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PointsTrigger.PerMetric.class, name = "metric"),
        @JsonSubTypes.Type(value = PointsTrigger.OnAchievement.class, name = "achievement"),
        @JsonSubTypes.Type(value = PointsTrigger.OnStreak.class, name = "streak")})
public sealed interface PointsTrigger permits PointsTrigger.PerMetric, PointsTrigger.OnAchievement,
        PointsTrigger.OnStreak {

    /** {@code points} for every full unit of {@code metric} (per 1). */
    static PerMetric perMetric(String metric, long points) {
        return new PerMetric(metric, points, BigDecimal.ONE, Map.of());
    }

    /** {@code points} for every full {@code per} units of {@code metric}, e.g. 10 points per 100 steps. */
    static PerMetric perMetric(String metric, long points, BigDecimal per) {
        return new PerMetric(metric, points, per, Map.of());
    }

    /** {@code points} when {@code achievement} unlocks for the user. */
    static OnAchievement onAchievement(String achievement, long points) {
        return new OnAchievement(achievement, points);
    }

    /** {@code points} each time a user's run in {@code streak} grows to exactly {@code length} periods. */
    static OnStreak onStreak(String streak, int length, long points) {
        return new OnStreak(streak, length, points);
    }

    /**
     * {@code points} for every full {@code per} units of {@code metric} the trigger counts for a user;
     * the remainder carries over to the next event.
     *
     * @param points whole points, -10^9 to 10^9, not 0; negative takes points away
     * @param per the unit, an exact decimal above 0 (null: 1)
     * @param filter the trigger counts only events whose attributes hold every entry (empty: every event)
     */
    record PerMetric(String metric, long points, BigDecimal per, Map<String, String> filter) implements PointsTrigger {

        public PerMetric {
            Objects.requireNonNull(metric, "metric");
            filter = filter == null ? Map.of() : Map.copyOf(filter);
        }

        /** This trigger, counting only events whose attributes hold every entry of {@code filter}. */
        public PerMetric withFilter(Map<String, String> filter) {
            return new PerMetric(metric, points, per, filter);
        }
    }

    /**
     * {@code points} when {@code achievement} unlocks for the user (by an event, an API completion or a
     * backfill).
     *
     * @param points whole points, -10^9 to 10^9, not 0
     */
    record OnAchievement(String achievement, long points) implements PointsTrigger {

        public OnAchievement {
            Objects.requireNonNull(achievement, "achievement");
        }
    }

    /**
     * {@code points} each time a user's run in {@code streak} grows to exactly {@code length} periods
     * (frozen periods do not lengthen a run); a run lost and rebuilt to that length pays again.
     *
     * @param length 1 to 10,000 periods
     * @param points whole points, -10^9 to 10^9, not 0
     */
    record OnStreak(String streak, int length, long points) implements PointsTrigger {

        public OnStreak {
            Objects.requireNonNull(streak, "streak");
        }
    }
}
