package dev.ludus.client;

import java.time.Instant;

/**
 * An achievement a write unlocked.
 *
 * @param name its name in the reader's language (the user's locale, else the client's
 *         {@link LudusClient.Builder#acceptLanguage}, else the application's default language)
 * @param imageUrl the https address of its picture, or null for none
 * @param backfilled always false in write answers
 * @param reward the points it granted, or null
 */
public record Unlock(String key, String name, String imageUrl, Instant unlockedAt, boolean backfilled, Reward reward) {

    /**
     * The unlock without a picture, as this record was before it had {@link #imageUrl()} (null), so that
     * code building answers (test doubles) keeps compiling.
     */
    public Unlock(String key, String name, Instant unlockedAt, boolean backfilled, Reward reward) {
        this(key, name, null, unlockedAt, backfilled, reward);
    }
}
