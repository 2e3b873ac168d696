package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One period recorded in a user's streak history ({@code GET /v1/users/{id}/streaks/{key}/history}).
 * Periods that passed while no run was going are not recorded.
 *
 * @param firstDay the local date the period starts on, in {@code timezone}
 * @param timezone the zone the period was judged in
 * @param length {@code MET}: the run after it; {@code FROZEN}: the run kept; {@code MISSED}: the run that ended there
 * @param recordedAt when the server recorded it (a frozen or missed period: at the next write after it ended)
 */
public record StreakHistoryEntry(Instant periodStart, Instant periodEnd, LocalDate firstDay, String timezone,
        Result result, int length, Instant recordedAt) {

    /** What became of the period, {@code "result"} in JSON. */
    public enum Result {
        @JsonProperty("met") MET,
        @JsonProperty("frozen") FROZEN,
        @JsonProperty("missed") MISSED,
        /** A result this version of the SDK does not know (a newer server). */
        @JsonEnumDefaultValue UNKNOWN
    }
}
