package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A window of a user's quest that ended ({@code GET /v1/users/{id}/quests/history}): completed, or
 * expired with steps left.
 *
 * @param quest the quest's key
 * @param windowEnd exclusive
 * @param completedAt when the quest completed; null when expired
 * @param recordedAt when the server recorded it (an expired window: at the user's first write after it ended)
 */
public record QuestHistoryEntry(String quest, Instant windowStart, Instant windowEnd, Status status, int stepsDone,
        int stepsTotal, Instant completedAt, Instant recordedAt) {

    /** What became of the window, {@code "status"} in JSON. */
    public enum Status {
        @JsonProperty("completed") COMPLETED,
        @JsonProperty("expired") EXPIRED,
        /** A status this version of the SDK does not know (a newer server). */
        @JsonEnumDefaultValue UNKNOWN
    }
}
