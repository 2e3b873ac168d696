package dev.ludus.engine;

import java.time.Duration;

/**
 * A metric's velocity guard: more than {@code maxEvents} events of the metric from one user within
 * {@code window} (by their arrival) flags the user; with {@code hold}, the user's events then earn
 * nothing (no points, achievements, streaks or quests; their totals still count) until the flag is
 * cleared.
 */
public record Velocity(int maxEvents, Duration window, boolean hold) {

    /** The most events a guard may allow: the arrivals a user's state keeps per guarded metric. */
    public static final int MAX_EVENTS = 1000;

    public Velocity {
        if (maxEvents < 1 || maxEvents > MAX_EVENTS) {
            throw new IllegalArgumentException("max_events must be between 1 and " + MAX_EVENTS);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive");
        }
    }
}
