package dev.ludus.client;

/**
 * What completing a quest pays, as answers and webhooks write it ({@code points_system}, where a
 * definition's {@link QuestDefinition.Prize} says {@code system}); members that do not apply are null.
 *
 * @param pointsSystem the points system of {@code points}, or null
 * @param points the points paid (within the system's cap), or null
 * @param achievement the achievement unlocked, or null
 */
public record QuestPrize(String pointsSystem, Long points, String achievement) { }
