package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A points system as {@code PUT /v1/points/{key}} takes it. The {@code PUT} replaces the whole
 * definition; a null member takes its default. Build one with {@link #builder()}:
 *
 * <pre>{@code
 * PointsSystemDefinition xp = PointsSystemDefinition.builder()
 *         .name("Experience")
 *         .trigger(PointsTrigger.perMetric("steps", 10, new BigDecimal("100")))
 *         .trigger(PointsTrigger.onAchievement("first_steps", 100))
 *         .maxPoints(100_000)
 *         .level("Rookie", 0).level("Walker", 100)
 *         .level(new Level(Map.of("en", "Master", "fr", "Maître"), 1000, "https://example.com/master.png"))
 *         .cap("steps", 500, EarningCap.Period.DAY)
 *         .expiresAfterDays(365)
 *         .build();
 * }</pre>
 *
 * Its name and description come after the other members of earlier versions, as {@link LocalizedText}s
 * ({@link Described}), so that the constructors of earlier versions, plain strings first, stay
 * unambiguous; members added since come after them.
 *
 * @param triggers up to 50; null: none
 * @param maxPoints cap on the balance, 1 to 10^18; null: no cap
 * @param allowNegative whether the balance may go below zero
 * @param levels up to 100, thresholds strictly ascending; null: none
 * @param caps earning caps, up to 20, one per metric and period; null: none
 * @param localizedName display name (in each language); null: the key
 * @param localizedDescription or null
 * @param expiry when earned points expire; null: never
 * @param season the seasons after which balances start again from zero; null: none
 */
public record PointsSystemDefinition(List<PointsTrigger> triggers, Long maxPoints, boolean allowNegative,
        List<Level> levels, List<EarningCap> caps, @JsonProperty("name") LocalizedText localizedName,
        @JsonProperty("description") LocalizedText localizedDescription, PointsExpiry expiry, PointsSeason season)
        implements Described {

    public PointsSystemDefinition {
        triggers = triggers == null ? null : List.copyOf(triggers);
        levels = levels == null ? null : List.copyOf(levels);
        caps = caps == null ? null : List.copyOf(caps);
    }

    /**
     * The definition without seasons, as this record was before it had {@link #season()}, so that code
     * building definitions keeps compiling.
     */
    public PointsSystemDefinition(List<PointsTrigger> triggers, Long maxPoints, boolean allowNegative,
            List<Level> levels, List<EarningCap> caps, LocalizedText localizedName,
            LocalizedText localizedDescription, PointsExpiry expiry) {
        this(triggers, maxPoints, allowNegative, levels, caps, localizedName, localizedDescription, expiry, null);
    }

    /**
     * The definition whose points never expire, as this record was before it had {@link #expiry()}, so that
     * code building definitions keeps compiling.
     */
    public PointsSystemDefinition(List<PointsTrigger> triggers, Long maxPoints, boolean allowNegative,
            List<Level> levels, List<EarningCap> caps, LocalizedText localizedName,
            LocalizedText localizedDescription) {
        this(triggers, maxPoints, allowNegative, levels, caps, localizedName, localizedDescription,
                (PointsExpiry) null);
    }

    /** The definition with a plain name and description, as this record was before names by language. */
    public PointsSystemDefinition(String name, String description, List<PointsTrigger> triggers, Long maxPoints,
            boolean allowNegative, List<Level> levels, List<EarningCap> caps) {
        this(triggers, maxPoints, allowNegative, levels, caps, LocalizedText.orNull(name),
                LocalizedText.orNull(description));
    }

    /**
     * The definition without earning caps, as this record was before it had {@link #caps()}, so that code
     * building definitions keeps compiling.
     */
    public PointsSystemDefinition(String name, String description, List<PointsTrigger> triggers, Long maxPoints,
            boolean allowNegative, List<Level> levels) {
        this(name, description, triggers, maxPoints, allowNegative, levels, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Its points' lifetime in days (1 to 3650), or null when they never expire. */
    public Integer expiresAfterDays() {
        return expiry == null ? null : expiry.afterDays();
    }

    /** Collects the members; triggers, levels and caps in the order they are added. */
    public static final class Builder {
        private LocalizedText name;
        private LocalizedText description;
        private final List<PointsTrigger> triggers = new ArrayList<>();
        private Long maxPoints;
        private boolean allowNegative;
        private final List<Level> levels = new ArrayList<>();
        private final List<EarningCap> caps = new ArrayList<>();
        private PointsExpiry expiry;
        private PointsSeason season;

        private Builder() { }

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

        public Builder trigger(PointsTrigger trigger) {
            triggers.add(trigger);
            return this;
        }

        public Builder maxPoints(long maxPoints) {
            this.maxPoints = maxPoints;
            return this;
        }

        public Builder allowNegative(boolean allowNegative) {
            this.allowNegative = allowNegative;
            return this;
        }

        /** Adds a level starting at {@code threshold} points; add them in ascending order. */
        public Builder level(String name, long threshold) {
            return level(new Level(name, threshold));
        }

        /** Adds a level named in several languages (BCP 47 tag to text), starting at {@code threshold} points. */
        public Builder level(Map<String, String> names, long threshold) {
            return level(new Level(names, threshold, null));
        }

        /** Adds a level, e.g. one with a picture; add them in ascending order of threshold. */
        public Builder level(Level level) {
            levels.add(level);
            return this;
        }

        /**
         * Adds an earning cap: at most {@code points} (1 to 10^9) a {@code period} from the events of
         * {@code metric} (null: of every metric), per user, in the user's timezone.
         */
        public Builder cap(String metric, long points, EarningCap.Period period) {
            caps.add(new EarningCap(metric, points, period));
            return this;
        }

        /**
         * Makes earned points expire: those earned on a day (UTC) live {@code days} (1 to 3650) full days
         * after it and expire at the start of the next ({@link PointsExpiry}). Without it they never expire.
         */
        public Builder expiresAfterDays(int days) {
            return expiry(PointsExpiry.afterDays(days));
        }

        /**
         * Makes earned points expire as {@link #expiresAfterDays(int)} does, and announces each lot of them
         * (what a user earned on a day) by a {@link WebhookEventType#POINTS_EXPIRING} webhook
         * {@code noticeDays} (1 to {@code days}) days before it expires, if it still holds points then.
         */
        public Builder expiresAfterDays(int days, int noticeDays) {
            return expiry(PointsExpiry.afterDays(days, noticeDays));
        }

        /** When earned points expire ({@link PointsExpiry}); null (the default): never. */
        public Builder expiry(PointsExpiry expiry) {
            this.expiry = expiry;
            return this;
        }

        /** Balances start again from zero at the start of every {@code period}, cut in UTC ({@link PointsSeason}). */
        public Builder season(PointsSeason.Period period) {
            return season(PointsSeason.of(period));
        }

        /**
         * Balances start again from zero at the start of every {@code period}, cut in {@code timezone}
         * (IANA, such as {@code Europe/Paris}; null: UTC).
         */
        public Builder season(PointsSeason.Period period, String timezone) {
            return season(PointsSeason.of(period, timezone));
        }

        /**
         * Balances start again from zero at the start of every {@code period}, cut in {@code timezone}
         * (null: UTC), weekly seasons from {@code weekStart} (null: Monday).
         */
        public Builder season(PointsSeason.Period period, String timezone, DayOfWeek weekStart) {
            return season(new PointsSeason(period, timezone, weekStart));
        }

        /** The seasons of the system ({@link PointsSeason}); null (the default): none, balances run on. */
        public Builder season(PointsSeason season) {
            this.season = season;
            return this;
        }

        public PointsSystemDefinition build() {
            return new PointsSystemDefinition(triggers, maxPoints, allowNegative, levels,
                    caps.isEmpty() ? null : caps, name, description, expiry, season);
        }
    }
}
