package dev.ludus.leaderboard;

import dev.ludus.engine.Period;
import dev.ludus.store.Sql;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ranking indexes of every board and period, named {@code <application>/<board>/<period>}, kept
 * in step with the stored scores, which are the truth.
 *
 * <p>An index is <em>doubted</em> until a rebuild ({@link Ranking#rebuild}) has compared it with the
 * store since the last reason to doubt it: its first use in this process, an update that failed or was
 * skipped, a backfill, and a new {@linkplain Rankings#generation() generation} of the rankings (Redis
 * restarted, from an older snapshot or empty, failed over, or was flushed). Only the first use is a
 * mild doubt: an index already loaded then (in Redis, by this or another node) is used at once and
 * checked in the background; any other reason keeps it out of use until it is repaired. The writer
 * thread never rebuilds: {@link #ready} answers nothing for an index out of use and asks the keeper
 * for a rebuild. Readers ({@link #loaded}) rebuild such an index themselves, waiting at most
 * {@link #READ_WAIT} for one that is being rebuilt, and get a {@link RankingUnavailableException}
 * beyond that or while the rankings do not answer.
 *
 * <p>The keeper, a background thread started by {@link #start}, checks the generation every interval
 * (which also tells whether Redis answers and accepts writes) and rebuilds every doubted index while
 * the rankings are available.
 *
 * <p>Indexes of current periods stay; at most {@link #PAST_PERIODS_KEPT} indexes of finished periods
 * are kept, the least recently used one is forgotten beyond that (and rebuilt if asked for again).
 * Thread-safety: the index map is concurrent; each index is rebuilt under its own lock and its doubt
 * is an atomic counter; the list of past periods is guarded by its own monitor.
 */
public final class Standings implements AutoCloseable, MeterBinder {

    /** How many indexes of finished periods stay in memory. */
    public static final int PAST_PERIODS_KEPT = 8;
    /** How long a read waits for an index that another thread is rebuilding. */
    public static final Duration READ_WAIT = Duration.ofSeconds(2);
    /**
     * How long the writer waits for a remote index's ranks before counting them in the store; also
     * the longest check of the keeper after which the writer asks the index again.
     */
    public static final Duration WRITER_WAIT = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(Standings.class);

    private final Jdbi jdbi;
    private final Rankings rankings;
    private final ScoreStore store = new ScoreStore();
    private final ConcurrentMap<String, IndexState> indexes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> past = new LinkedHashMap<>(16, 0.75f, true);
    /** Released to wake the keeper early (a doubted index waits for it). */
    private final Semaphore wake = new Semaphore(0);
    /** False from a failed call to the rankings until the keeper's next successful check. */
    private volatile boolean available = true;
    /** True from a lookup of the writer slower than WRITER_WAIT until a keeper's check as quick. */
    private volatile boolean slow;
    /** The rankings' generation at the keeper's last check; null before the first. */
    private volatile String generation;
    private volatile boolean running = true;
    /** Index repairs that found the index different from the store (after it was first used). */
    private final AtomicLong repairs = new AtomicLong();
    private Thread keeper;

    public Standings(Jdbi jdbi, Rankings rankings) {
        this.jdbi = jdbi;
        this.rankings = rankings;
    }

    /** The index name of a board's period. */
    static String name(String applicationId, String leaderboard, String period) {
        return applicationId + "/" + leaderboard + "/" + period;
    }

    /** Starts the keeper, which checks the rankings and rebuilds doubted indexes every {@code interval}. */
    public Standings start(Duration interval) {
        keeper = Thread.ofPlatform().daemon(true).name("ludus-leaderboard-keeper").start(() -> {
            while (running) {
                try {
                    keep();
                } catch (RuntimeException e) {
                    LOG.warn("checking the leaderboard indexes failed; retrying in {}", interval, e);
                }
                try {
                    wake.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        return this;
    }

    /** True when live updates are made off the writer thread: the rankings are remote (Redis). */
    public boolean remote() {
        return rankings.remote();
    }

    /**
     * The index of a board's period for the writer thread: empty, without waiting, when it is doubted
     * or the rankings do not answer (a rebuild is then asked of the keeper), so that the caller counts
     * ranks in the store instead.
     */
    Optional<Ranking> ready(String applicationId, String leaderboard, String period) {
        IndexState index = index(applicationId, leaderboard, period);
        if (available && !slow && index.servable()) {
            return Optional.of(rankings.ranking(name(applicationId, leaderboard, period)));
        }
        wake.release();
        return Optional.empty();
    }

    /**
     * The index of a board's period for a read, rebuilt from the store first when it is doubted.
     *
     * @throws RankingUnavailableException when the rankings do not answer, or another thread has been
     *     rebuilding the index for longer than {@link #READ_WAIT}
     */
    public Ranking loaded(String applicationId, String leaderboard, Period period, boolean finished) {
        String name = name(applicationId, leaderboard, period.key());
        if (finished) {
            remember(name);
        }
        IndexState index = index(applicationId, leaderboard, period.key());
        if (!available) {
            throw new RankingUnavailableException("the leaderboard index does not answer; it is repaired from the"
                    + " store when it does", null);
        }
        Ranking ranking = rankings.ranking(name);
        if (index.servable()) {
            return ranking;
        }
        if (!index.looked) {
            try {
                look(index, ranking);
            } catch (RankingUnavailableException e) {
                failed(e);
                throw e;
            }
            if (index.servable()) {
                wake.release();
                return ranking;
            }
        }
        boolean locked;
        try {
            locked = index.lock.tryLock(READ_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            throw new RankingUnavailableException("the leaderboard index " + name + " is being rebuilt from the store",
                    null);
        }
        try {
            rebuild(index);
        } catch (RankingUnavailableException e) {
            failed(e);
            throw e;
        } finally {
            index.lock.unlock();
        }
        return ranking;
    }

    /**
     * Applies a live update to an index, after the commit of the write that made it. When the rankings
     * do not answer, or the update fails, the index is doubted instead, and rebuilt from the store once
     * they answer again.
     */
    void update(String applicationId, String leaderboard, String period, Consumer<Ranking> change) {
        String name = name(applicationId, leaderboard, period);
        if (!rankings.remote()) {
            change.accept(rankings.ranking(name));
            return;
        }
        IndexState index = index(applicationId, leaderboard, period);
        if (!available) {
            doubt(index);
            return;
        }
        try {
            change.accept(rankings.ranking(name));
        } catch (RankingUnavailableException e) {
            failed(e);
            doubt(index);
        }
    }

    /**
     * The index's health as metrics: {@code ludus_leaderboard_index_available} (0 while it does not
     * answer: reads answer 503, events count ranks in the store), {@code ..._slow} (1 while the writer
     * does not wait for it), {@code ..._doubted} (indexes waiting to be compared with the store) and
     * {@code ludus_leaderboard_index_repairs_total}.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ludus.leaderboard.index.available", this, standings -> standings.available ? 1 : 0)
                .description("1 while the leaderboard index answers; 0 while reads answer 503 and events count ranks"
                        + " in the store")
                .register(registry);
        Gauge.builder("ludus.leaderboard.index.slow", this, standings -> standings.slow ? 1 : 0)
                .description("1 while the index answers the writer too slowly to be asked for ranks")
                .register(registry);
        Gauge.builder("ludus.leaderboard.index.doubted", this,
                        standings -> standings.indexes.values().stream().filter(index -> !index.ready()).count())
                .description("leaderboard indexes waiting to be compared with the store and repaired")
                .register(registry);
        FunctionCounter.builder("ludus.leaderboard.index.repairs", repairs, AtomicLong::get)
                .description("repairs of a leaderboard index that differed from the store (Redis lost changes)")
                .register(registry);
    }

    /** Records that the rankings failed to answer: reads answer unavailable until the keeper's next good check. */
    void failed(RankingUnavailableException failure) {
        if (available) {
            LOG.warn("the leaderboard index does not answer ({}); events go on and count ranks in the store,"
                    + " leaderboard reads answer 503 until it answers and is repaired from the store",
                    failure.getMessage());
        }
        available = false;
    }

    /** Records that an update of an index failed: it is doubted, and rebuilt from the store. */
    void failed(String applicationId, String leaderboard, String period, RankingUnavailableException failure) {
        failed(failure);
        doubt(index(applicationId, leaderboard, period));
    }

    /**
     * Records that the index did not answer the writer within {@link #WRITER_WAIT}: the writer counts
     * ranks in the store until a check of the keeper is as quick. (The lookup only reads: the index
     * is not doubted for it.)
     */
    void slow() {
        if (!slow) {
            LOG.warn("the leaderboard index took more than {} ms to answer the writer; events count ranks in the"
                    + " store until it answers quickly again", WRITER_WAIT.toMillis());
        }
        slow = true;
    }

    /** Marks an index to be rebuilt before its next use (after a backfill wrote to the store directly). */
    void invalidate(String applicationId, String leaderboard, String period) {
        doubt(index(applicationId, leaderboard, period));
    }

    /**
     * One pass of the keeper: checks the generation (doubting every index when it changed), then
     * rebuilds the doubted indexes.
     */
    void keep() {
        String current;
        long started = System.nanoTime();
        try {
            current = rankings.generation();
        } catch (RankingUnavailableException e) {
            failed(e);
            return;
        }
        slow = System.nanoTime() - started > WRITER_WAIT.toNanos();
        if (generation != null && !generation.equals(current)) {
            LOG.warn("the leaderboard index may have lost changes (Redis restarted, failed over or was flushed);"
                    + " comparing its {} indexes with the store", indexes.size());
            indexes.values().forEach(this::doubt);
        }
        generation = current;
        if (!available) {
            LOG.info("the leaderboard index answers again; repairing what it missed from the store");
            available = true;
        }
        for (IndexState index : indexes.values()) {
            if (!running || !available) {
                return;
            }
            if (index.ready() || !index.lock.tryLock()) {
                continue;
            }
            try {
                if (!index.looked) {
                    look(index, rankings.ranking(name(index.applicationId, index.leaderboard, index.period)));
                }
                rebuild(index);
            } catch (RankingUnavailableException e) {
                failed(e);
            } catch (RuntimeException e) {
                LOG.warn("rebuilding the leaderboard index {} from the store failed; retrying",
                        name(index.applicationId, index.leaderboard, index.period), e);
            } finally {
                index.lock.unlock();
            }
        }
    }

    /** Compares an index with the store and repairs it; the caller holds the index's lock. */
    private void rebuild(IndexState index) {
        long doubts = index.doubts.get();
        if (index.settled == doubts) {
            return;
        }
        String name = name(index.applicationId, index.leaderboard, index.period);
        boolean first = index.settled == 0;
        long changed = rankings.ranking(name).rebuild(() -> Sql.streamed(jdbi, handle ->
                store.all(handle, index.applicationId, index.leaderboard, index.period)));
        if (rankings.remote() && !first && changed > 0) {
            repairs.incrementAndGet();
            LOG.info("repaired the leaderboard index {} from the store: {} users differed", name, changed);
        } else if (rankings.remote() && changed > 0) {
            LOG.info("the leaderboard index {} differed from the store in {} users when this node first used it;"
                    + " repaired", name, changed);
        }
        index.settled = doubts;
        // a doubt raised meanwhile counts first, then clears usable: check again after setting it
        index.usable = true;
        if (index.doubts.get() != doubts) {
            index.usable = false;
        }
    }

    /**
     * The first look of this process at an index that nothing has put in doubt yet: when it is already
     * loaded (in Redis, by this or another node), it is used at once and checked against the store in
     * the background, instead of holding reads and ranks until that check is done.
     */
    private void look(IndexState index, Ranking ranking) {
        boolean loaded = index.doubts.get() == 1 && ranking.loaded();
        index.looked = true;
        if (loaded && index.doubts.get() == 1) {
            index.usable = true;
            if (index.doubts.get() != 1) {
                index.usable = false;
            }
        }
    }

    /** A reason to think the index lost changes: it is not used until a rebuild has repaired it. */
    private void doubt(IndexState index) {
        index.looked = true;
        index.doubts.incrementAndGet();
        index.usable = false;
        wake.release();
    }

    private IndexState index(String applicationId, String leaderboard, String period) {
        return indexes.computeIfAbsent(name(applicationId, leaderboard, period),
                unused -> new IndexState(applicationId, leaderboard, period));
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
            indexes.remove(forgotten);
            try {
                rankings.forget(forgotten);
            } catch (RankingUnavailableException e) {
                failed(e);
            }
        }
    }

    /** Stops the keeper. */
    @Override
    public void close() {
        running = false;
        Thread thread = keeper;
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
