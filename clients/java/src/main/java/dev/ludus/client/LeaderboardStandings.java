package dev.ludus.client;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A page of a leaderboard's period ({@code GET /v1/leaderboards/{key}}): the top, a page after a
 * cursor, or the window around a user.
 *
 * @param leaderboard the board's definition
 * @param participants how many users have a score in the period
 * @param entries in rank order
 * @param nextCursor the cursor of the next page, or null on the last page (always null around a user)
 */
public record LeaderboardStandings(Leaderboard leaderboard, LeaderboardPeriod period, long participants,
        List<Entry> entries, String nextCursor) {

    public LeaderboardStandings {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** Whether a next page exists ({@link #nextCursor()} is not null). */
    public boolean hasNext() {
        return nextCursor != null;
    }

    /**
     * One user's line. Equal scores share a rank (1, 2, 2, 4); among them, who reached the score first
     * is listed first.
     *
     * @param score a decimal for metric boards, whole for points and streak boards
     * @param reachedAt when the user reached this score
     */
    public record Entry(long rank, String userId, BigDecimal score, Instant reachedAt) { }
}
