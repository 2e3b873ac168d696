/**
 * The rules of the game as pure functions: a user's state and an event (or a manual change) in, the
 * new state and what changed out. No I/O, no clock (the caller passes the instant), no shared state;
 * everything here is immutable and thread-safe. Metrics, points systems with levels and caps,
 * achievements (metric total, streak length, API completion, composite) and streaks (periods in
 * each user's timezone, freezes) live here; storage and HTTP are elsewhere.
 */
package dev.ludus.engine;
