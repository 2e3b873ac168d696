package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A leaderboard as {@code PUT /v1/leaderboards/{key}} takes it. The {@code PUT} replaces the whole
 * definition; a null member takes its default. {@code rankBy}, {@code period}, {@code timezone} and
 * {@code weekStart} cannot change once the board is defined (409 {@code leaderboard_immutable}).
 * Build one with {@link #builder(RankBy)}:
 *
 * <pre>{@code
 * LeaderboardDefinition weekly = LeaderboardDefinition.builder(RankBy.metric("steps"))
 *         .name("Top walkers this week")
 *         .period(LeaderboardDefinition.Period.WEEKLY)
 *         .timezone("Europe/Paris")
 *         .build();
 * }</pre>
 *
 * Its name and description come last, as {@link LocalizedText}s ({@link Described}), so that the
 * constructor of earlier versions, plain strings first, stays as it was.
 *
 * @param rankBy what users are ranked by (required)
 * @param period how the board is cut; null: all time
 * @param timezone the IANA zone in which days, weeks, months, quarters and years are cut; null: UTC
 * @param weekStart the first day of a week; null: Monday
 * @param startsAt updates before it change nothing; null: none
 * @param endsAt from it on the board is frozen; null: none
 * @param filter up to 10 profile attributes a user must all match to be ranked (a cohort); null: none
 * @param localizedName display name (in each language); null: the key
 * @param localizedDescription or null
 */
public record LeaderboardDefinition(RankBy rankBy, Period period, String timezone, DayOfWeek weekStart,
        Instant startsAt, Instant endsAt, Map<String, String> filter, @JsonProperty("name") LocalizedText localizedName,
        @JsonProperty("description") LocalizedText localizedDescription) implements Described {

    public LeaderboardDefinition {
        Objects.requireNonNull(rankBy, "rankBy");
        filter = filter == null ? null : Map.copyOf(filter);
    }

    /** The definition with a plain name and description, as this record was before names by language. */
    public LeaderboardDefinition(String name, String description, RankBy rankBy, Period period, String timezone,
            DayOfWeek weekStart, Instant startsAt, Instant endsAt, Map<String, String> filter) {
        this(rankBy, period, timezone, weekStart, startsAt, endsAt, filter, LocalizedText.orNull(name),
                LocalizedText.orNull(description));
    }

    /** How a board is cut into periods. */
    public enum Period {
        @JsonProperty("all_time") ALL_TIME,
        @JsonProperty("daily") DAILY,
        @JsonProperty("weekly") WEEKLY,
        @JsonProperty("monthly") MONTHLY,
        @JsonProperty("quarterly") QUARTERLY,
        @JsonProperty("yearly") YEARLY
    }

    public static Builder builder(RankBy rankBy) {
        return new Builder(rankBy);
    }

    /** Collects the members. */
    public static final class Builder {
        private final RankBy rankBy;
        private LocalizedText name;
        private LocalizedText description;
        private Period period;
        private String timezone;
        private DayOfWeek weekStart;
        private Instant startsAt;
        private Instant endsAt;
        private final Map<String, String> filter = new LinkedHashMap<>();

        private Builder(RankBy rankBy) {
            this.rankBy = Objects.requireNonNull(rankBy, "rankBy");
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

        public Builder period(Period period) {
            this.period = period;
            return this;
        }

        /** An IANA region such as {@code Europe/Paris}, or {@code UTC}. */
        public Builder timezone(String timezone) {
            this.timezone = timezone;
            return this;
        }

        public Builder weekStart(DayOfWeek weekStart) {
            this.weekStart = weekStart;
            return this;
        }

        /** Only updates in {@code [startsAt, endsAt)} count; either may be null. */
        public Builder between(Instant startsAt, Instant endsAt) {
            this.startsAt = startsAt;
            this.endsAt = endsAt;
            return this;
        }

        /** Ranks only users whose profile attribute {@code name} is {@code value} (and every other filter). */
        public Builder filter(String name, String value) {
            filter.put(name, value);
            return this;
        }

        public LeaderboardDefinition build() {
            return new LeaderboardDefinition(rankBy, period, timezone, weekStart, startsAt, endsAt, filter, name,
                    description);
        }
    }
}
