package dev.ludus.engine;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A reward of the catalog: what redeeming one costs in one points system, and who may redeem it when.
 *
 * @param stock how many may be redeemed in all (cancelled redemptions give theirs back); empty for no limit
 * @param perUserLimit how many one user may hold (cancelled ones do not count); empty for no limit
 * @param availableFrom the first instant it may be redeemed at, if any
 * @param availableUntil the instant from which it may no longer be redeemed, if any
 * @param levelRequired the 1-based number of the level of {@code pointsSystem} a user must stand at
 * @param imageUrl an https address of its picture, carried by answers
 */
public record Reward(String key, LocalizedText name, Optional<LocalizedText> description, String pointsSystem, long cost,
        OptionalLong stock, OptionalInt perUserLimit, Optional<Instant> availableFrom,
        Optional<Instant> availableUntil, OptionalInt levelRequired, Optional<String> imageUrl) {

    /** A reward with a plain name and description and no image. */
    public Reward(String key, String name, Optional<String> description, String pointsSystem, long cost,
            OptionalLong stock, OptionalInt perUserLimit, Optional<Instant> availableFrom,
            Optional<Instant> availableUntil, OptionalInt levelRequired) {
        this(key, LocalizedText.plain(name), description.map(LocalizedText::plain), pointsSystem, cost, stock, perUserLimit,
                availableFrom, availableUntil, levelRequired, Optional.empty());
    }

    public Reward {
        if (cost <= 0) {
            throw new IllegalArgumentException("a reward's cost must be positive");
        }
        if (availableFrom.isPresent() && availableUntil.isPresent()
                && !availableUntil.get().isAfter(availableFrom.get())) {
            throw new IllegalArgumentException("a reward's availability must end after it starts");
        }
    }

    /** True when {@code now} is inside the reward's availability. */
    public boolean availableAt(Instant now) {
        return availableFrom.map(from -> !now.isBefore(from)).orElse(true)
                && availableUntil.map(now::isBefore).orElse(true);
    }

    /** How many are left when {@code redeemed} are held; empty for an unlimited stock. */
    public OptionalLong remaining(long redeemed) {
        return stock.isPresent() ? OptionalLong.of(Math.max(0, stock.getAsLong() - redeemed)) : OptionalLong.empty();
    }

    /**
     * A redemption as the engine sees it: the points it spent, in which system, for which reward.
     *
     * @param id the redemption's id, the reference of its points history entries
     */
    public record Redemption(String id, String reward, String pointsSystem, long cost) { }
}
