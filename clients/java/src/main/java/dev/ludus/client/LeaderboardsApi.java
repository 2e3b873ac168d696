package dev.ludus.client;

import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Paths;
import dev.ludus.client.internal.Transport;
import java.time.LocalDate;
import java.util.stream.Stream;

/**
 * {@code /v1/leaderboards}: boards ranking users by a metric, a points system or a streak, over all
 * time or per day, week, month, quarter or year. {@code put} and {@code archive} need scope
 * {@code admin}, the reads scope {@code read} (ranks are public within the application: any user's may
 * be read).
 *
 * <p>Every read takes an optional {@code period}: any local date inside the wanted period, in the
 * board's timezone (null: the current period; a future date is 400). Finished periods are frozen.
 */
public final class LeaderboardsApi {

    private final Transport transport;
    private final Authentication authentication;
    private final RuleCalls<Leaderboard> calls;

    LeaderboardsApi(Transport transport, Authentication authentication) {
        this.transport = transport;
        this.authentication = authentication;
        this.calls = new RuleCalls<>(transport, authentication, "leaderboards", Leaderboard.class);
    }

    /**
     * {@code PUT /v1/leaderboards/{key}}: defines, replaces or restores the board; a new all-time board
     * is filled from users' current totals or balances ({@link Leaderboard#backfilledUsers()}). Changing
     * {@code rankBy}, {@code period}, {@code timezone} or {@code weekStart} is refused: 409
     * {@code leaderboard_immutable}.
     */
    public Leaderboard put(String key, LeaderboardDefinition definition) {
        return calls.put(key, definition);
    }

    /** The board's definition ({@code GET /v1/leaderboards/{key}} with one entry), archived ones too. */
    public Leaderboard get(String key) {
        return top(key, null, 1, null).leaderboard();
    }

    /** The first page of active boards in key order (50). */
    public Page<Leaderboard> list() {
        return calls.list(50, null, false);
    }

    /** {@code GET /v1/leaderboards}: a page of definitions in key order; {@code limit} 1 to 100. */
    public Page<Leaderboard> list(int limit, String cursor, boolean includeArchived) {
        return calls.list(limit, cursor, includeArchived);
    }

    /** Every board in key order, fetching pages of 100 as the stream is consumed. */
    public Stream<Leaderboard> listAll(boolean includeArchived) {
        return calls.listAll(includeArchived);
    }

    /** {@code DELETE /v1/leaderboards/{key}}: archives the board (scores stay; {@link #put} restores it). */
    public void archive(String key) {
        calls.archive(key);
    }

    /** The top 10 of the current period. */
    public LeaderboardStandings top(String key) {
        return top(key, null, 10, null);
    }

    /**
     * {@code GET /v1/leaderboards/{key}}: a page of a period in rank order.
     *
     * @param period any local date of the wanted period; null: the current one
     * @param limit 1 to 100
     * @param cursor the {@link LeaderboardStandings#nextCursor()} of the previous page; null for the top
     */
    public LeaderboardStandings top(String key, LocalDate period, int limit, String cursor) {
        return standings(key, Paths.query("period", period, "limit", limit, "cursor", cursor));
    }

    /**
     * {@code GET /v1/leaderboards/{key}?around=...}: up to {@code radius} users (1 to 50) above and below
     * {@code userId}, the user included, clipped at the top and bottom. 404 {@code not_found} when the
     * user has no score in the period.
     *
     * @param period any local date of the wanted period; null: the current one
     */
    public LeaderboardStandings around(String key, String userId, int radius, LocalDate period) {
        return standings(key, Paths.query("period", period, "around", userId, "radius", radius));
    }

    /** {@code GET /v1/leaderboards/{key}/users/{id}} in the current period: rank, score, percentile, previous rank. */
    public LeaderboardRank rank(String key, String userId) {
        return rank(key, userId, null);
    }

    /**
     * {@code GET /v1/leaderboards/{key}/users/{id}}: the user's standing in the period holding
     * {@code period} (null: the current one); 404 {@code not_found} without a score in it.
     */
    public LeaderboardRank rank(String key, String userId, LocalDate period) {
        return transport.call(authentication, "GET", board(key) + "/users/" + Paths.segment(userId, "userId")
                + Paths.query("period", period), null, LeaderboardRank.class);
    }

    private LeaderboardStandings standings(String key, String query) {
        return transport.call(authentication, "GET", board(key) + query, null, LeaderboardStandings.class);
    }

    private static String board(String key) {
        return "/v1/leaderboards/" + Paths.segment(key, "key");
    }
}
