package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An achievement as the server holds it ({@code /v1/achievements}), with its catalog statistics; its
 * name and description as given, and its picture, last ({@link Described}).
 *
 * @param reward the points it grants when it unlocks, or null
 * @param archivedAt when it was archived; null while active
 * @param completions how many users hold it
 * @param rarity {@code completions} divided by the application's users, to 4 decimal places (0 without users)
 * @param unlocked whether the token's subject holds it; only in {@link AchievementsApi#list} pages, null elsewhere
 * @param backfilledUsers how many users the backfill of this {@code PUT} granted it to; only in
 *         {@link AchievementsApi#put} answers, null elsewhere
 * @param localizedName the name as given (the key when none was)
 * @param localizedDescription the description as given, or null
 * @param imageUrl the https address of its picture, or null for none
 */
public record Achievement(String key, boolean hidden, AchievementTrigger trigger, Reward reward, Instant createdAt,
        Instant updatedAt, Instant archivedAt, long completions, BigDecimal rarity, Boolean unlocked,
        Integer backfilledUsers, @JsonProperty("name") LocalizedText localizedName,
        @JsonProperty("description") LocalizedText localizedDescription, String imageUrl) implements Described {

    /**
     * The achievement with a plain name and description and no picture, as this record was before them,
     * so that code building answers (test doubles) keeps compiling.
     */
    public Achievement(String key, String name, String description, boolean hidden, AchievementTrigger trigger,
            Reward reward, Instant createdAt, Instant updatedAt, Instant archivedAt, long completions,
            BigDecimal rarity, Boolean unlocked, Integer backfilledUsers) {
        this(key, hidden, trigger, reward, createdAt, updatedAt, archivedAt, completions, rarity, unlocked,
                backfilledUsers, LocalizedText.orNull(name), LocalizedText.orNull(description), null);
    }

    /** Its definition, to change a member and {@code PUT} it back (a {@code PUT} replaces the whole definition). */
    public AchievementDefinition definition() {
        return new AchievementDefinition(hidden, trigger, reward, localizedName, localizedDescription, imageUrl);
    }
}
