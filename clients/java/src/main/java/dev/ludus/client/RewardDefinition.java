package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A reward of the catalog as {@code PUT /v1/rewards/{key}} takes it: what redeeming one costs in a
 * points system, and who may redeem it when. The {@code PUT} replaces the whole definition; a null
 * member takes its default. Build one with {@link #builder(String, long)}:
 *
 * <pre>{@code
 * RewardDefinition mug = RewardDefinition.builder("coins", 100)
 *         .name("Ludus mug")
 *         .stock(5)
 *         .perUserLimit(1)
 *         .build();
 * }</pre>
 *
 * Its name, description and picture come last, so that the constructor of earlier versions, plain
 * strings first, stays as it was.
 *
 * @param pointsSystem the key of an active points system, the currency (else 400 {@code unknown_rule})
 * @param cost whole points, 1 to 10^12
 * @param stock how many may be redeemed in all, 0 to 10^9 (a cancelled redemption gives its unit back); null: unlimited
 * @param perUserLimit how many redemptions one user may hold, 1 to 10^6 (cancelled ones do not count); null: no limit
 * @param availableFrom the first instant it may be redeemed at; null: from now on
 * @param availableUntil the instant from which it may no longer be redeemed, after {@code availableFrom}; null: no end
 * @param levelRequired the 1-based number of a level of {@code pointsSystem} the user must stand at (before
 *         spending) at least; null: none
 * @param localizedName display name (in each language); null: the key
 * @param localizedDescription or null
 * @param imageUrl an https address of its picture (absolute, with a host, no user information, up to
 *         2,048 characters), or null for none
 */
public record RewardDefinition(String pointsSystem, long cost, Long stock, Integer perUserLimit,
        Instant availableFrom, Instant availableUntil, Integer levelRequired,
        @JsonProperty("name") LocalizedText localizedName,
        @JsonProperty("description") LocalizedText localizedDescription, String imageUrl) implements Described {

    public RewardDefinition {
        Objects.requireNonNull(pointsSystem, "pointsSystem");
    }

    /** The definition with a plain name and description and no picture, as this record was before them. */
    public RewardDefinition(String name, String description, String pointsSystem, long cost, Long stock,
            Integer perUserLimit, Instant availableFrom, Instant availableUntil, Integer levelRequired) {
        this(pointsSystem, cost, stock, perUserLimit, availableFrom, availableUntil, levelRequired,
                LocalizedText.orNull(name), LocalizedText.orNull(description), null);
    }

    /** A reward costing {@code cost} points of {@code pointsSystem}, unlimited until other members are set. */
    public static Builder builder(String pointsSystem, long cost) {
        return new Builder(pointsSystem, cost);
    }

    /** Collects the members. */
    public static final class Builder {
        private LocalizedText name;
        private LocalizedText description;
        private String imageUrl;
        private final String pointsSystem;
        private final long cost;
        private Long stock;
        private Integer perUserLimit;
        private Instant availableFrom;
        private Instant availableUntil;
        private Integer levelRequired;

        private Builder(String pointsSystem, long cost) {
            this.pointsSystem = Objects.requireNonNull(pointsSystem, "pointsSystem");
            this.cost = cost;
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

        /** An https address of its picture; null: none. */
        public Builder imageUrl(String imageUrl) {
            this.imageUrl = imageUrl;
            return this;
        }

        public Builder stock(long stock) {
            this.stock = stock;
            return this;
        }

        public Builder perUserLimit(int perUserLimit) {
            this.perUserLimit = perUserLimit;
            return this;
        }

        /** Redeemable from {@code from} (null: now) until {@code until} (exclusive; null: no end). */
        public Builder available(Instant from, Instant until) {
            this.availableFrom = from;
            this.availableUntil = until;
            return this;
        }

        /** The user must stand at level {@code number} (1-based) of the points system, or above. */
        public Builder levelRequired(int number) {
            this.levelRequired = number;
            return this;
        }

        public RewardDefinition build() {
            return new RewardDefinition(pointsSystem, cost, stock, perUserLimit, availableFrom, availableUntil,
                    levelRequired, name, description, imageUrl);
        }
    }
}
