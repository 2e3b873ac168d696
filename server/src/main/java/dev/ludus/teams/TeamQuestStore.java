package dev.ludus.teams;

import dev.ludus.engine.Quest;
import dev.ludus.store.WriteBatch;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.jdbi.v3.core.Handle;

/** The SQL of team quests: progress in shards, and the completion claims. Stateless. */
final class TeamQuestStore {

    /** One step's total of one team in one window of a quest. */
    record ProgressKey(String applicationId, String quest, long windowStart, String teamId, String step)
            implements Comparable<ProgressKey> {
        private static final java.util.Comparator<ProgressKey> ORDER = java.util.Comparator
                .comparing(ProgressKey::applicationId).thenComparing(ProgressKey::quest)
                .thenComparingLong(ProgressKey::windowStart).thenComparing(ProgressKey::teamId)
                .thenComparing(ProgressKey::step);

        @Override
        public int compareTo(ProgressKey other) {
            return ORDER.compare(this, other);
        }
    }

    /** Adds each of {@code amounts} to its shard {@code shard}, in key order (no deadlocks between writers). */
    void addProgress(WriteBatch batch, int shard, SortedMap<ProgressKey, Long> amounts) {
        amounts.forEach((key, micros) -> batch.write("""
                INSERT INTO team_quest_progress (application_id, quest, window_start, team_id, step, shard, total)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (application_id, quest, window_start, team_id, step, shard)
                DO UPDATE SET total = team_quest_progress.total + excluded.total""",
                key.applicationId(), key.quest(), key.windowStart(), key.teamId(), key.step(), shard, micros));
    }

    /** A team's total per step (micros) in a window of a quest, over every shard. */
    Map<String, Long> totals(Handle handle, String applicationId, String quest, Instant windowStart, String teamId) {
        Map<String, Long> totals = new HashMap<>();
        handle.createQuery("""
                SELECT step, SUM(total) AS total FROM team_quest_progress
                WHERE application_id = :application_id AND quest = :quest AND window_start = :window_start
                    AND team_id = :team_id
                GROUP BY step""")
                .bind("application_id", applicationId)
                .bind("quest", quest)
                .bind("window_start", windowStart.toEpochMilli())
                .bind("team_id", teamId)
                .map((rs, ctx) -> totals.put(rs.getString("step"), rs.getLong("total")))
                .list();
        return totals;
    }

    /** Claims a team's completion of a window: true for the one claim that inserted the row. */
    boolean claim(Handle handle, String applicationId, String quest, Quest.Span window, String teamId, Instant at,
            int members) {
        return handle.createUpdate("""
                INSERT INTO team_quest_completions (application_id, quest, window_start, team_id, window_end,
                    completed_at, members)
                VALUES (:application_id, :quest, :window_start, :team_id, :window_end, :completed_at, :members)
                ON CONFLICT (application_id, quest, window_start, team_id) DO NOTHING""")
                .bind("application_id", applicationId)
                .bind("quest", quest)
                .bind("window_start", window.start().toEpochMilli())
                .bind("team_id", teamId)
                .bind("window_end", window.end().toEpochMilli())
                .bind("completed_at", at.toEpochMilli())
                .bind("members", members)
                .execute() == 1;
    }

    /** When a team completed a window of a quest, if it did. */
    Optional<Instant> completedAt(Handle handle, String applicationId, String quest, Instant windowStart,
            String teamId) {
        return handle.createQuery("""
                SELECT completed_at FROM team_quest_completions WHERE application_id = :application_id
                    AND quest = :quest AND window_start = :window_start AND team_id = :team_id""")
                .bind("application_id", applicationId)
                .bind("quest", quest)
                .bind("window_start", windowStart.toEpochMilli())
                .bind("team_id", teamId)
                .mapTo(Long.class)
                .findOne()
                .map(Instant::ofEpochMilli);
    }

    /** The team's members now. */
    List<String> members(Handle handle, String applicationId, String teamId) {
        return handle.createQuery("SELECT user_id FROM team_members WHERE application_id = :application_id"
                        + " AND team_id = :team_id ORDER BY user_id")
                .bind("application_id", applicationId)
                .bind("team_id", teamId)
                .mapTo(String.class)
                .list();
    }
}
