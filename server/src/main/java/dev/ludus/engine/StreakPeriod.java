package dev.ludus.engine;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * One period of a streak: a local day or week in a timezone, as the instants it starts and ends at
 * (23 or 25 hours on the days clocks change).
 *
 * @param firstDay the local date the period starts on
 * @param zone the timezone the period is judged in
 */
public record StreakPeriod(LocalDate firstDay, ZoneId zone, Instant start, Instant end) {

    /** How long a period is. */
    public enum Length { DAILY, WEEKLY }

    /** The period of {@code length} containing {@code instant} in {@code zone}, weeks starting on {@code weekStart}. */
    public static StreakPeriod containing(Instant instant, ZoneId zone, Length length, DayOfWeek weekStart) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        LocalDate first = length == Length.DAILY ? day : day.with(TemporalAdjusters.previousOrSame(weekStart));
        LocalDate next = length == Length.DAILY ? first.plusDays(1) : first.plusWeeks(1);
        return new StreakPeriod(first, zone, first.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant());
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
