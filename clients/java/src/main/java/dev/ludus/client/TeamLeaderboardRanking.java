package dev.ludus.client;

import java.math.BigDecimal;
import java.util.List;

/**
 * A page of a team leaderboard's period ({@code GET /v1/team_leaderboards/{key}/ranking}).
 *
 * @param leaderboard the board's definition
 * @param participants how many teams are ranked in the period
 * @param entries in rank order
 * @param nextCursor the cursor of the next page, or null on the last page
 */
public record TeamLeaderboardRanking(TeamLeaderboard leaderboard, TeamLeaderboardPeriod period, long participants,
        List<Entry> entries, String nextCursor) {

    public TeamLeaderboardRanking {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** Whether a next page exists ({@link #nextCursor()} is not null). */
    public boolean hasNext() {
        return nextCursor != null;
    }

    /**
     * One team's line. Equal scores share a rank (1, 2, 2, 4) and list by team id.
     *
     * @param name the team's name now
     * @param score the sum of what the team's members contributed while members, or with
     *         {@link TeamLeaderboardDefinition.Aggregate#AVERAGE} that sum divided by {@code members}
     *         (6 decimal places)
     * @param members the team's members now
     */
    public record Entry(long rank, String teamId, String name, BigDecimal score, long members) { }
}
