package dev.ludus.leaderboard;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/** The SQL of leaderboard scores. Stateless; every method runs on the caller's handle. */
final class ScoreStore {

    /** One stored score. */
    record Row(String userId, long score, long reachedAt, long version, OptionalLong previousRank) {
        Ranking.Standing standing() {
            return new Ranking.Standing(userId, score, reachedAt, version);
        }
    }

    /** A score of a user in one board and period, for taking the user out of the indexes. */
    record Place(String leaderboard, String period) { }

    Optional<Row> find(Handle handle, String applicationId, String leaderboard, String period, String userId) {
        return handle.createQuery("""
                SELECT user_id, score, reached_at, version, previous_rank FROM leaderboard_scores
                WHERE application_id = :application_id AND leaderboard = :leaderboard AND period = :period
                  AND user_id = :user_id""")
                .bind("application_id", applicationId)
                .bind("leaderboard", leaderboard)
                .bind("period", period)
                .bind("user_id", userId)
                .map((rs, ctx) -> {
                    long previous = rs.getLong("previous_rank");
                    OptionalLong previousRank = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(previous);
                    return new Row(rs.getString("user_id"), rs.getLong("score"), rs.getLong("reached_at"),
                            rs.getLong("version"), previousRank);
                })
                .findOne();
    }

    /** Writes a user's new score (creating the row at version 1). */
    void save(Handle handle, String applicationId, String leaderboard, String period, Row row, Instant now) {
        handle.createUpdate("""
                INSERT INTO leaderboard_scores (application_id, leaderboard, period, user_id, score, reached_at, version,
                    previous_rank, updated_at)
                VALUES (:application_id, :leaderboard, :period, :user_id, :score, :reached_at, :version, :previous_rank,
                    :now)
                ON CONFLICT (application_id, leaderboard, period, user_id) DO UPDATE SET score = excluded.score,
                    reached_at = excluded.reached_at, version = excluded.version,
                    previous_rank = excluded.previous_rank, updated_at = excluded.updated_at""")
                .bind("application_id", applicationId)
                .bind("leaderboard", leaderboard)
                .bind("period", period)
                .bind("user_id", row.userId())
                .bind("score", row.score())
                .bind("reached_at", row.reachedAt())
                .bind("version", row.version())
                .bind("previous_rank", row.previousRank().isPresent() ? row.previousRank().getAsLong() : null)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    /** Adds a score for a user who has none in that board and period (a backfill); true when added. */
    boolean insertIfAbsent(Handle handle, String applicationId, String leaderboard, String period, String userId,
            long score, Instant now) {
        return handle.createUpdate("""
                INSERT INTO leaderboard_scores (application_id, leaderboard, period, user_id, score, reached_at, version,
                    previous_rank, updated_at)
                VALUES (:application_id, :leaderboard, :period, :user_id, :score, :now, 1, NULL, :now)
                ON CONFLICT (application_id, leaderboard, period, user_id) DO NOTHING""")
                .bind("application_id", applicationId)
                .bind("leaderboard", leaderboard)
                .bind("period", period)
                .bind("user_id", userId)
                .bind("score", score)
                .bind("now", now.toEpochMilli())
                .execute() > 0;
    }

    /** How many users hold a score strictly higher than {@code score} in a board's period. */
    long countAbove(Handle handle, String applicationId, String leaderboard, String period, long score) {
        return handle.createQuery("""
                SELECT COUNT(*) FROM leaderboard_scores
                WHERE application_id = :application_id AND leaderboard = :leaderboard AND period = :period
                  AND score > :score""")
                .bind("application_id", applicationId)
                .bind("leaderboard", leaderboard)
                .bind("period", period)
                .bind("score", score)
                .mapTo(Long.class)
                .one();
    }

    /** Every score of a board and period, as standings, for a rebuild of its index. */
    List<Ranking.Standing> all(Handle handle, String applicationId, String leaderboard, String period) {
        return handle.createQuery("""
                SELECT user_id, score, reached_at, version FROM leaderboard_scores
                WHERE application_id = :application_id AND leaderboard = :leaderboard AND period = :period""")
                .bind("application_id", applicationId)
                .bind("leaderboard", leaderboard)
                .bind("period", period)
                .setFetchSize(1000)
                .map((rs, ctx) -> new Ranking.Standing(rs.getString("user_id"), rs.getLong("score"),
                        rs.getLong("reached_at"), rs.getLong("version")))
                .list();
    }

    /** The boards and periods a user has scores in. */
    List<Place> places(Handle handle, String applicationId, String userId) {
        return handle.createQuery("""
                SELECT leaderboard, period FROM leaderboard_scores
                WHERE application_id = :application_id AND user_id = :user_id""")
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .map((rs, ctx) -> new Place(rs.getString("leaderboard"), rs.getString("period")))
                .list();
    }

    /** A user's current value of what a board ranks by, with their profile attributes. */
    record Candidate(String userId, long value, String attributes) { }

    /**
     * Every user's current metric total ({@code metrics = true}) or points balance of {@code key},
     * for the backfill of a new all-time board.
     */
    List<Candidate> currentValues(Handle handle, String applicationId, boolean metrics, String key) {
        String sql = metrics
                ? """
                  SELECT m.user_id, m.total AS value, u.attributes FROM user_metrics m
                  JOIN users u ON u.application_id = m.application_id AND u.user_id = m.user_id
                  WHERE m.application_id = :application_id AND m.metric = :key AND m.total <> 0"""
                : """
                  SELECT p.user_id, p.balance AS value, u.attributes FROM user_points p
                  JOIN users u ON u.application_id = p.application_id AND u.user_id = p.user_id
                  WHERE p.application_id = :application_id AND p.system_key = :key AND p.balance <> 0""";
        return handle.createQuery(sql)
                .bind("application_id", applicationId)
                .bind("key", key)
                .map((rs, ctx) -> new Candidate(rs.getString("user_id"), rs.getLong("value"), rs.getString("attributes")))
                .list();
    }
}
