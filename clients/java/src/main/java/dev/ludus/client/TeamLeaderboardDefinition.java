package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;
import java.util.Map;
import java.util.Objects;

/**
 * A team leaderboard as {@code PUT /v1/team_leaderboards/{key}} takes it. The {@code PUT} replaces the
 * whole definition; a null member takes its default. {@code rankBy}, {@code period}, {@code timezone}
 * and {@code weekStart} cannot change once the board is defined (409 {@code leaderboard_immutable});
 * {@code name}, {@code description} and {@code aggregate} can. Build one with {@link #builder(RankBy)}:
 *
 * <pre>{@code
 * TeamLeaderboardDefinition weekly = TeamLeaderboardDefinition.builder(RankBy.metric("steps"))
 *         .name("Steps by team this week")
 *         .aggregate(TeamLeaderboardDefinition.Aggregate.AVERAGE)
 *         .period(LeaderboardDefinition.Period.WEEKLY)
 *         .timezone("Europe/Oslo")
 *         .build();
 * }</pre>
 *
 * Its name and description come last, as {@link LocalizedText}s ({@link Described}), so that the
 * constructor of earlier versions, plain strings first, stays as it was.
 *
 * @param rankBy what a member's write contributes to each of the member's teams: a metric's event
 *         values ({@link RankBy#metric}) or a points system's changes ({@link RankBy#points}); required,
 *         and not a streak
 * @param aggregate how a team's contributions make its score; null: {@link Aggregate#SUM}
 * @param period how the board is cut; null: all time
 * @param timezone the IANA zone in which days, weeks, months, quarters and years are cut; null: UTC
 * @param weekStart the first day of a week; null: Monday
 * @param localizedName display name (in each language); null: the key
 * @param localizedDescription or null
 */
public record TeamLeaderboardDefinition(RankBy rankBy, Aggregate aggregate, LeaderboardDefinition.Period period,
        String timezone, DayOfWeek weekStart, @JsonProperty("name") LocalizedText localizedName,
        @JsonProperty("description") LocalizedText localizedDescription) implements Described {

    public TeamLeaderboardDefinition {
        Objects.requireNonNull(rankBy, "rankBy");
        if (rankBy instanceof RankBy.Streak) {
            throw new IllegalArgumentException("a team leaderboard ranks by a metric or a points system, not a streak");
        }
    }

    /** The definition with a plain name and description, as this record was before names by language. */
    public TeamLeaderboardDefinition(String name, String description, RankBy rankBy, Aggregate aggregate,
            LeaderboardDefinition.Period period, String timezone, DayOfWeek weekStart) {
        this(rankBy, aggregate, period, timezone, weekStart, LocalizedText.orNull(name),
                LocalizedText.orNull(description));
    }

    /** How a team's contributions in a period make its score. */
    public enum Aggregate {
        /** Everything its members contributed in the period. */
        @JsonProperty("sum") SUM,
        /** That sum divided by the team's members now (6 decimal places); a team without members is left out. */
        @JsonProperty("average") AVERAGE
    }

    public static Builder builder(RankBy rankBy) {
        return new Builder(rankBy);
    }

    /** Collects the members. */
    public static final class Builder {
        private final RankBy rankBy;
        private LocalizedText name;
        private LocalizedText description;
        private Aggregate aggregate;
        private LeaderboardDefinition.Period period;
        private String timezone;
        private DayOfWeek weekStart;

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

        public Builder aggregate(Aggregate aggregate) {
            this.aggregate = aggregate;
            return this;
        }

        public Builder period(LeaderboardDefinition.Period period) {
            this.period = period;
            return this;
        }

        /** An IANA region such as {@code Europe/Oslo}, or {@code UTC}. */
        public Builder timezone(String timezone) {
            this.timezone = timezone;
            return this;
        }

        public Builder weekStart(DayOfWeek weekStart) {
            this.weekStart = weekStart;
            return this;
        }

        public TeamLeaderboardDefinition build() {
            return new TeamLeaderboardDefinition(rankBy, aggregate, period, timezone, weekStart, name, description);
        }
    }
}
