package dev.ludus.teams;

import dev.ludus.engine.PeriodKind;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * A team leaderboard: teams ranked by the sum or the average of what their members did while they
 * were members, in each period.
 */
public record TeamBoard(String key, dev.ludus.engine.LocalizedText name, Optional<dev.ludus.engine.LocalizedText> description, RankBy rankBy, Aggregate aggregate,
        PeriodKind period, ZoneId timezone, DayOfWeek weekStart) {

    /** What the members' contributions are: a metric's event values, or a points system's changes. */
    public sealed interface RankBy {
        String target();

        record Metric(String target) implements RankBy { }

        record Points(String target) implements RankBy { }
    }

    /** How a team's contributions make its score. */
    public enum Aggregate {
        /** Everything its members contributed in the period. */
        SUM,
        /** The sum divided by the team's members now. */
        AVERAGE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
