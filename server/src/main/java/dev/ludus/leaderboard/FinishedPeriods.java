package dev.ludus.leaderboard;

import dev.ludus.engine.Period;
import dev.ludus.engine.PeriodKind;
import dev.ludus.rules.RuleService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces each finished period of each leaderboard once: the period before the current one of a
 * daily, weekly, monthly, quarterly or yearly board, and the last period of a board whose {@code ends_at} has passed,
 * when it has at least one score. A row in {@code leaderboard_periods_finished} claims the
 * announcement in the transaction that hands it to the {@link Listener}, so each period is announced
 * by one node, once, even across restarts. A background thread looks every {@code interval}.
 */
public final class FinishedPeriods implements AutoCloseable {

    /** How many of the final standings an announcement carries. */
    public static final int TOP = 10;

    /** Told about a finished period inside the transaction that claims it. */
    @FunctionalInterface
    public interface Listener {
        void finished(Handle handle, String applicationId, LeaderboardRule board, Period period,
                List<Ranking.Placed> top, Instant now);
    }

    private static final Logger LOG = LoggerFactory.getLogger(FinishedPeriods.class);

    private final Jdbi jdbi;
    private final RuleService rules;
    private final Standings standings;
    private final Listener listener;
    private final Runnable afterCommit;
    private final Clock clock;
    private final Duration interval;
    /**
     * Periods known to be announced (by this node or another), so that a pass writes nothing for
     * them. Guarded by this object (announce is synchronized).
     */
    private final java.util.Set<String> known = new java.util.HashSet<>();
    private volatile boolean running = true;
    private Thread thread;

    /**
     * @param afterCommit run after a transaction that announced something committed (wakes the webhook dispatcher)
     */
    public FinishedPeriods(Jdbi jdbi, RuleService rules, Standings standings, Listener listener, Runnable afterCommit,
            Clock clock, Duration interval) {
        this.jdbi = jdbi;
        this.rules = rules;
        this.standings = standings;
        this.listener = listener;
        this.afterCommit = afterCommit;
        this.clock = clock;
        this.interval = interval;
    }

    /** Starts looking in the background. */
    public FinishedPeriods start() {
        thread = Thread.ofPlatform().daemon(true).name("ludus-leaderboard-periods").start(() -> {
            while (running) {
                try {
                    announce();
                } catch (RuntimeException e) {
                    LOG.warn("announcing finished leaderboard periods failed; retrying in {}", interval, e);
                }
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        return this;
    }

    /** One pass: announces every finished period not announced yet. Returns how many it announced. */
    public synchronized int announce() {
        if (known.size() > 100_000) {
            known.clear();
        }
        Instant now = clock.instant();
        int announced = 0;
        for (String applicationId : rules.applicationsWith(LeaderboardKind.KIND)) {
            for (LeaderboardRule board : rules.active(applicationId).all(LeaderboardRule.class)) {
                for (Period period : finished(board, now)) {
                    String name = Standings.name(applicationId, board.key(), period.key());
                    if (known.contains(name)) {
                        continue;
                    }
                    switch (announce(applicationId, board, period, now)) {
                        case ANNOUNCED -> {
                            announced++;
                            known.add(name);
                        }
                        case ALREADY -> known.add(name);
                        case EMPTY -> { }
                    }
                }
            }
        }
        return announced;
    }

    /** The periods of {@code board} that may have finished by {@code now} and are worth announcing. */
    static List<Period> finished(LeaderboardRule board, Instant now) {
        List<Period> periods = new ArrayList<>();
        if (board.period() != PeriodKind.ALL_TIME) {
            Period current = board.periodAt(now);
            Period previous = board.periodAt(current.start().orElseThrow().minusMillis(1));
            if (board.endsAt().map(end -> previous.start().orElseThrow().isBefore(end)).orElse(true)) {
                periods.add(previous);
            }
        }
        Optional<Instant> end = board.endsAt().filter(last -> !now.isBefore(last));
        end.ifPresent(last -> {
            Period last0 = board.period() == PeriodKind.ALL_TIME ? Period.ALL_TIME : board.periodAt(last.minusMillis(1));
            if (!periods.contains(last0)) {
                periods.add(last0);
            }
        });
        return periods;
    }

    private enum Result { ANNOUNCED, ALREADY, EMPTY }

    private Result announce(String applicationId, LeaderboardRule board, Period period, Instant now) {
        Result result = jdbi.inTransaction(handle -> {
            if (hasRow(handle, "leaderboard_periods_finished", applicationId, board, period)) {
                return Result.ALREADY;
            }
            if (!hasRow(handle, "leaderboard_scores", applicationId, board, period)) {
                return Result.EMPTY;
            }
            int claimed = handle.createUpdate("""
                    INSERT INTO leaderboard_periods_finished (application_id, leaderboard, period, announced_at)
                    VALUES (:application_id, :leaderboard, :period, :now)
                    ON CONFLICT (application_id, leaderboard, period) DO NOTHING""")
                    .bind("application_id", applicationId)
                    .bind("leaderboard", board.key())
                    .bind("period", period.key())
                    .bind("now", now.toEpochMilli())
                    .execute();
            if (claimed == 0) {
                return Result.ALREADY;
            }
            List<Ranking.Placed> top = standings.loaded(applicationId, board.key(), period, true).range(0, TOP);
            listener.finished(handle, applicationId, board, period, top, now);
            return Result.ANNOUNCED;
        });
        if (result == Result.ANNOUNCED) {
            afterCommit.run();
        }
        return result;
    }

    /** Whether {@code table} (one of ours, never input) has a row for the board's period. */
    private static boolean hasRow(Handle handle, String table, String applicationId, LeaderboardRule board,
            Period period) {
        return handle.createQuery("SELECT 1 FROM " + table + " WHERE application_id = :application_id"
                        + " AND leaderboard = :leaderboard AND period = :period LIMIT 1")
                .bind("application_id", applicationId)
                .bind("leaderboard", board.key())
                .bind("period", period.key())
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
