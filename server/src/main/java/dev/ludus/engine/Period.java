package dev.ludus.engine;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * One period of a leaderboard: its key and the instants it covers, {@code [start, end)}, computed in
 * the board's timezone with java.time (so a day across a daylight-saving change lasts 23 or 25 hours).
 * Pure.
 *
 * @param key {@code all} for all-time; the local date for a day ({@code 2026-12-01}); the local date of
 *     the week's first day for a week; {@code 2026-12} for a month; {@code 2026-Q4} for a quarter;
 *     {@code 2026} for a year
 * @param start empty for all-time
 * @param end empty for all-time
 */
public record Period(String key, Optional<Instant> start, Optional<Instant> end) {

    /** The all-time period. */
    public static final Period ALL_TIME = new Period("all", Optional.empty(), Optional.empty());

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM");

    /** The period of {@code kind} that holds {@code instant} in {@code zone}. */
    public static Period at(PeriodKind kind, ZoneId zone, DayOfWeek weekStart, Instant instant) {
        return containing(kind, zone, weekStart, LocalDate.ofInstant(instant, zone));
    }

    /** The period of {@code kind} that holds the local date {@code date}. */
    public static Period containing(PeriodKind kind, ZoneId zone, DayOfWeek weekStart, LocalDate date) {
        return switch (kind) {
            case ALL_TIME -> ALL_TIME;
            case DAILY -> of(date.toString(), date, date.plusDays(1), zone);
            case WEEKLY -> {
                LocalDate first = date.with(TemporalAdjusters.previousOrSame(weekStart));
                yield of(first.toString(), first, first.plusWeeks(1), zone);
            }
            case MONTHLY -> {
                LocalDate first = date.withDayOfMonth(1);
                yield of(MONTH.format(first), first, first.plusMonths(1), zone);
            }
            case QUARTERLY -> {
                LocalDate first = date.withDayOfMonth(1).withMonth((date.getMonthValue() - 1) / 3 * 3 + 1);
                yield of(first.getYear() + "-Q" + ((date.getMonthValue() - 1) / 3 + 1), first, first.plusMonths(3),
                        zone);
            }
            case YEARLY -> {
                LocalDate first = date.withDayOfYear(1);
                yield of(String.valueOf(first.getYear()), first, first.plusYears(1), zone);
            }
        };
    }

    private static Period of(String key, LocalDate first, LocalDate next, ZoneId zone) {
        return new Period(key, Optional.of(first.atStartOfDay(zone).toInstant()),
                Optional.of(next.atStartOfDay(zone).toInstant()));
    }

    /** True when the period holds {@code instant}. */
    public boolean holds(Instant instant) {
        return start.map(first -> !instant.isBefore(first)).orElse(true) && end.map(instant::isBefore).orElse(true);
    }

    /** True once {@code now} has reached the period's end. */
    public boolean endedAt(Instant now) {
        return end.map(last -> !now.isBefore(last)).orElse(false);
    }
}
