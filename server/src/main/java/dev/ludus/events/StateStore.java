package dev.ludus.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.engine.Achievement;
import dev.ludus.engine.Achievement.Criterion;
import dev.ludus.engine.Amount;
import dev.ludus.engine.Outcome;
import dev.ludus.engine.Quest;
import dev.ludus.engine.QuestState;
import dev.ludus.engine.Quests;
import dev.ludus.engine.StreakPeriod;
import dev.ludus.engine.StreakState;
import dev.ludus.engine.Streaks;
import dev.ludus.engine.UserState;
import dev.ludus.http.Json;
import dev.ludus.store.Sql;
import dev.ludus.store.WriteBatch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/** The SQL of users' game state, events and points history. Stateless; runs on the caller's handle. */
final class StateStore {

    private final Json json;
    private final StreakStateCodec streakCodec;
    private final QuestStateCodec questCodec;

    StateStore(Json json) {
        this.json = json;
        this.streakCodec = new StreakStateCodec(json);
        this.questCodec = new QuestStateCodec(json);
    }

    /** An event as stored. */
    record StoredEvent(String id, String userId, String metric, Amount value, Instant occurredAt, Instant receivedAt,
            Map<String, String> attributes) { }

    /** One entry of a points history. */
    record LedgerEntry(long id, long amount, long balance, String source, String reference, String reason,
            Instant createdAt) { }

    private static final String LOAD = """
            SELECT 'm', metric, total, recent, 0 FROM user_metrics WHERE application_id = ? AND user_id = ?
            UNION ALL
            SELECT 'p', system_key, balance, progress, due_at FROM user_points WHERE application_id = ? AND user_id = ?
            UNION ALL
            SELECT 'a', achievement, unlocked_at, NULL, backfilled FROM user_achievements
                WHERE application_id = ? AND user_id = ?
            UNION ALL
            SELECT 's', streak, current_length, state, 0 FROM user_streaks WHERE application_id = ? AND user_id = ?
            UNION ALL
            SELECT 'q', quest, 0, state, 0 FROM user_quests WHERE application_id = ? AND user_id = ?""";

    /**
     * The user's whole state in one round trip, in a writer's transaction, as it stood before the
     * batch: for the first read of a user in a batch, which {@link BatchUsers} then keeps (so the
     * batch's waiting rows of other users need not be sent first).
     */
    UserState load(WriteBatch batch, String applicationId, String userId) {
        StateReader reader = new StateReader();
        batch.queryBeforeWrites(LOAD, reader, loadParameters(applicationId, userId));
        return reader.state();
    }

    /** The user's whole state in one round trip, outside a writer. */
    UserState load(Handle handle, String applicationId, String userId) {
        StateReader reader = new StateReader();
        Sql.query(handle, LOAD, reader, loadParameters(applicationId, userId));
        return reader.state();
    }

    /**
     * {@link #load} for several users of one application in one statement (PostgreSQL: the ids are
     * sent as an array); a user without rows has an empty state.
     */
    Map<String, UserState> loadAll(WriteBatch batch, String applicationId, List<String> userIds) {
        Map<String, StateReader> readers = new HashMap<>();
        userIds.forEach(userId -> readers.put(userId, new StateReader()));
        String[] ids = userIds.toArray(String[]::new);
        batch.queryBeforeWrites(LOAD_ALL, row -> readers.get(row.getString(6)).read(row),
                applicationId, ids, applicationId, ids, applicationId, ids, applicationId, ids, applicationId, ids);
        Map<String, UserState> states = new HashMap<>();
        readers.forEach((userId, reader) -> states.put(userId, reader.state()));
        return states;
    }

    private static final String LOAD_ALL = """
            SELECT 'm', metric, total, recent, 0, user_id FROM user_metrics
                WHERE application_id = ? AND user_id = ANY (?)
            UNION ALL
            SELECT 'p', system_key, balance, progress, due_at, user_id FROM user_points
                WHERE application_id = ? AND user_id = ANY (?)
            UNION ALL
            SELECT 'a', achievement, unlocked_at, NULL, backfilled, user_id FROM user_achievements
                WHERE application_id = ? AND user_id = ANY (?)
            UNION ALL
            SELECT 's', streak, current_length, state, 0, user_id FROM user_streaks
                WHERE application_id = ? AND user_id = ANY (?)
            UNION ALL
            SELECT 'q', quest, 0, state, 0, user_id FROM user_quests
                WHERE application_id = ? AND user_id = ANY (?)""";

