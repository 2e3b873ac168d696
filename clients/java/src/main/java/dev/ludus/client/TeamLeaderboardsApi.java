package dev.ludus.client;

import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Paths;
import dev.ludus.client.internal.Transport;
import java.time.LocalDate;
import java.util.stream.Stream;

/**
 * {@code /v1/team_leaderboards}: boards ranking teams ({@link TeamsApi}) by what their members did while
 * they were members: the values of a metric's events or the changes of a points system's balances,
 * summed or averaged over the team's members, over all time or per day, week, month, quarter or year. A
 * board counts the writes made while it is active, from its definition on. {@code put} and {@code archive} need
 * scope {@code admin}, the reads scope {@code read}.
 *
 * <p>The readings take an optional {@code period}: any local date inside the wanted period, in the
 * board's timezone (null: the current period).
 */
public final class TeamLeaderboardsApi {

    private final Transport transport;
    private final Authentication authentication;
    private final RuleCalls<TeamLeaderboard> calls;

    TeamLeaderboardsApi(Transport transport, Authentication authentication) {
        this.transport = transport;
        this.authentication = authentication;
        this.calls = new RuleCalls<>(transport, authentication, "team_leaderboards", TeamLeaderboard.class);
    }

    /**
     * {@code PUT /v1/team_leaderboards/{key}}: defines, replaces or restores the board. The metric or
     * points system must be active (else 400 {@code unknown_rule}); changing {@code rankBy},
     * {@code period}, {@code timezone} or {@code weekStart} is refused: 409 {@code leaderboard_immutable}.
     */
    public TeamLeaderboard put(String key, TeamLeaderboardDefinition definition) {
        return calls.put(key, definition);
    }

    /** {@code GET /v1/team_leaderboards/{key}}: the board's definition, archived ones too. */
    public TeamLeaderboard get(String key) {
        return calls.get(key);
    }

    /** The first page of active boards in key order (50). */
    public Page<TeamLeaderboard> list() {
        return calls.list(50, null, false);
    }

    /** {@code GET /v1/team_leaderboards}: a page in key order; {@code cursor} null for the first, {@code limit} 1 to 100. */
    public Page<TeamLeaderboard> list(int limit, String cursor, boolean includeArchived) {
        return calls.list(limit, cursor, includeArchived);
    }

    /** Every board in key order, fetching pages of 100 as the stream is consumed. */
    public Stream<TeamLeaderboard> listAll(boolean includeArchived) {
        return calls.listAll(includeArchived);
    }

    /**
     * {@code DELETE /v1/team_leaderboards/{key}}: archives the board (writes no longer count for it; its
     * ranking stays readable; {@link #put} restores it).
     */
    public void archive(String key) {
        calls.archive(key);
    }

    /** The first page (50) of the current period's ranking. */
    public TeamLeaderboardRanking ranking(String key) {
        return ranking(key, null, 50, null);
    }

    /**
     * {@code GET /v1/team_leaderboards/{key}/ranking}: a page of a period's ranking, in rank order; 404
     * {@code not_found} for an unknown board.
     *
     * @param period any local date of the wanted period; null: the current one
     * @param limit 1 to 100
     * @param cursor the {@link TeamLeaderboardRanking#nextCursor()} of the previous page; null for the top
     */
    public TeamLeaderboardRanking ranking(String key, LocalDate period, int limit, String cursor) {
        return transport.call(authentication, "GET", board(key) + "/ranking"
                + Paths.query("period", period, "limit", limit, "cursor", cursor), null, TeamLeaderboardRanking.class);
    }

    /** Every entry of a period's ranking (null: the current one), in rank order, fetching pages of 100. */
    public Stream<TeamLeaderboardRanking.Entry> rankingAll(String key, LocalDate period) {
        return Page.all(cursor -> {
            TeamLeaderboardRanking page = ranking(key, period, RuleCalls.MAX_LIMIT, cursor);
            return new Page<>(page.entries(), page.nextCursor());
        });
    }

    /** {@code GET /v1/team_leaderboards/{key}/teams/{id}} in the current period. */
    public TeamLeaderboardPlace place(String key, String teamId) {
        return place(key, teamId, null);
    }

    /**
     * {@code GET /v1/team_leaderboards/{key}/teams/{id}}: the team's rank, score and members in the period
     * holding {@code period} (null: the current one); 404 {@code not_found} for an unknown board, or when
     * the team has no score in the period.
     */
    public TeamLeaderboardPlace place(String key, String teamId, LocalDate period) {
        return transport.call(authentication, "GET", board(key) + "/teams/" + Paths.segment(teamId, "teamId")
                + Paths.query("period", period), null, TeamLeaderboardPlace.class);
    }

    private static String board(String key) {
        return "/v1/team_leaderboards/" + Paths.segment(key, "key");
    }
}
