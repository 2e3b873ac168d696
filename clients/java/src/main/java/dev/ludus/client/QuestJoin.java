package dev.ludus.client;

import java.util.List;

/**
 * The answer of {@code POST /v1/users/{id}/quests/{key}/join}: the user's standing in the quest
 * afterwards and what joining changed: a window that had ended unfinished is settled (expired), and
 * the achievements the user already holds count at once (they may complete steps and the quest, and
 * pay its prize).
 *
 * @param changes the quest changes, as in {@link EventAnswer#quests()}; usually empty when the user had
 *         joined already
 * @param points the points its prize paid, per points system (as in {@link EventAnswer#points()}), if any
 * @param achievements the achievements its prize unlocked, if any
 * @param levels the level changes its prize caused, if any
 * @param idempotentReplayed true when this is the stored answer of an earlier request with the same key
 */
public record QuestJoin(String userId, UserQuest quest, List<QuestChange> changes, List<PointsChange> points,
        List<Unlock> achievements, List<LevelChange> levels, boolean idempotentReplayed) { }
