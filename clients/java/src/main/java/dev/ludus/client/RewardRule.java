package dev.ludus.client;

import java.time.Instant;

/**
 * A reward of the catalog as the server holds it ({@code /v1/rewards}), in canonical form (every
 * member present), with how many are redeemed and left. ({@link Reward} is an achievement's points.)
 *
 * @param stock how many may be redeemed in all, or null for unlimited
 * @param perUserLimit how many one user may hold, or null
 * @param availableFrom the first instant it may be redeemed at, or null
 * @param availableUntil the instant from which it may no longer be redeemed, or null
 * @param levelRequired the level of {@code pointsSystem} a user must stand at, or null
 * @param redeemed its redemptions that are not cancelled (pending or fulfilled)
 * @param remaining {@code stock - redeemed}, or null when the stock is unlimited
 * @param archivedAt when it was archived; null while active
 */
public record RewardRule(String key, String name, String description, String pointsSystem, long cost, Long stock,
        Integer perUserLimit, Instant availableFrom, Instant availableUntil, Integer levelRequired, long redeemed,
        Long remaining, Instant createdAt, Instant updatedAt, Instant archivedAt) {

    /** Its definition, to change a member and {@code PUT} it back (a {@code PUT} replaces the whole definition). */
    public RewardDefinition definition() {
        return new RewardDefinition(name, description, pointsSystem, cost, stock, perUserLimit, availableFrom,
                availableUntil, levelRequired);
    }
}
