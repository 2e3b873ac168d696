package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A streak as {@code PUT /v1/streaks/{key}} takes it: the consecutive days or weeks, each judged in
 * the user's own timezone, in which a user meets the conditions. The {@code PUT} replaces the whole
 * definition; a null member takes its default. {@code period} and, for a weekly streak,
 * {@code weekStart} cannot change once the streak is defined (409 {@code streak_immutable}). Build
 * one with {@link #builder(Period)}:
 *
 * <pre>{@code
 * StreakDefinition dailyWalk = StreakDefinition.builder(StreakDefinition.Period.DAILY)
 *         .name("Daily walk")
 *         .condition("steps", new BigDecimal("1000"))
 *         .freezes(1, 7, 3)
 *         .build();
 * }</pre>
 *
 * Its name and description come last, as {@link LocalizedText}s ({@link Described}), so that the
 * constructor of earlier versions, plain strings first, stays as it was.
 *
 * @param period daily or weekly; null: daily
 * @param weekStart the day a weekly period starts on, at local midnight; null: Monday
 * @param conditions 1 to 10, one per metric: the user's total of the metric within a period must reach the threshold
 * @param combine whether every condition ({@code ALL}) or one ({@code ANY}) must hold; null: all
 * @param freezes the freezes users start with, earn and may hold; null: none
 * @param localizedName display name (in each language); null: the key
 * @param localizedDescription or null
 */
public record StreakDefinition(Period period, DayOfWeek weekStart, List<Condition> conditions, Combine combine,
        Freezes freezes, @JsonProperty("name") LocalizedText localizedName,
        @JsonProperty("description") LocalizedText localizedDescription) implements Described {

    public StreakDefinition {
        conditions = conditions == null ? null : List.copyOf(conditions);
    }

    /** The definition with a plain name and description, as this record was before names by language. */
    public StreakDefinition(String name, String description, Period period, DayOfWeek weekStart,
            List<Condition> conditions, Combine combine, Freezes freezes) {
        this(period, weekStart, conditions, combine, freezes, LocalizedText.orNull(name),
                LocalizedText.orNull(description));
    }

    /** How long a period is: a local day or a local week. */
    public enum Period {
        @JsonProperty("daily") DAILY,
        @JsonProperty("weekly") WEEKLY
    }

    /** How the conditions make a period met. */
    public enum Combine {
        /** Every condition must hold. */
        @JsonProperty("all") ALL,
        /** One condition is enough. */
        @JsonProperty("any") ANY
    }

    /**
     * The user's total of {@code metric} within a period must reach {@code threshold}.
     *
     * @param threshold an exact decimal above 0; null: 1
     */
    public record Condition(String metric, BigDecimal threshold) {

        public Condition {
            Objects.requireNonNull(metric, "metric");
        }
    }

    /**
     * Freezes: each covers one missed period without breaking the run.
     *
     * @param initial freezes every user starts with, 0 to 365, at most {@code max}
     * @param earnEvery one more freeze every this many met periods, 0 to 10,000; 0: never earned
     * @param max the most a user may hold, 0 to 365; null: {@code initial}, or 1 when {@code initial}
     *         is 0 and {@code earnEvery} is set
     */
    public record Freezes(int initial, int earnEvery, Integer max) { }

    public static Builder builder(Period period) {
        return new Builder(period);
    }

    /** Collects the members; conditions in the order they are added. */
    public static final class Builder {
        private final Period period;
        private LocalizedText name;
        private LocalizedText description;
        private DayOfWeek weekStart;
        private final List<Condition> conditions = new ArrayList<>();
        private Combine combine;
        private Freezes freezes;

        private Builder(Period period) {
            this.period = Objects.requireNonNull(period, "period");
        }

        public Builder name(String name) {
            this.name = LocalizedText.orNull(name);
            return this;
        }

        /** The name in several languages: BCP 47 tag to text, the first the text of last resort. */
        public Builder names(Map<String, String> names) {
            this.name = LocalizedText.orNull(names);
            return this;
        }

        public Builder description(String description) {
            this.description = LocalizedText.orNull(description);
            return this;
        }

        /** The description in several languages: BCP 47 tag to text. */
        public Builder descriptions(Map<String, String> descriptions) {
            this.description = LocalizedText.orNull(descriptions);
            return this;
        }

        /** The day a weekly period starts on (default Monday, ISO weeks); cannot change later. */
        public Builder weekStart(DayOfWeek weekStart) {
            this.weekStart = weekStart;
            return this;
        }

        /** A period is met (with {@link Combine#ALL}, in part) when the user's {@code metric} in it reaches {@code threshold}. */
        public Builder condition(String metric, BigDecimal threshold) {
            conditions.add(new Condition(metric, threshold));
            return this;
        }

        /** A period is met (in part) by one event of {@code metric} in it: a threshold of 1. */
        public Builder condition(String metric) {
            return condition(metric, BigDecimal.ONE);
        }

        public Builder combine(Combine combine) {
            this.combine = combine;
            return this;
        }

        /** Users start with {@code initial} freezes, earn one every {@code earnEvery} met periods, hold at most {@code max}. */
        public Builder freezes(int initial, int earnEvery, int max) {
            this.freezes = new Freezes(initial, earnEvery, max);
            return this;
        }

        public StreakDefinition build() {
            return new StreakDefinition(period, weekStart, conditions, combine, freezes, name, description);
        }
    }
}
