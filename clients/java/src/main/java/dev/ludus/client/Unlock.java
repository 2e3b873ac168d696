package dev.ludus.client;

import java.time.Instant;

/**
 * An achievement a write unlocked.
 *
 * @param backfilled always false in write answers
 * @param reward the points it granted, or null
 */
public record Unlock(String key, String name, Instant unlockedAt, boolean backfilled, Reward reward) { }
