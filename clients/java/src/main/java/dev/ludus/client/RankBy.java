package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * What a leaderboard ranks users by: a metric ({@link Metric}), a points system ({@link Points}) or
 * the current run in a streak ({@link Streak}). Sent and read as JSON with {@code "type"}
 * {@code metric}, {@code points} or {@code streak}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RankBy.Metric.class, name = "metric"),
        @JsonSubTypes.Type(value = RankBy.Points.class, name = "points"),
        @JsonSubTypes.Type(value = RankBy.Streak.class, name = "streak")})
public sealed interface RankBy permits RankBy.Metric, RankBy.Points, RankBy.Streak {

    /** The user's total of {@code metric} (all time), or the sum of its values in the period. */
    static Metric metric(String metric) {
        return new Metric(metric);
    }

    /** The user's balance in {@code system} (all time), or the sum of its changes in the period. */
    static Points points(String system) {
        return new Points(system);
    }

    /** The user's current run in {@code streak}, as of their latest change of it in the period. */
    static Streak streak(String streak) {
        return new Streak(streak);
    }

    record Metric(String metric) implements RankBy {

        public Metric {
            Objects.requireNonNull(metric, "metric");
        }
    }

    record Points(String system) implements RankBy {

        public Points {
            Objects.requireNonNull(system, "system");
        }
    }

    record Streak(String streak) implements RankBy {

        public Streak {
            Objects.requireNonNull(streak, "streak");
        }
    }
}
