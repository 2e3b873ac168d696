package dev.ludus.teams;

import dev.ludus.http.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/** The SQL of teams and memberships. Stateless but for the JSON codec; runs on the caller's handle. */
final class TeamStore {

    private final Json json;

    TeamStore(Json json) {
        this.json = json;
    }

    /** A team as stored, with its number of members. */
    record StoredTeam(String id, String name, Map<String, String> attributes, long members, Instant createdAt,
            Instant updatedAt) { }

    /** A membership as stored. */
    record Membership(String teamId, String userId, Instant joinedAt) { }

    private static final String TEAM = """
            SELECT t.team_id, t.name, t.attributes, t.created_at, t.updated_at,
                (SELECT COUNT(*) FROM team_members m WHERE m.application_id = t.application_id
                    AND m.team_id = t.team_id) AS members
            FROM teams t""";

    /** Creates or replaces a team; true when it is new. */
    boolean put(Handle handle, String applicationId, String teamId, String name, Map<String, String> attributes,
            Instant now) {
        boolean exists = find(handle, applicationId, teamId).isPresent();
        handle.createUpdate("""
                INSERT INTO teams (application_id, team_id, name, attributes, created_at, updated_at)
                VALUES (:application_id, :team_id, :name, :attributes, :now, :now)
                ON CONFLICT (application_id, team_id) DO UPDATE SET name = excluded.name,
                    attributes = excluded.attributes, updated_at = excluded.updated_at""")
                .bind("application_id", applicationId)
                .bind("team_id", teamId)
                .bind("name", name)
                .bind("attributes", json.text(new TreeMap<>(attributes)))
                .bind("now", now.toEpochMilli())
                .execute();
        return !exists;
    }

    Optional<StoredTeam> find(Handle handle, String applicationId, String teamId) {
        return handle.createQuery(TEAM + " WHERE t.application_id = :application_id AND t.team_id = :team_id")
                .bind("application_id", applicationId)
                .bind("team_id", teamId)
                .map(this::team)
                .findOne();
    }

    /** Up to {@code count} teams in id order, after {@code after} when given. */
    List<StoredTeam> page(Handle handle, String applicationId, Optional<String> after, int count) {
        var query = handle.createQuery(TEAM + " WHERE t.application_id = :application_id"
                        + (after.isPresent() ? " AND t.team_id > :after" : "") + " ORDER BY t.team_id LIMIT :count")
                .bind("application_id", applicationId)
                .bind("count", count);
        after.ifPresent(id -> query.bind("after", id));
        return query.map(this::team).list();
    }

    /** Deletes a team, its memberships, its scores and its quests' progress; false when there was none. */
    boolean delete(Handle handle, String applicationId, String teamId) {
        for (String table : new String[] {"team_members", "team_board_scores", "team_quest_progress",
            "team_quest_completions"}) {
            handle.createUpdate("DELETE FROM " + table + " WHERE application_id = :application_id AND team_id = :team_id")
                    .bind("application_id", applicationId)
                    .bind("team_id", teamId)
                    .execute();
        }
        return handle.createUpdate("DELETE FROM teams WHERE application_id = :application_id AND team_id = :team_id")
                .bind("application_id", applicationId)
                .bind("team_id", teamId)
                .execute() == 1;
    }

    Optional<Membership> membership(Handle handle, String applicationId, String teamId, String userId) {
        return handle.createQuery("""
                SELECT team_id, user_id, joined_at FROM team_members
                WHERE application_id = :application_id AND team_id = :team_id AND user_id = :user_id""")
                .bind("application_id", applicationId)
                .bind("team_id", teamId)
                .bind("user_id", userId)
                .map((rs, ctx) -> membership(rs))
                .findOne();
    }

    /** How many teams the user is a member of. */
    long teamsOf(Handle handle, String applicationId, String userId) {
        return handle.createQuery("SELECT COUNT(*) FROM team_members WHERE application_id = :application_id"
                        + " AND user_id = :user_id")
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .mapTo(Long.class)
                .one();
    }

    /** The application's limit of teams per user. */
    int maxTeamsPerUser(Handle handle, String applicationId) {
        return handle.createQuery("SELECT max_teams_per_user FROM applications WHERE id = :id")
                .bind("id", applicationId)
                .mapTo(Integer.class)
                .one();
    }

    void join(Handle handle, String applicationId, Membership membership) {
        handle.createUpdate("""
                INSERT INTO team_members (application_id, team_id, user_id, joined_at)
                VALUES (:application_id, :team_id, :user_id, :joined_at)""")
                .bind("application_id", applicationId)
                .bind("team_id", membership.teamId())
                .bind("user_id", membership.userId())
                .bind("joined_at", membership.joinedAt().toEpochMilli())
                .execute();
    }