    private static Object[] loadParameters(String applicationId, String userId) {
        return new Object[] {applicationId, userId, applicationId, userId, applicationId, userId, applicationId, userId,
            applicationId, userId};
    }

    /** Builds a {@link UserState} from the rows of {@link #LOAD}. */
    private final class StateReader implements Sql.RowReader {
        private final Map<String, Amount> totals = new HashMap<>();
        private final Map<String, UserState.Balance> points = new HashMap<>();
        private final Map<String, UserState.Unlock> unlocked = new HashMap<>();
        private final Map<String, StreakState> streaks = new HashMap<>();
        private final Map<String, QuestState> quests = new HashMap<>();
        private final Map<String, List<Instant>> recent = new HashMap<>();

        @Override
        public void read(ResultSet row) throws SQLException {
            String name = row.getString(2);
            long number = row.getLong(3);
            switch (row.getString(1)) {
                case "m" -> {
                    totals.put(name, new Amount(number));
                    String arrivals = row.getString(4);
                    if (arrivals != null && !arrivals.isEmpty()) {
                        recent.put(name, arrivals(arrivals));
                    }
                }
                case "p" -> {
                    long due = row.getLong(5);
                    points.put(name, balance(number, row.getString(4), row.wasNull() ? Optional.empty()
                            : Optional.of(Instant.ofEpochMilli(due))));
                }
                case "s" -> streaks.put(name, streakCodec.read(row.getString(4)));
                case "q" -> quests.put(name, questCodec.read(row.getString(4)));
                default -> unlocked.put(name, new UserState.Unlock(Instant.ofEpochMilli(number), row.getInt(5) == 1));
            }
        }

        UserState state() {
            return new UserState(totals, points, unlocked, streaks, quests, recent, Optional.empty());
        }
    }

    /** Writes what differs between {@code before} and {@code after}, when the batch commits. */
    void save(WriteBatch batch, String applicationId, String userId, UserState before, UserState after,
            Instant now) {
        long at = now.toEpochMilli();
        after.totals().forEach((metric, total) -> {
            List<Instant> arrivals = after.recent(metric);
            if (!total.equals(before.totals().get(metric)) || !arrivals.equals(before.recent(metric))) {
                batch.write("""
                        INSERT INTO user_metrics (application_id, user_id, metric, total, recent, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (application_id, user_id, metric)
                        DO UPDATE SET total = excluded.total, recent = excluded.recent, updated_at = excluded.updated_at""",
                        applicationId, userId, metric, total.micros(), arrivals.isEmpty() ? null : arrivals(arrivals),
                        at);
            }
        });
        before.recent().keySet().stream().filter(metric -> !after.recent().containsKey(metric)
                && after.totals().get(metric).equals(before.totals().get(metric))).forEach(metric ->
                batch.write("UPDATE user_metrics SET recent = NULL WHERE application_id = ? AND user_id = ? AND metric = ?",
                        applicationId, userId, metric));
        after.points().forEach((system, balance) -> {
            if (!balance.equals(before.points().get(system))) {
                Map<String, Object> progress = new TreeMap<>();
                balance.progress().forEach((key, amount) -> progress.put(key, amount.micros()));
                balance.caps().forEach((key, use) -> progress.put(CAP + key,
                        List.of(use.periodStart().toEpochMilli(), use.earned())));
                balance.lots().forEach(lot -> progress.put(LOT + lot.day().toEpochDay(), lot.noticed()
                        ? List.of(lot.points(), lot.expiresAt().toEpochMilli(), 1)
                        : List.of(lot.points(), lot.expiresAt().toEpochMilli())));
                balance.season().ifPresent(start -> progress.put(SEASON, start.toEpochMilli()));
                batch.write("""
                        INSERT INTO user_points (application_id, user_id, system_key, balance, progress, updated_at,
                            due_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (application_id, user_id, system_key) DO UPDATE SET balance = excluded.balance,
                            progress = excluded.progress, updated_at = excluded.updated_at,
                            due_at = excluded.due_at""",
                        applicationId, userId, system, balance.balance(), json.text(progress), at,
                        balance.due().map(Instant::toEpochMilli).orElse(null));
            }
        });
        after.streaks().forEach((streak, standing) -> {
            if (!standing.equals(before.streaks().get(streak))) {
                batch.write("""
                        INSERT INTO user_streaks (application_id, user_id, streak, current_length, longest, state,
                            updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (application_id, user_id, streak) DO UPDATE SET
                            current_length = excluded.current_length, longest = excluded.longest,
                            state = excluded.state, updated_at = excluded.updated_at""",
                        applicationId, userId, streak, standing.current(), standing.longest(),
                        streakCodec.write(standing), at);
            }
        });
        after.quests().forEach((quest, standing) -> {
            if (!standing.equals(before.quests().get(quest))) {
                batch.write("""
                        INSERT INTO user_quests (application_id, user_id, quest, state, updated_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (application_id, user_id, quest) DO UPDATE SET
                            state = excluded.state, updated_at = excluded.updated_at""",
                        applicationId, userId, quest, questCodec.write(standing), at);
            }
        });
        after.unlocked().forEach((achievement, unlock) -> {
            if (!before.unlocked().containsKey(achievement)) {
                batch.write("""
                        INSERT INTO user_achievements (application_id, user_id, achievement, unlocked_at, backfilled)
                        VALUES (?, ?, ?, ?, ?)""",
                        applicationId, userId, achievement, unlock.at().toEpochMilli(), unlock.backfilled() ? 1 : 0);
            }
        });
    }

