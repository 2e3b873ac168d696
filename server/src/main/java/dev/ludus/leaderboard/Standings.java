package dev.ludus.leaderboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;

/**
 * The ranking indexes of every board and period, named {@code <application>/<board>/<period>}, each
 * rebuilt from the stored scores on first use: under a per-index lock, {@link Ranking#clear()},
 * {@link Ranking#putAll} of what the store holds, {@link Ranking#markLoaded()}. Live updates go to
 * the index whether it is loaded or not: their versions make a rebuild that races them harmless.
 *
 * <p>Indexes of current periods stay; at most {@link #PAST_PERIODS_KEPT} indexes of finished periods
 * are kept, the least recently used one is forgotten beyond that (and rebuilt if asked for again).
 * Thread-safety: the lock map is concurrent; the list of past periods is guarded by its own monitor.
 */
public final class Standings {

    /** How many indexes of finished periods stay in memory. */
    public static final int PAST_PERIODS_KEPT = 8;

    private final Jdbi jdbi;
    private final Rankings rankings;
    private final ScoreStore store = new ScoreStore();
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Boolean> past = new LinkedHashMap<>(16, 0.75f, true);

    public Standings(Jdbi jdbi, Rankings rankings) {
        this.jdbi = jdbi;
        this.rankings = rankings;
    }

    /** The index name of a board's period. */
    static String name(String applicationId, String leaderboard, String period) {
        return applicationId + "/" + leaderboard + "/" + period;
    }

    /** The index of a board's period, rebuilt from the store when it is not loaded. */
    public Ranking loaded(String applicationId, String leaderboard, Period period, boolean finished) {
        String name = name(applicationId, leaderboard, period.key());
        if (finished) {
            remember(name);
        }
        Ranking ranking = rankings.ranking(name);
        if (ranking.loaded()) {
            return ranking;
        }
        ReentrantLock lock = locks.computeIfAbsent(name, key -> new ReentrantLock());
        lock.lock();
        try {
            if (!ranking.loaded()) {
                ranking.clear();
                ranking.putAll(jdbi.withHandle(handle -> store.all(handle, applicationId, leaderboard, period.key())));
                ranking.markLoaded();
            }
        } finally {
            lock.unlock();
        }
        return ranking;
    }

    /** The index of a board's period, loaded or not, for a live update. */
    Ranking live(String applicationId, String leaderboard, String period) {
        return rankings.ranking(name(applicationId, leaderboard, period));
    }

    /** Marks an index to be rebuilt on its next use (after a backfill wrote to the store directly). */
    void invalidate(String applicationId, String leaderboard, String period) {
        String name = name(applicationId, leaderboard, period);
        ReentrantLock lock = locks.computeIfAbsent(name, key -> new ReentrantLock());
        lock.lock();
        try {
            rankings.ranking(name).clear();
        } finally {
            lock.unlock();
        }
    }

    private void remember(String name) {
        String forgotten = null;
        synchronized (past) {
            past.put(name, Boolean.TRUE);
            if (past.size() > PAST_PERIODS_KEPT) {
                forgotten = past.keySet().iterator().next();
                past.remove(forgotten);
            }
        }
        if (forgotten != null) {
            rankings.forget(forgotten);
        }
    }
}
