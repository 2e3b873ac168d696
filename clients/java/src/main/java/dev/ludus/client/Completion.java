package dev.ludus.client;

import java.util.List;

/**
 * An API completion of an achievement ({@code POST /v1/users/{id}/achievements/{key}/complete}).
 *
 * @param alreadyUnlocked true when the user already held it: nothing changed
 * @param achievements what unlocked: the achievement and any composite it completed
 * @param points the reward and the achievement triggers on it
 * @param idempotentReplayed true when this is the stored answer of an earlier request with the same key
 */
public record Completion(String userId, String achievement, boolean alreadyUnlocked, List<Unlock> achievements,
        List<PointsChange> points, List<LevelChange> levels, boolean idempotentReplayed) { }
