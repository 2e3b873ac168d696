package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A user's standing in one active quest as of now ({@link UsersApi#quests}, {@link QuestJoin#quest()}):
 * the current window of a recurring quest, the fixed window of a fixed one (before and after it too).
 *
 * @param name the quest's name in the reader's language
 * @param description its description in the reader's language, or null when none
 * @param imageUrl the https address of its picture, or null for none
 * @param joined whether the user joined (an opt-in quest; false for an automatic one)
 * @param joinedAt when the user joined, or null
 * @param windowStart the window shown
 * @param windowEnd its end (exclusive)
 * @param stepsDone the steps complete in that window
 * @param stepsTotal the quest's steps
 * @param steps each step, in the quest's order
 * @param completedAt when the quest completed in that window, or null
 * @param reward what completing the quest pays, or null for nothing
 */
public record UserQuest(String key, String name, String description, String imageUrl,
        QuestDefinition.Enrollment enrollment, QuestDefinition.Order order, Status status, boolean joined,
        Instant joinedAt, Instant windowStart, Instant windowEnd, int stepsDone, int stepsTotal, List<Step> steps,
        Instant completedAt, QuestPrize reward) {

    /**
     * The standing without the quest's picture, as this record was before it had {@link #imageUrl()}
     * (null), so that code building answers (test doubles) keeps compiling.
     */
    public UserQuest(String key, String name, String description, QuestDefinition.Enrollment enrollment,
            QuestDefinition.Order order, Status status, boolean joined, Instant joinedAt, Instant windowStart,
            Instant windowEnd, int stepsDone, int stepsTotal, List<Step> steps, Instant completedAt,
            QuestPrize reward) {
        this(key, name, description, null, enrollment, order, status, joined, joinedAt, windowStart, windowEnd,
                stepsDone, stepsTotal, steps, completedAt, reward);
    }

    /** Where the user stands in the window, {@code "status"} in JSON. */
    public enum Status {
        /** An opt-in quest the user has not joined. */
        @JsonProperty("not_joined") NOT_JOINED,
        /** A fixed window that has not started. */
        @JsonProperty("upcoming") UPCOMING,
        /** The window is running with steps left. */
        @JsonProperty("active") ACTIVE,
        /** Every step completed in the window. */
        @JsonProperty("completed") COMPLETED,
        /** The window ended with steps left. */
        @JsonProperty("expired") EXPIRED,
        /** A fixed window that ended without the user taking part. */
        @JsonProperty("ended") ENDED,
        /** A status this version of the SDK does not know (a newer server). */
        @JsonEnumDefaultValue UNKNOWN
    }

    /**
     * One step as the user stands in it: a metric step ({@code metric}, {@code progress} and
     * {@code total} set) or an achievement step ({@code achievement} set).
     *
     * @param progress the user's total of the metric in the window (exact), or null for an achievement step
     * @param total the total to reach, or null for an achievement step
     * @param completedAt when it completed, or null
     */
    public record Step(String key, String metric, String achievement, BigDecimal progress, BigDecimal total,
            boolean completed, Instant completedAt) { }
}