    /** Ends a membership; false when there was none. */
    boolean leave(Handle handle, String applicationId, String teamId, String userId) {
        return handle.createUpdate("""
                DELETE FROM team_members
                WHERE application_id = :application_id AND team_id = :team_id AND user_id = :user_id""")
                .bind("application_id", applicationId)
                .bind("team_id", teamId)
                .bind("user_id", userId)
                .execute() == 1;
    }

    /**
     * Up to {@code count} memberships in key order after {@code after}: of one team by user id
     * ({@code byTeam}), or of one user by team id.
     */
    List<Membership> memberships(Handle handle, String applicationId, boolean byTeam, String id,
            Optional<String> after, int count) {
        String own = byTeam ? "team_id" : "user_id";
        String other = byTeam ? "user_id" : "team_id";
        var query = handle.createQuery("SELECT team_id, user_id, joined_at FROM team_members"
                        + " WHERE application_id = :application_id AND " + own + " = :id"
                        + (after.isPresent() ? " AND " + other + " > :after" : "") + " ORDER BY " + other + " LIMIT :count")
                .bind("application_id", applicationId)
                .bind("id", id)
                .bind("count", count);
        after.ifPresent(key -> query.bind("after", key));
        return query.map((rs, ctx) -> membership(rs)).list();
    }

    /** The ids of the teams the user is a member of. */
    List<String> teamIdsOf(Handle handle, String applicationId, String userId) {
        return handle.createQuery("SELECT team_id FROM team_members WHERE application_id = :application_id"
                        + " AND user_id = :user_id ORDER BY team_id")
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .mapTo(String.class)
                .list();
    }

    /** How many shards a team's score on a board and period is spread over (one per writer, mostly). */
    static final int SHARDS = 16;

    /** A team's score on a board in a period. */
    record ScoreKey(String applicationId, String board, String period, String teamId) implements Comparable<ScoreKey> {
        private static final java.util.Comparator<ScoreKey> ORDER = java.util.Comparator.comparing(ScoreKey::applicationId)
                .thenComparing(ScoreKey::board).thenComparing(ScoreKey::period).thenComparing(ScoreKey::teamId);

        @Override
        public int compareTo(ScoreKey other) {
            return ORDER.compare(this, other);
        }
    }

    /** Adds each of {@code amounts} to its score's shard {@code shard}, when the batch commits, in key order. */
    void addScores(dev.ludus.store.WriteBatch batch, int shard, java.util.SortedMap<ScoreKey, Long> amounts) {
        amounts.forEach((key, amount) -> batch.write("""
                INSERT INTO team_board_scores (application_id, board, period, team_id, shard, score)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (application_id, board, period, team_id, shard)
                DO UPDATE SET score = team_board_scores.score + excluded.score""",
                key.applicationId(), key.board(), key.period(), key.teamId(), shard, amount));
    }

    /** Every team's total on a board in a period, with its name and its members now. */
    List<TeamScoring.Total> totals(Handle handle, String applicationId, String board, String period) {
        return handle.createQuery("""
                SELECT s.team_id, t.name, s.score,
                    (SELECT COUNT(*) FROM team_members m WHERE m.application_id = s.application_id
                        AND m.team_id = s.team_id) AS members
                FROM (SELECT application_id, team_id, SUM(score) AS score FROM team_board_scores
                      WHERE application_id = :application_id AND board = :board AND period = :period
                      GROUP BY application_id, team_id) s
                JOIN teams t ON t.application_id = s.application_id AND t.team_id = s.team_id""")
                .bind("application_id", applicationId)
                .bind("board", board)
                .bind("period", period)
                .map((rs, ctx) -> new TeamScoring.Total(rs.getString("team_id"), rs.getString("name"),
                        rs.getLong("score"), rs.getLong("members")))
                .list();
    }

    private StoredTeam team(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        Map<String, String> attributes = new TreeMap<>();
        json.readTrusted(rs.getString("attributes")).properties()
                .forEach(entry -> attributes.put(entry.getKey(), entry.getValue().asText()));
        return new StoredTeam(rs.getString("team_id"), rs.getString("name"), attributes, rs.getLong("members"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private static Membership membership(ResultSet rs) throws SQLException {
        return new Membership(rs.getString("team_id"), rs.getString("user_id"),
                Instant.ofEpochMilli(rs.getLong("joined_at")));
    }
}
