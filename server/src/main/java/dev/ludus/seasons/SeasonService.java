package dev.ludus.seasons;

import dev.ludus.engine.Language;
import dev.ludus.engine.PointsSystem;
import dev.ludus.engine.Season;
import dev.ludus.events.Answers;
import dev.ludus.events.Answers.SeasonView;
import dev.ludus.http.ApiException;
import dev.ludus.http.PageRequest;
import dev.ludus.profiles.Languages;
import dev.ludus.rules.RuleService;
import dev.ludus.rules.StoredRule;
import dev.ludus.rules.kinds.PointsSystemKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The past seasons of points systems: which ended, their final standings, a user's own. A season's
 * standings fill in as its balances end, each at the user's first write after the season's end or by
 * the expiry sweep (within {@code LUDUS_EXPIRY_SWEEP_INTERVAL} for most).
 */
public final class SeasonService {

    private final Jdbi jdbi;
    private final RuleService rules;
    private final Clock clock;

    public SeasonService(Jdbi jdbi, RuleService rules, Clock clock) {
        this.jdbi = jdbi;
        this.rules = rules;
        this.clock = clock;
    }

    /** An ended season and how many users held points at its end. */
    public record EndedSeason(String key, Instant start, Instant end, long participants) { }

    /** {@code GET /v1/points/{key}/seasons}: the current season, if the system has seasons, and those that ended. */
    public record SeasonList(String pointsSystem, SeasonView current, List<EndedSeason> seasons) { }

    /** One user's final standing in a season. */
    public record Standing(long rank, String userId, long points, Answers.LevelView level) { }

    /** {@code GET /v1/points/{key}/seasons/{season}}: a page of a season's final standings, best first. */
    public record Standings(String pointsSystem, SeasonView season, List<Standing> entries, String nextCursor) { }

    /** A user's final standing in one of their past seasons. */
    public record UserSeason(SeasonView season, long points, Answers.LevelView level) { }