    /**
     * Records the periods that the streak outcomes of one write settled: met (extended), frozen
     * (a freeze consumed) or missed (lost).
     */
    void appendStreakPeriods(WriteBatch batch, String applicationId, String userId, List<Outcome.StreakChanged> changes,
            Instant now) {
        for (Outcome.StreakChanged changed : changes) {
            record Settled(StreakPeriod period, String result, int length) { }
            Settled settled = switch (changed.change()) {
                case Streaks.Extended extended -> new Settled(extended.period(), "met", extended.length());
                case Streaks.FreezeConsumed frozen -> new Settled(frozen.period(), "frozen", frozen.length());
                case Streaks.Lost lost -> new Settled(lost.period(), "missed", lost.length());
                case Streaks.FreezeEarned earned -> null;
                case Streaks.FreezesGranted granted -> null;
            };
            if (settled == null) {
                continue;
            }
            batch.write("""
                    INSERT INTO streak_periods (application_id, user_id, streak, period_start, period_end, first_day,
                        zone, result, length, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (application_id, user_id, streak, period_start) DO UPDATE SET
                        result = excluded.result, length = excluded.length, recorded_at = excluded.recorded_at""",
                    applicationId, userId, changed.change().streak(), settled.period().start().toEpochMilli(),
                    settled.period().end().toEpochMilli(), settled.period().firstDay().toString(),
                    settled.period().zone().getId(), settled.result(), settled.length(), now.toEpochMilli());
        }
    }

    /**
     * Records the windows that the quest outcomes of one write ended: completed or expired (a
     * recurring quest's window once, a fixed one once).
     */
    void appendQuestHistory(WriteBatch batch, String applicationId, String userId, List<Outcome.QuestChanged> changes,
            Instant now) {
        for (Outcome.QuestChanged changed : changes) {
            switch (changed.change()) {
                case Quests.Completed done -> questWindow(batch, applicationId, userId, done.quest(), done.window(),
                        "completed", done.steps(), done.steps(), done.at(), now);
                case Quests.Expired expired -> questWindow(batch, applicationId, userId, expired.quest(),
                        expired.window(), "expired", expired.done(), expired.steps(), null, now);
                case Quests.TeamCompleted done -> questWindow(batch, applicationId, userId, done.quest(), done.window(),
                        "completed", done.steps(), done.steps(), done.at(), now);
                case Quests.StepCompleted step -> { }
            }
        }
    }

