package dev.ludus.client;

import java.util.List;

/**
 * A team's quests ({@code GET /v1/teams/{id}/quests}).
 *
 * @param quests the team's standing in every active team quest, in key order (user quests are not listed)
 */
public record TeamQuests(String teamId, List<TeamQuest> quests) { }
