package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What a write did to a user's run in a streak: an event's answer and a freeze grant list these in
 * order, the periods settled since the user's last write to the streak first. Which members are set
 * depends on {@link #change()}; the others are null.
 *
 * @param key the streak
 * @param length {@code EXTENDED}: the run now; {@code FREEZE_CONSUMED}: the run kept; {@code LOST}: the run that ended
 * @param longest {@code EXTENDED}: the longest run ever, afterwards
 * @param periodStart the period extended, frozen or missed ({@code EXTENDED}, {@code FREEZE_CONSUMED}, {@code LOST})
 * @param periodEnd the end of that period
 * @param freezes the freezes held afterwards ({@code FREEZE_CONSUMED}, {@code FREEZE_EARNED}, {@code FREEZES_GRANTED})
 * @param granted {@code FREEZES_GRANTED}: how many the grant gave, after the cap
 */
public record StreakChange(String key, Kind change, Integer length, Integer longest, Instant periodStart,
        Instant periodEnd, Integer freezes, Integer granted) {

    /** The kind of change, {@code "change"} in JSON. */
    public enum Kind {
        /** A period was met: the run grew by one. */
        @JsonProperty("extended") EXTENDED,
        /** A missed period was covered by a freeze; the run kept its length. */
        @JsonProperty("freeze_consumed") FREEZE_CONSUMED,
        /** Met periods earned the user a freeze. */
        @JsonProperty("freeze_earned") FREEZE_EARNED,
        /** A missed period without a freeze ended the run. */
        @JsonProperty("lost") LOST,
        /** The application gave the user freezes. */
        @JsonProperty("freezes_granted") FREEZES_GRANTED,
        /** A kind this version of the SDK does not know (a newer server). */
        @JsonEnumDefaultValue UNKNOWN
    }
}
