package dev.ludus.engine;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * A limit on the points a user earns from events in one points system per period: at most
 * {@code points} an hour, a day or a week (weeks start on Monday) in the user's timezone, from events of
 * {@code metric}, or of any metric when it is empty. Only points that events earn count toward it and
 * are limited by it; achievements, streaks, quests and adjustments are not. The period is the one the
 * write happens in (the arrival of the event, not its {@code occurred_at}), so that a backdated event
 * cannot reopen a period whose cap was reached.
 */
public record EarningCap(Optional<String> metric, long points, Period period) {

    public EarningCap {
        if (points < 1) {
            throw new IllegalArgumentException("a cap must allow at least one point");
        }
    }

    /** The identity of the cap's running count in a user's balance: the metric (or {@code *}) and the period. */
    public String key() {
        return metric.orElse("*") + ":" + period.wireName();
    }

    /** True when points earned by an event of {@code eventMetric} count toward this cap. */
    public boolean counts(String eventMetric) {
        return metric.isEmpty() || metric.get().equals(eventMetric);
    }

    /** The span of a cap: an hour, a day or a week (from Monday), in a timezone. */
    public enum Period {
        HOUR("hour"), DAY("day"), WEEK("week");

        private final String wireName;

        Period(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** The period of that name, if any. */
        public static Optional<Period> of(String wireName) {
            for (Period period : values()) {
                if (period.wireName.equals(wireName)) {
                    return Optional.of(period);
                }
            }
            return Optional.empty();
        }

        /**
         * The start of the period containing {@code at} in {@code zone}: the hour's, the day's (its
         * first instant, so 23 or 25 hours on the days clocks change) or the Monday's.
         */
        public Instant start(Instant at, ZoneId zone) {
            ZonedDateTime local = at.atZone(zone);
            return switch (this) {
                case HOUR -> local.truncatedTo(ChronoUnit.HOURS).toInstant();
                case DAY -> local.toLocalDate().atStartOfDay(zone).toInstant();
                case WEEK -> local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                        .atStartOfDay(zone).toInstant();
            };
        }

        /** The end of the period containing {@code at} in {@code zone} (the start of the next one). */
        public Instant end(Instant at, ZoneId zone) {
            ZonedDateTime local = start(at, zone).atZone(zone);
            return switch (this) {
                case HOUR -> local.toInstant().plus(1, ChronoUnit.HOURS);
                case DAY -> local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
                case WEEK -> local.toLocalDate().plusWeeks(1).atStartOfDay(zone).toInstant();
            };
        }
    }

    /** What a user earned toward a cap in the period that starts at {@code periodStart}. */
    public record Use(Instant periodStart, long earned) { }
}