    /** The seasons of a points system (archived or not; 404 when it was never defined). */
    public SeasonList seasons(String applicationId, String system) {
        StoredRule<PointsSystem> stored = rules.get(applicationId, PointsSystemKind.KIND, system);
        Optional<Season> season = stored.rule().season();
        List<EndedSeason> ended = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT season, MIN(season_start) AS season_start, MAX(season_end) AS season_end,
                            COUNT(*) AS participants
                        FROM points_seasons WHERE application_id = :application_id AND system_key = :system
                        GROUP BY season ORDER BY MIN(season_start) DESC""")
                .bind("application_id", applicationId)
                .bind("system", system)
                .map((rs, ctx) -> new EndedSeason(rs.getString("season"), Instant.ofEpochMilli(rs.getLong("season_start")),
                        Instant.ofEpochMilli(rs.getLong("season_end")), rs.getLong("participants")))
                .list());
        return new SeasonList(system, stored.archived() ? null
                : season.map(current -> SeasonView.of(current.at(clock.instant()))).orElse(null), ended);
    }

    /**
     * A page of the final standings of season {@code key} of a points system: by points, then user id;
     * users with equal points share a rank (1, 2, 2, 4). 404 when no balance ended that season.
     */
    public Standings standings(String applicationId, String system, String key, PageRequest page,
            Optional<String> acceptLanguage) {
        PointsSystem rule = rules.get(applicationId, PointsSystemKind.KIND, system).rule();
        Cursor after = page.after().map(Cursor::parse).orElse(null);
        return jdbi.withHandle(handle -> {
            Language language = Languages.ofApplication(handle, applicationId, acceptLanguage);
            Optional<SeasonView> season = handle.createQuery("""
                            SELECT MIN(season_start), MAX(season_end) FROM points_seasons
                            WHERE application_id = :application_id AND system_key = :system AND season = :season""")
                    .bind("application_id", applicationId)
                    .bind("system", system)
                    .bind("season", key)
                    .map((rs, ctx) -> rs.getObject(1) == null ? null : new SeasonView(key,
                            Instant.ofEpochMilli(rs.getLong(1)), Instant.ofEpochMilli(rs.getLong(2))))
                    .findOne();
            if (season.isEmpty()) {
                throw ApiException.notFound("no season '" + key + "' of points system '" + system + "' has ended");
            }
            List<Row> rows = handle.createQuery("""
                            SELECT user_id, balance, level FROM points_seasons
                            WHERE application_id = :application_id AND system_key = :system AND season = :season
                              AND (:first OR balance < :balance OR (balance = :balance AND user_id > :user_id))
                            ORDER BY balance DESC, user_id LIMIT :limit""")
                    .bind("application_id", applicationId)
                    .bind("system", system)
                    .bind("season", key)
                    .bind("first", after == null)
                    .bind("balance", after == null ? 0L : after.balance())
                    .bind("user_id", after == null ? "" : after.userId())
                    .bind("limit", page.limit() + 1)
                    .map((rs, ctx) -> Row.of(rs))
                    .list();
            List<Standing> entries = ranked(handle, applicationId, system, key, rows, rule, language);
            PageRequest.Page<Standing> shown = page.page(entries,
                    entry -> entry.points() + ":" + entry.userId());
            return new Standings(system, season.get(), shown.items(), shown.nextCursor());
        });
    }

    /** A page of a user's past seasons in a points system, newest first; 404 when there is no such user. */
    public PageRequest.Page<UserSeason> ofUser(String applicationId, String userId, String system, PageRequest page,
            Optional<String> acceptLanguage) {
        PointsSystem rule = rules.get(applicationId, PointsSystemKind.KIND, system).rule();
        long before;
        try {
            before = page.after().map(Long::parseLong).orElse(Long.MAX_VALUE);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("cursor", "'cursor' is not a cursor this list gave out");
        }
        return page.page(jdbi.withHandle(handle -> {
            Language language = Languages.ofUser(handle, applicationId, userId, acceptLanguage)
                    .orElseThrow(() -> ApiException.notFound("no user '" + userId + "'"));
            return handle.createQuery("""
                            SELECT season, season_start, season_end, balance, level FROM points_seasons
                            WHERE application_id = :application_id AND user_id = :user_id AND system_key = :system
                              AND season_start < :before
                            ORDER BY season_start DESC LIMIT :limit""")
                    .bind("application_id", applicationId)
                    .bind("user_id", userId)
                    .bind("system", system)
                    .bind("before", before)
                    .bind("limit", page.limit() + 1)
                    .map((rs, ctx) -> new UserSeason(new SeasonView(rs.getString("season"),
                            Instant.ofEpochMilli(rs.getLong("season_start")), Instant.ofEpochMilli(rs.getLong("season_end"))),
                            rs.getLong("balance"), level(rule, rs, language)))
                    .list();
        }), season -> Long.toString(season.season().start().toEpochMilli()));
    }

    /**
     * Ranks a page of rows: the first row's rank and place are counted in the store (its rank is one
     * more than the users above it), the next rows' follow from it (a tie keeps the rank).
     */
    private static List<Standing> ranked(Handle handle, String applicationId, String system, String key, List<Row> rows,
            PointsSystem rule, Language language) {
        List<Standing> entries = new ArrayList<>(rows.size());
        if (rows.isEmpty()) {
            return entries;
        }
        Row first = rows.getFirst();
        long above = handle.createQuery("""
                        SELECT COUNT(*) FROM points_seasons WHERE application_id = :application_id
                          AND system_key = :system AND season = :season AND balance > :balance""")
                .bind("application_id", applicationId)
                .bind("system", system)
                .bind("season", key)
                .bind("balance", first.balance())
                .mapTo(Long.class)
                .one();
        long tiedBefore = handle.createQuery("""
                        SELECT COUNT(*) FROM points_seasons WHERE application_id = :application_id
                          AND system_key = :system AND season = :season AND balance = :balance AND user_id < :user_id""")
                .bind("application_id", applicationId)
                .bind("system", system)
                .bind("season", key)
                .bind("balance", first.balance())
                .bind("user_id", first.userId())
                .mapTo(Long.class)
                .one();
        long place = above + tiedBefore;
        long rank = above + 1;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (i > 0 && row.balance() != rows.get(i - 1).balance()) {
                rank = place + i + 1;
            }
            entries.add(new Standing(rank, row.userId(), row.balance(), Answers.LevelView.of(
                    row.level() == null ? Optional.empty() : rule.level(row.level()), language)));
        }
        return entries;
    }

    private static Answers.LevelView level(PointsSystem rule, ResultSet rs, Language language) throws SQLException {
        int number = rs.getInt("level");
        return rs.wasNull() ? null : Answers.LevelView.of(rule.level(number), language);
    }

    private record Row(String userId, long balance, Integer level) {
        static Row of(ResultSet rs) throws SQLException {
            int level = rs.getInt("level");
            return new Row(rs.getString("user_id"), rs.getLong("balance"), rs.wasNull() ? null : level);
        }
    }

    /** Where a page of standings starts: after the row of {@code balance} and {@code userId}. */
    private record Cursor(long balance, String userId) {
        static Cursor parse(String text) {
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw notACursor();
            }
            try {
                return new Cursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw notACursor();
            }
        }

        private static ApiException notACursor() {
            return ApiException.invalidField("cursor", "'cursor' is not a cursor this list gave out");
        }
    }
}
