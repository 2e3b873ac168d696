package dev.ludus.client;

import java.time.Instant;

/**
 * One period of a team leaderboard.
 *
 * @param key {@code all}, the local date ({@code 2026-12-01}: daily; the week's first day: weekly), the
 *         local month ({@code 2026-12}), the quarter ({@code 2026-Q4}) or the year ({@code 2026})
 * @param start its first instant; null for all time
 * @param end the instant it ends (exclusive); null for all time
 */
public record TeamLeaderboardPeriod(String key, Instant start, Instant end) { }
