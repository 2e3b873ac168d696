package dev.ludus.client;

import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Paths;
import dev.ludus.client.internal.Transport;
import java.util.stream.Stream;

/**
 * {@code /v1/points}: points systems (triggers, cap, levels, expiry, seasons) and their past seasons.
 * {@code put} and {@code archive} need scope {@code admin}, the reads scope {@code read}. Users'
 * balances are in {@link UsersApi}.
 */
public final class PointsSystemsApi {

    private final Transport transport;
    private final Authentication authentication;
    private final RuleCalls<PointsSystem> calls;

    PointsSystemsApi(Transport transport, Authentication authentication) {
        this.transport = transport;
        this.authentication = authentication;
        this.calls = new RuleCalls<>(transport, authentication, "points", PointsSystem.class);
    }

    /**
     * {@code PUT /v1/points/{key}}: defines, replaces or restores the system. Every metric and
     * achievement its triggers name must be active (else 400 {@code unknown_rule}). Points already
     * awarded are never recomputed.
     */
    public PointsSystem put(String key, PointsSystemDefinition definition) {
        return calls.put(key, definition);
    }

    /** {@code GET /v1/points/{key}}, archived ones too. */
    public PointsSystem get(String key) {
        return calls.get(key);
    }

    /** The first page of active points systems in key order (50). */
    public Page<PointsSystem> list() {
        return calls.list(50, null, false);
    }

    /** {@code GET /v1/points}: a page in key order; {@code cursor} null for the first, {@code limit} 1 to 100. */
    public Page<PointsSystem> list(int limit, String cursor, boolean includeArchived) {
        return calls.list(limit, cursor, includeArchived);
    }

    /** Every points system in key order, fetching pages of 100 as the stream is consumed. */
    public Stream<PointsSystem> listAll(boolean includeArchived) {
        return calls.listAll(includeArchived);
    }

    /**
     * {@code DELETE /v1/points/{key}}: archives the system (its triggers stop, adjustments answer 404;
     * balances stay). 409 {@code rule_in_use} while an active achievement rewards points in it.
     */
    public void archive(String key) {
        calls.archive(key);
    }

    /**
     * {@code GET /v1/points/{key}/seasons}: the season running now ({@link SeasonList#current()}, null for
     * a system without seasons) and the seasons that ended, newest first, with how many users held points
     * at their end. A season's standings fill in as its balances end: at each user's next write, or by the
     * server's expiry sweep. 404 {@code not_found} for a system never defined (an archived one is found).
     */
    public SeasonList seasons(String key) {
        return transport.call(authentication, "GET", system(key) + "/seasons", null, SeasonList.class);
    }

    /** The first page (50) of the final standings of {@code season}, highest first. */
    public SeasonStandings seasonStandings(String key, String season) {
        return seasonStandings(key, season, 50, null);
    }

    /**
     * {@code GET /v1/points/{key}/seasons/{season}}: a page of the users whose balance was not zero at the
     * season's end, by that balance, highest first, with their level then (named in the client's
     * {@link LudusClient.Builder#acceptLanguage}, else the application's default language). 404
     * {@code not_found} when no balance ended that season; 400 {@code invalid_request} ({@code field()}
     * {@code season}) for a key of another form.
     *
     * @param season the season's key ({@link Season#key()}): {@code 2037}, {@code 2037-Q1}, {@code 2037-03}
     *         or {@code 2037-03-09}
     * @param limit 1 to 100
     * @param cursor the {@link SeasonStandings#nextCursor()} of the previous page; null for the first
     */
    public SeasonStandings seasonStandings(String key, String season, int limit, String cursor) {
        return transport.call(authentication, "GET", system(key) + "/seasons/" + Paths.segment(season, "season")
                + Paths.query("limit", limit, "cursor", cursor), null, SeasonStandings.class);
    }

    /** Every entry of the final standings of {@code season}, in rank order, fetching pages of 100. */
    public Stream<SeasonStandings.Entry> seasonStandingsAll(String key, String season) {
        return Page.all(cursor -> {
            SeasonStandings page = seasonStandings(key, season, RuleCalls.MAX_LIMIT, cursor);
            return new Page<>(page.entries(), page.nextCursor());
        });
    }

    private static String system(String key) {
        return "/v1/points/" + Paths.segment(key, "key");
    }
}
