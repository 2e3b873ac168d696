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
 * @param name display name; null: the key
 * @param description or null
 * @param rankBy what users are ranked by (required)
 * @param period how the board is cut; null: all time
 * @param timezone the IANA zone in which days, weeks and months are cut; null: UTC
 * @param weekStart the first day of a week; null: Monday
 * @param startsAt updates before it change nothing; null: none
 * @param endsAt from it on the board is frozen; null: none
 * @param filter up to 10 profile attributes a user must all match to be ranked (a cohort); null: none
 */
public record LeaderboardDefinition(String name, String description, RankBy rankBy, Period period, String timezone,
        DayOfWeek weekStart, Instant startsAt, Instant endsAt, Map<String, String> filter) {

    public LeaderboardDefinition {
        Objects.requireNonNull(rankBy, "rankBy");
        filter = filter == null ? null : Map.copyOf(filter);
    }

    /** How a board is cut into periods. */
    public enum Period {
        @JsonProperty("all_time") ALL_TIME,
        @JsonProperty("daily") DAILY,
        @JsonProperty("weekly") WEEKLY,
        @JsonProperty("monthly") MONTHLY
    }

    public static Builder builder(RankBy rankBy) {
        return new Builder(rankBy);
    }

    /** Collects the members. */
    public static final class Builder {
        private final RankBy rankBy;
        private String name;
        private String description;
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
            this.name = name;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
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
            return new LeaderboardDefinition(name, description, rankBy, period, timezone, weekStart, startsAt, endsAt,
                    filter);
        }
    }
}
