package dev.ludus.client;

import java.util.List;

/**
 * A user's quests ({@code GET /v1/users/{id}/quests}).
 *
 * @param quests the user's standing in every active quest, in key order
 * @param history the latest 20 windows that ended (completed or expired), newest first; all of them:
 *         {@link UsersApi#questHistory}
 */
public record UserQuests(String userId, List<UserQuest> quests, List<QuestHistoryEntry> history) { }
