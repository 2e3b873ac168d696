package dev.ludus.client;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An achievement as the server holds it ({@code /v1/achievements}), with its catalog statistics.
 *
 * @param reward the points it grants when it unlocks, or null
 * @param archivedAt when it was archived; null while active
 * @param completions how many users hold it
 * @param rarity {@code completions} divided by the application's users, to 4 decimal places (0 without users)
 * @param unlocked whether the token's subject holds it; only in {@link AchievementsApi#list} pages, null elsewhere
 * @param backfilledUsers how many users the backfill of this {@code PUT} granted it to; only in
 *         {@link AchievementsApi#put} answers, null elsewhere
 */
public record Achievement(String key, String name, String description, boolean hidden, AchievementTrigger trigger,
        Reward reward, Instant createdAt, Instant updatedAt, Instant archivedAt, long completions, BigDecimal rarity,
        Boolean unlocked, Integer backfilledUsers) {

    /** Its definition, to change a member and {@code PUT} it back (a {@code PUT} replaces the whole definition). */
    public AchievementDefinition definition() {
        return new AchievementDefinition(name, description, hidden, trigger, reward);
    }
}
