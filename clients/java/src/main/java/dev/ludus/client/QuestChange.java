package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What a write did to a user's quest ({@link EventAnswer#quests()}, {@link QuestJoin#changes()}, and
 * the {@code quest} of the {@code quest.*} webhooks): a step completed, the quest completed, or a
 * window that ended unfinished. Which members are set depends on {@link #change()}. When a team
 * completes a team quest, each of its members gets a {@code COMPLETED} change with {@link #teamId()}
 * set, in a {@code quest.completed} webhook (the prize is paid in a write of its own, just after the
 * completing event's: no event answer carries it).
 *
 * @param key the quest
 * @param name the quest's name in the reader's language (in a webhook: the user's locale, else the
 *         application's default language)
 * @param imageUrl the https address of the quest's picture, or null for none
 * @param step {@code STEP_COMPLETED}: the step's key; null otherwise
 * @param stepsDone the steps complete in the window afterwards
 * @param stepsTotal the quest's steps
 * @param windowStart the window the change belongs to
 * @param windowEnd its end (exclusive)
 * @param completedAt when the step or the quest completed; null for {@code EXPIRED}
 * @param reward {@code COMPLETED}: what the quest paid, or null when it pays nothing; null otherwise
 * @param teamId the team that completed a team quest ({@code COMPLETED} of a team quest only); null otherwise
 */
public record QuestChange(String key, String name, String imageUrl, Kind change, String step, int stepsDone,
        int stepsTotal, Instant windowStart, Instant windowEnd, Instant completedAt, QuestPrize reward, String teamId) {

    /**
     * The change without the quest's picture, as this record was before it had {@link #imageUrl()} (null),
     * so that code building answers (test doubles) keeps compiling.
     */
    public QuestChange(String key, String name, Kind change, String step, int stepsDone, int stepsTotal,
            Instant windowStart, Instant windowEnd, Instant completedAt, QuestPrize reward, String teamId) {
        this(key, name, null, change, step, stepsDone, stepsTotal, windowStart, windowEnd, completedAt, reward,
                teamId);
    }

    /** The kind of change, {@code "change"} in JSON. */
    public enum Kind {
        /** A step completed; the quest may complete in the same write ({@link #COMPLETED} follows). */
        @JsonProperty("step_completed") STEP_COMPLETED,
        /** Every step completed: the prize was paid. */
        @JsonProperty("completed") COMPLETED,
        /** The window ended with steps left (settled at the user's first write after it). */
        @JsonProperty("expired") EXPIRED,
        /** A kind this version of the SDK does not know (a newer server). */
        @JsonEnumDefaultValue UNKNOWN
    }
}
