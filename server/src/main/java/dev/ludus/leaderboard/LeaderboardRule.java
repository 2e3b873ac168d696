package dev.ludus.leaderboard;

import dev.ludus.engine.Period;
import dev.ludus.engine.PeriodKind;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * A leaderboard's definition: what it ranks by, its periods in its timezone, when it runs, and which
 * users take part.
 *
 * @param startsAt updates before this instant change nothing
 * @param endsAt updates from this instant on change nothing; the board is frozen
 * @param filter user profile attributes that must all match at the time of a score update
 */
public record LeaderboardRule(String key, dev.ludus.engine.LocalizedText name, Optional<dev.ludus.engine.LocalizedText> description, RankBy rankBy,
        PeriodKind period, ZoneId timezone, DayOfWeek weekStart, Optional<Instant> startsAt,
        Optional<Instant> endsAt, Map<String, String> filter) {

    public LeaderboardRule {
        filter = Map.copyOf(filter);
    }

    /** What a leaderboard ranks by: a closed set. */
    public sealed interface RankBy {
        /** The rule it refers to, for reference checks. */
        String target();

        /** The sum of a metric's event values. */
        record Metric(String target) implements RankBy { }

        /** The points of a points system. */
        record Points(String target) implements RankBy { }

        /** The current length of a streak. */
        record Streak(String target) implements RankBy { }
    }

    /** True when the user's attributes satisfy the filter. */
    public boolean admits(Map<String, String> attributes) {
        return filter.entrySet().stream().allMatch(entry -> entry.getValue().equals(attributes.get(entry.getKey())));
    }

    /** True when an update happening at {@code instant} falls inside [starts_at, ends_at). */
    public boolean runsAt(Instant instant) {
        return startsAt.map(start -> !instant.isBefore(start)).orElse(true)
                && endsAt.map(instant::isBefore).orElse(true);
    }

    /**
     * The definition members that give stored scores their meaning; changing any of them is refused
     * ({@code leaderboard_immutable}).
     */
    public boolean sameScoring(LeaderboardRule other) {
        return rankBy.equals(other.rankBy) && period == other.period && timezone.equals(other.timezone)
                && weekStart == other.weekStart;
    }

    /** The board's period that holds {@code instant}. */
    public Period periodAt(Instant instant) {
        return Period.at(period, timezone, weekStart, instant);
    }

    /** The board's period that holds the local date {@code date}. */
    public Period periodContaining(java.time.LocalDate date) {
        return Period.containing(period, timezone, weekStart, date);
    }
}