    private static void questWindow(WriteBatch batch, String applicationId, String userId, String quest,
            Quest.Span window, String status, int done, int steps, Instant completedAt, Instant now) {
        batch.write("""
                INSERT INTO quest_history (application_id, user_id, quest, window_start, window_end, status, steps_done,
                    steps, completed_at, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (application_id, user_id, quest, window_start) DO UPDATE SET status = excluded.status,
                    steps_done = excluded.steps_done, steps = excluded.steps, completed_at = excluded.completed_at,
                    recorded_at = excluded.recorded_at""",
                applicationId, userId, quest, window.start().toEpochMilli(), window.end().toEpochMilli(), status, done,
                steps, completedAt == null ? null : completedAt.toEpochMilli(), now.toEpochMilli());
    }

    /** One settled period of a streak, as stored. */
    record SettledPeriod(Instant start, Instant end, String firstDay, String zone, String result, int length,
            Instant recordedAt) { }

    /** Up to {@code count} settled periods of one streak, newest first, starting before {@code before}. */
    List<SettledPeriod> streakPeriods(Handle handle, String applicationId, String userId, String streak, long before,
            int count) {
        return handle.createQuery("""
                SELECT * FROM streak_periods WHERE application_id = :application_id AND user_id = :user_id
                    AND streak = :streak AND period_start < :before
                ORDER BY period_start DESC LIMIT :count""")
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .bind("streak", streak)
                .bind("before", before)
                .bind("count", count)
                .map((rs, ctx) -> new SettledPeriod(Instant.ofEpochMilli(rs.getLong("period_start")),
                        Instant.ofEpochMilli(rs.getLong("period_end")), rs.getString("first_day"), rs.getString("zone"),
                        rs.getString("result"), rs.getInt("length"), Instant.ofEpochMilli(rs.getLong("recorded_at"))))
                .list();
    }

    /** Clears {@code user_points.due_at} of a balance whose points system is not active. */
    void forgetDue(WriteBatch batch, String applicationId, String userId, String system) {
        batch.write("UPDATE user_points SET due_at = NULL WHERE application_id = ? AND user_id = ? AND system_key = ?",
                applicationId, userId, system);
    }

    /** Keeps the final standings of the seasons that ended in one write. */
    void appendSeasons(WriteBatch batch, String applicationId, String userId, List<Outcome.SeasonEnded> ended,
            Instant now) {
        for (Outcome.SeasonEnded season : ended) {
            batch.write("""
                    INSERT INTO points_seasons (application_id, system_key, season, user_id, season_start, season_end,
                        balance, level, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (application_id, system_key, season, user_id) DO UPDATE SET
                        balance = excluded.balance, level = excluded.level, recorded_at = excluded.recorded_at""",
                    applicationId, season.system(), season.season().key(), userId,
                    season.season().start().orElseThrow().toEpochMilli(), season.season().end().orElseThrow().toEpochMilli(),
                    season.balance(), season.level().map(level -> (Object) level.number()).orElse(null),
                    now.toEpochMilli());
        }
    }

