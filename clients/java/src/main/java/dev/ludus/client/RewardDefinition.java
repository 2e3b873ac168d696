package dev.ludus.client;

import java.time.Instant;
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
 * @param name display name; null: the key
 * @param description or null
 * @param pointsSystem the key of an active points system, the currency (else 400 {@code unknown_rule})
 * @param cost whole points, 1 to 10^12
 * @param stock how many may be redeemed in all, 0 to 10^9 (a cancelled redemption gives its unit back); null: unlimited
 * @param perUserLimit how many redemptions one user may hold, 1 to 10^6 (cancelled ones do not count); null: no limit
 * @param availableFrom the first instant it may be redeemed at; null: from now on
 * @param availableUntil the instant from which it may no longer be redeemed, after {@code availableFrom}; null: no end
 * @param levelRequired the 1-based number of a level of {@code pointsSystem} the user must stand at (before
 *         spending) at least; null: none
 */
public record RewardDefinition(String name, String description, String pointsSystem, long cost, Long stock,
        Integer perUserLimit, Instant availableFrom, Instant availableUntil, Integer levelRequired) {

    public RewardDefinition {
        Objects.requireNonNull(pointsSystem, "pointsSystem");
    }

    /** A reward costing {@code cost} points of {@code pointsSystem}, unlimited until other members are set. */
    public static Builder builder(String pointsSystem, long cost) {
        return new Builder(pointsSystem, cost);
    }

    /** Collects the members. */
    public static final class Builder {
        private String name;
        private String description;
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
            this.name = name;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
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
            return new RewardDefinition(name, description, pointsSystem, cost, stock, perUserLimit, availableFrom,
                    availableUntil, levelRequired);
        }
    }
}
