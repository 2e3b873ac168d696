package dev.ludus.client;

import java.time.Instant;
import java.util.List;

/**
 * A quest as the server holds it ({@code /v1/quests}), in canonical form (every member present):
 * each step with its key, the window with its {@code weekStart} (and, for a team quest's recurring
 * window, its {@code timezone}). A user's standing in a user quest is {@link UserQuest}; a team's in a
 * team quest {@link TeamQuest}.
 *
 * @param description null when none
 * @param reward null when completing it pays nothing
 * @param team true for a team quest (the events of each team's members count together)
 * @param archivedAt when it was archived; null while active
 */
public record Quest(String key, String name, String description, List<QuestDefinition.Step> steps,
        QuestDefinition.Order order, QuestDefinition.Enrollment enrollment, QuestDefinition.Window window,
        QuestDefinition.Prize reward, boolean team, Instant createdAt, Instant updatedAt, Instant archivedAt) {

    /** Its definition, to change a member and {@code PUT} it back (a {@code PUT} replaces the whole definition). */
    public QuestDefinition definition() {
        return new QuestDefinition(name, description, steps, order, enrollment, window, reward, team);
    }
}
