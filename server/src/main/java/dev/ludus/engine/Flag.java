package dev.ludus.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * A user flagged by a velocity guard: when, on which metric, how many events arrived within the guard's
 * window, and whether the user's awards are held until the flag is cleared.
 */
public record Flag(Instant flaggedAt, String metric, int events, Duration window, boolean hold) {

    /** Why a user is flagged; velocity is the one reason so far. */
    public String reason() {
        return "velocity";
    }
}
