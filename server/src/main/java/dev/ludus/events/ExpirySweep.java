package dev.ludus.events;

import dev.ludus.store.GroupCommit;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does what time alone does to the balances of users no write has touched since (a write does it
 * itself, first): takes away points whose lifetime ended, gives the notices of points about to, ends
 * seasons. On every node, every {@code LUDUS_EXPIRY_SWEEP_INTERVAL}, the balances whose
 * {@code due_at} has passed, {@value #BATCH} at a time, each brought up to date by a write in its
 * user's partition ({@link EventService#expire}). Several nodes may find the same user: the write
 * locks the user, so the second finds nothing left to do, and each lot expires once.
 */
public final class ExpirySweep implements AutoCloseable {

    static final int BATCH = 500;
    /** The most batches of one pass, so that a pass ends even when expiries keep coming. */
    private static final int MAX_BATCHES = 20;
    private static final Logger LOG = LoggerFactory.getLogger(ExpirySweep.class);

    private final Jdbi jdbi;
    private final EventService events;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    private ExpirySweep(Jdbi jdbi, EventService events, Clock clock) {
        this.jdbi = jdbi;
        this.events = events;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ludus-expiry-sweep")
                .daemon(true).factory());
    }

    /** Sweeps every {@code every}, the first time after one {@code every}. */
    public static ExpirySweep start(Jdbi jdbi, EventService events, Clock clock, Duration every) {
        ExpirySweep sweep = new ExpirySweep(jdbi, events, clock);
        sweep.timer.scheduleWithFixedDelay(sweep::run, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return sweep;
    }

    private void run() {
        try {
            int expired = sweep();
            if (expired > 0) {
                LOG.info("expired the points of {} balances", expired);
            }
        } catch (RuntimeException e) {
            // a task of the scheduler that throws is never run again
            LOG.warn("the expiry sweep failed ({}); the next one tries again", e.toString());
        }
    }

    /** One pass; answers how many balances lost points. */
    public int sweep() {
        int expired = 0;
        for (int round = 0; round < MAX_BATCHES; round++) {
            long now = clock.millis();
            List<Due> due = jdbi.withHandle(handle -> handle.createQuery("""
                            SELECT application_id, user_id, system_key FROM user_points
                            WHERE due_at <= :now ORDER BY due_at LIMIT :limit""")
                    .bind("now", now)
                    .bind("limit", BATCH)
                    .map((rs, ctx) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3)))
                    .list());
            List<CompletableFuture<Boolean>> writes = new ArrayList<>(due.size());
            for (Due balance : due) {
                writes.add(events.expire(balance.applicationId(), balance.userId(), balance.system()));
            }
            for (CompletableFuture<Boolean> write : writes) {
                if (GroupCommit.await(write)) {
                    expired++;
                }
            }
            if (due.size() < BATCH) {
                break;
            }
        }
        return expired;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Due(String applicationId, String userId, String system) { }
}
