package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A team's standing in one active team quest as of now ({@link TeamsApi#quests(String)}): in the
 * current window of a recurring quest (cut in the quest's timezone), in the fixed window of a fixed
 * one (before and after it too). Each step counts the events of the team's members while they were
 * members.
 *
 * @param name the quest's name in the reader's language
 * @param description its description in the reader's language, or null when none
 * @param imageUrl the https address of its picture, or null for none
 * @param windowStart the window shown
 * @param windowEnd its end (exclusive)
 * @param stepsDone the steps whose total the team reached in that window
 * @param stepsTotal the quest's steps
 * @param steps each step, in the quest's order
 * @param completedAt when the team completed the quest in that window, or null
 * @param reward what completing the quest pays each member, or null for nothing
 */
public record TeamQuest(String key, String name, String description, String imageUrl, Status status,
        Instant windowStart, Instant windowEnd, int stepsDone, int stepsTotal, List<Step> steps, Instant completedAt,
        QuestPrize reward) {

    /**
     * The standing without the quest's picture, as this record was before it had {@link #imageUrl()}
     * (null), so that code building answers (test doubles) keeps compiling.
     */
    public TeamQuest(String key, String name, String description, Status status, Instant windowStart,
            Instant windowEnd, int stepsDone, int stepsTotal, List<Step> steps, Instant completedAt,
            QuestPrize reward) {
        this(key, name, description, null, status, windowStart, windowEnd, stepsDone, stepsTotal, steps,
                completedAt, reward);
    }

    /** Where the team stands in the window, {@code "status"} in JSON. */
    public enum Status {
        /** A fixed window that has not started. */
        @JsonProperty("upcoming") UPCOMING,
        /** The window is running with steps left. */
        @JsonProperty("active") ACTIVE,
        /** Every step's total reached in the window: the members were paid. */
        @JsonProperty("completed") COMPLETED,
        /** A fixed window that ended with steps left. */
        @JsonProperty("ended") ENDED,
        /** A status this version of the SDK does not know (a newer server). */
        @JsonEnumDefaultValue UNKNOWN
    }

    /**
     * One (metric) step as the team stands in it.
     *
     * @param progress the members' total of the metric in the window (exact)
     * @param total the total to reach
     * @param completed whether {@code progress} reached {@code total}
     */
    public record Step(String key, String metric, BigDecimal progress, BigDecimal total, boolean completed) { }
}
