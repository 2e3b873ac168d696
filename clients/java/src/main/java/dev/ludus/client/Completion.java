package dev.ludus.client;

import java.util.List;

/**
 * An API completion of an achievement ({@code POST /v1/users/{id}/achievements/{key}/complete}).
 *
 * @param alreadyUnlocked true when the user already held it: nothing changed
 * @param achievements what unlocked: the achievement and any composite it completed
 * @param points the reward and the achievement triggers on it
 * @param quests what it did to the user's quests (achievement steps it completed, quests completed
 *         and their prizes), as in {@link EventAnswer#quests()}; empty from a server without quests
 * @param idempotentReplayed true when this is the stored answer of an earlier request with the same key
 */
public record Completion(String userId, String achievement, boolean alreadyUnlocked, List<Unlock> achievements,
        List<PointsChange> points, List<LevelChange> levels, List<QuestChange> quests, boolean idempotentReplayed) {

    public Completion {
        quests = quests == null ? List.of() : quests;
    }

    /**
     * The completion without quests, as this record was before it had {@link #quests()} (an empty list),
     * so that code building answers (test doubles) keeps compiling.
     */
    public Completion(String userId, String achievement, boolean alreadyUnlocked, List<Unlock> achievements,
            List<PointsChange> points, List<LevelChange> levels, boolean idempotentReplayed) {
        this(userId, achievement, alreadyUnlocked, achievements, points, levels, List.of(), idempotentReplayed);
    }
}
