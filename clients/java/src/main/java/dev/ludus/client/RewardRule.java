package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A reward of the catalog as the server holds it ({@code /v1/rewards}), in canonical form (every
 * member present), with how many are redeemed and left; its name and description as given, and its
 * picture, last ({@link Described}). ({@link Reward} is an achievement's points.)
 *
 * @param stock how many may be redeemed in all, or null for unlimited
 * @param perUserLimit how many one user may hold, or null
 * @param availableFrom the first instant it may be redeemed at, or null
 * @param availableUntil the instant from which it may no longer be redeemed, or null
 * @param levelRequired the level of {@code pointsSystem} a user must stand at, or null
 * @param redeemed its redemptions that are not cancelled (pending or fulfilled)
 * @param remaining {@code stock - redeemed}, or null when the stock is unlimited
 * @param archivedAt when it was archived; null while active
 * @param localizedName the name as given (the key when none was)
 * @param localizedDescription the description as given, or null
 * @param imageUrl the https address of its picture, or null for none
 */
public record RewardRule(String key, String pointsSystem, long cost, Long stock, Integer perUserLimit,
        Instant availableFrom, Instant availableUntil, Integer levelRequired, long redeemed, Long remaining,
        Instant createdAt, Instant updatedAt, Instant archivedAt, @JsonProperty("name") LocalizedText localizedName,
        @JsonProperty("description") LocalizedText localizedDescription, String imageUrl) implements Described {

    /**
     * The reward with a plain name and description and no picture, as this record was before them, so
     * that code building answers (test doubles) keeps compiling.
     */
    public RewardRule(String key, String name, String description, String pointsSystem, long cost, Long stock,
            Integer perUserLimit, Instant availableFrom, Instant availableUntil, Integer levelRequired, long redeemed,
            Long remaining, Instant createdAt, Instant updatedAt, Instant archivedAt) {
        this(key, pointsSystem, cost, stock, perUserLimit, availableFrom, availableUntil, levelRequired, redeemed,
                remaining, createdAt, updatedAt, archivedAt, LocalizedText.orNull(name),
                LocalizedText.orNull(description), null);
    }

    /** Its definition, to change a member and {@code PUT} it back (a {@code PUT} replaces the whole definition). */
    public RewardDefinition definition() {
        return new RewardDefinition(pointsSystem, cost, stock, perUserLimit, availableFrom, availableUntil,
                levelRequired, localizedName, localizedDescription, imageUrl);
    }
}
