package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A quest as the server holds it ({@code /v1/quests}), in canonical form (every member present):
 * each step with its key, the window with its {@code weekStart} (and, for a team quest's recurring
 * window, its {@code timezone}); its name and description as given, and its picture, last
 * ({@link Described}). A user's standing in a user quest is {@link UserQuest}; a team's in a team quest
 * {@link TeamQuest}.
 *
 * @param reward null when completing it pays nothing
 * @param team true for a team quest (the events of each team's members count together)
 * @param archivedAt when it was archived; null while active
 * @param localizedName the name as given (the key when none was)
 * @param localizedDescription the description as given, or null when none
 * @param imageUrl the https address of its picture, or null for none
 */
public record Quest(String key, List<QuestDefinition.Step> steps, QuestDefinition.Order order,
        QuestDefinition.Enrollment enrollment, QuestDefinition.Window window, QuestDefinition.Prize reward,
        boolean team, Instant createdAt, Instant updatedAt, Instant archivedAt,
        @JsonProperty("name") LocalizedText localizedName,
        @JsonProperty("description") LocalizedText localizedDescription, String imageUrl) implements Described {

    /**
     * The quest with a plain name and description and no picture, as this record was before them, so that
     * code building answers (test doubles) keeps compiling.
     */
    public Quest(String key, String name, String description, List<QuestDefinition.Step> steps,
            QuestDefinition.Order order, QuestDefinition.Enrollment enrollment, QuestDefinition.Window window,
            QuestDefinition.Prize reward, boolean team, Instant createdAt, Instant updatedAt, Instant archivedAt) {
        this(key, steps, order, enrollment, window, reward, team, createdAt, updatedAt, archivedAt,
                LocalizedText.orNull(name), LocalizedText.orNull(description), null);
    }

    /** Its definition, to change a member and {@code PUT} it back (a {@code PUT} replaces the whole definition). */
    public QuestDefinition definition() {
        return new QuestDefinition(steps, order, enrollment, window, reward, team, localizedName,
                localizedDescription, imageUrl);
    }
}