    /**
     * Writes the history entries of {@code changes}; an entry of points that expired has the reason
     * {@value #EXPIRED}, one of a season's end {@value #SEASON_ENDED}, the others {@code reason}.
     */
    void appendLedger(WriteBatch batch, String applicationId, String userId, List<Outcome.PointsChanged> changes,
            Optional<String> reason, Instant now) {
        for (Outcome.PointsChanged change : changes) {
            if (change.amount() == 0) {
                continue;
            }
            Optional<String> why = switch (change.source()) {
                case EXPIRY -> Optional.of(EXPIRED);
                case SEASON -> Optional.of(SEASON_ENDED);
                default -> reason;
            };
            batch.write("""
                    INSERT INTO points_ledger (application_id, user_id, system_key, amount, balance, source, reference,
                        reason, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    applicationId, userId, change.system(), change.amount(), change.balance(),
                    change.source().wireName(), change.reference().orElse(null), why.orElse(null),
                    now.toEpochMilli());
        }
    }

    void insertEvent(WriteBatch batch, String applicationId, StoredEvent event) {
        batch.write("""
                INSERT INTO events (id, application_id, user_id, metric, value, occurred_at, received_at, attributes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                event.id(), applicationId, event.userId(), event.metric(), event.value().micros(),
                event.occurredAt().toEpochMilli(), event.receivedAt().toEpochMilli(),
                json.text(new TreeMap<>(event.attributes())));
    }

    /** The user's latest events, newest first. */
    List<StoredEvent> recentEvents(Handle handle, String applicationId, String userId, int count) {
        return handle.createQuery("""
                SELECT * FROM events WHERE application_id = :application_id AND user_id = :user_id
                ORDER BY seq DESC LIMIT :count""")
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .bind("count", count)
                .map((rs, ctx) -> new StoredEvent(rs.getString("id"), rs.getString("user_id"), rs.getString("metric"),
                        new Amount(rs.getLong("value")), Instant.ofEpochMilli(rs.getLong("occurred_at")),
                        Instant.ofEpochMilli(rs.getLong("received_at")), attributes(rs.getString("attributes"))))
                .list();
    }

    /** Up to {@code count} history entries of one system, newest first, before entry {@code before}. */
    List<LedgerEntry> ledger(Handle handle, String applicationId, String userId, String system, long before, int count) {
        return handle.createQuery("""
                SELECT * FROM points_ledger WHERE application_id = :application_id AND user_id = :user_id
                    AND system_key = :system AND seq < :before
                ORDER BY seq DESC LIMIT :count""")
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .bind("system", system)
                .bind("before", before)
                .bind("count", count)
                .map((rs, ctx) -> new LedgerEntry(rs.getLong("seq"), rs.getLong("amount"), rs.getLong("balance"),
                        rs.getString("source"), rs.getString("reference"), rs.getString("reason"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list();
    }

    /** How many users have each achievement. */
    Map<String, Long> completions(Handle handle, String applicationId) {
        Map<String, Long> counts = new HashMap<>();
        handle.createQuery("""
                SELECT achievement, COUNT(*) AS completions FROM user_achievements
                WHERE application_id = :application_id GROUP BY achievement""")
                .bind("application_id", applicationId)
                .map((rs, ctx) -> counts.put(rs.getString("achievement"), rs.getLong("completions")))
                .list();
        return counts;
    }

    /**
     * The users a backfill of {@code achievement} (as defined here) grants it to: those who meet its
     * criterion and lack it; none for an achievement completed through the API.
     */
    List<String> usersQualifying(Handle handle, String applicationId, Achievement achievement) {
        String key = achievement.key();
        return switch (achievement.criterion()) {
            case Criterion.MetricTotal total -> usersReaching(handle, applicationId, total.metric(), total.threshold(), key);
            case Criterion.AllOf all -> usersHoldingAll(handle, applicationId, all.prerequisites(), key);
            case Criterion.StreakLength streak -> usersWithStreak(handle, applicationId, streak.streak(), streak.length(), key);
            case Criterion.ApiCall api -> List.of();
        };
    }

    /** Users whose total of {@code metric} is at least {@code threshold} and who lack {@code achievement}. */
    List<String> usersReaching(Handle handle, String applicationId, String metric, Amount threshold, String achievement) {
        return handle.createQuery("""
                SELECT m.user_id FROM user_metrics m
                WHERE m.application_id = :application_id AND m.metric = :metric AND m.total >= :threshold
                  AND NOT EXISTS (SELECT 1 FROM user_achievements a WHERE a.application_id = m.application_id
                      AND a.user_id = m.user_id AND a.achievement = :achievement)""")
                .bind("application_id", applicationId)
                .bind("metric", metric)
                .bind("threshold", threshold.micros())
                .bind("achievement", achievement)
                .mapTo(String.class)
                .list();
    }

    /** Users whose longest run in {@code streak} is at least {@code length} and who lack {@code achievement}. */
    List<String> usersWithStreak(Handle handle, String applicationId, String streak, int length, String achievement) {
        return handle.createQuery("""
                SELECT s.user_id FROM user_streaks s
                WHERE s.application_id = :application_id AND s.streak = :streak AND s.longest >= :length
                  AND NOT EXISTS (SELECT 1 FROM user_achievements a WHERE a.application_id = s.application_id
                      AND a.user_id = s.user_id AND a.achievement = :achievement)""")
                .bind("application_id", applicationId)
                .bind("streak", streak)
                .bind("length", length)
                .bind("achievement", achievement)
                .mapTo(String.class)
                .list();
    }

    /** Users holding every one of {@code prerequisites} and lacking {@code achievement}. */
    List<String> usersHoldingAll(Handle handle, String applicationId, List<String> prerequisites, String achievement) {
        return handle.createQuery("""
                SELECT a.user_id FROM user_achievements a
                WHERE a.application_id = :application_id AND a.achievement IN (<prerequisites>)
                  AND NOT EXISTS (SELECT 1 FROM user_achievements b WHERE b.application_id = a.application_id
                      AND b.user_id = a.user_id AND b.achievement = :achievement)
                GROUP BY a.user_id HAVING COUNT(*) = :count""")
                .bind("application_id", applicationId)
                .bindList("prerequisites", prerequisites)
                .bind("achievement", achievement)
                .bind("count", prerequisites.size())
                .mapTo(String.class)
                .list();
    }

    /**
     * The prefix of an earning cap's entry in {@code user_points.progress}, whose value is the start of
     * its period (epoch milliseconds) and what was earned in it; the other entries are the triggers'
     * accumulated units.
     */
    private static final String CAP = "cap:";
    /** The reason of the history entry of points that expired. */
    static final String EXPIRED = "expired";
    /** The reason of the history entry of a balance back to zero as its season ended. */
    static final String SEASON_ENDED = "season_ended";
    /** The entry of {@code user_points.progress} holding the start of the balance's season (epoch milliseconds). */
    private static final String SEASON = "season";
    /**
     * The prefix of a lot of an expiring balance, followed by its day (days since the epoch), whose value
     * is its points and when they expire (epoch milliseconds), and a third element 1 once its expiry
     * notice was given.
     */
    private static final String LOT = "lot:";

    private UserState.Balance balance(long balance, String text, Optional<Instant> due) {
        Map<String, Amount> progress = new HashMap<>();
        Map<String, dev.ludus.engine.EarningCap.Use> caps = new HashMap<>();
        List<UserState.Lot> lots = new java.util.ArrayList<>();
        Instant[] season = new Instant[1];
        JsonNode node = json.readTrusted(text);
        node.properties().forEach(entry -> {
            if (entry.getKey().equals(SEASON)) {
                season[0] = Instant.ofEpochMilli(entry.getValue().longValue());
            } else if (entry.getKey().startsWith(LOT)) {
                lots.add(new UserState.Lot(java.time.LocalDate.ofEpochDay(Long.parseLong(entry.getKey()
                        .substring(LOT.length()))), entry.getValue().get(0).longValue(),
                        Instant.ofEpochMilli(entry.getValue().get(1).longValue()), entry.getValue().size() > 2));
            } else if (entry.getKey().startsWith(CAP)) {
                caps.put(entry.getKey().substring(CAP.length()), new dev.ludus.engine.EarningCap.Use(
                        Instant.ofEpochMilli(entry.getValue().get(0).longValue()), entry.getValue().get(1).longValue()));
            } else {
                progress.put(entry.getKey(), new Amount(entry.getValue().longValue()));
            }
        });
        lots.sort(java.util.Comparator.comparing(UserState.Lot::day));
        return new UserState.Balance(balance, progress, caps, lots, Optional.ofNullable(season[0]), due);
    }

    /** A guarded metric's arrivals as {@code user_metrics.recent} keeps them: epoch milliseconds, comma-separated. */
    private static String arrivals(List<Instant> arrivals) {
        StringBuilder text = new StringBuilder();
        for (Instant at : arrivals) {
            text.append(text.isEmpty() ? "" : ",").append(at.toEpochMilli());
        }
        return text.toString();
    }

    private static List<Instant> arrivals(String text) {
        List<Instant> arrivals = new java.util.ArrayList<>();
        for (String at : text.split(",")) {
            arrivals.add(Instant.ofEpochMilli(Long.parseLong(at)));
        }
        return arrivals;
    }

    private Map<String, String> attributes(String text) {
        Map<String, String> attributes = new TreeMap<>();
        json.readTrusted(text).properties().forEach(entry -> attributes.put(entry.getKey(), entry.getValue().asText()));
        return attributes;
    }
}
