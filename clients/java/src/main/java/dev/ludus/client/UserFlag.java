package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The flag a metric's {@link VelocityGuard} raised on a user, until {@link UsersApi#clearFlag(String)}
 * clears it ({@link User#flag()}, {@link EventAnswer#flag()}, the data of
 * {@link WebhookEventType#USER_FLAGGED}).
 *
 * @param metric the metric whose guard flagged the user
 * @param events the events of the metric that arrived within the guard's window, the last one included
 * @param seconds the guard's window
 * @param hold whether the user's events award nothing until the flag is cleared
 */
public record UserFlag(Reason reason, String metric, int events, int seconds, boolean hold, Instant flaggedAt) {

    /** Why the user was flagged, {@code "reason"} in JSON. */
    public enum Reason {
        /** A metric's velocity guard: too many events too fast. */
        @JsonProperty("velocity") VELOCITY,
        /** A reason this version of the SDK does not know (a newer server). */
        @JsonEnumDefaultValue UNKNOWN
    }
}
