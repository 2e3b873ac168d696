package dev.ludus.stats;

import dev.ludus.auth.AuthMethod;
import dev.ludus.events.ChangeListener;
import dev.ludus.webhook.AttemptCounter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures kept at write time, assembled: the listener that counts applied changes in their
 * transaction, the counter of webhook attempts (in the attempt's transaction), the tally of requests
 * by authentication method (in memory, written every {@link RequestTally#FLUSH_EVERY} by a thread of
 * its own, together with the other figures kept in memory that registered with {@link #flushWith}),
 * and the reads of {@code GET /v1/stats}. Closing it stops that thread and writes what is left.
 */
public final class Stats implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Stats.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final StatsStore store = new StatsStore();
    private final SettledBuckets settled = new SettledBuckets();
    private final StatsListener listener;
    private final RequestTally requests;
    private final ScheduledExecutorService flusher;
    /** What else the flusher writes; added to while the server starts, read by the flusher. */
    private final List<Runnable> others = new CopyOnWriteArrayList<>();

    private Stats(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        // each node starts its writers' shards at a random place, so that two nodes rarely share one
        this.listener = new StatsListener(store, ThreadLocalRandom.current().nextInt(StatsStore.SHARDS));
        this.requests = new RequestTally(jdbi, store, clock);
        this.flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ludus-stats-flush")
                .daemon(true).factory());
    }

    /** Builds the figures' parts and starts writing the request counts every few seconds. */
    public static Stats start(Jdbi jdbi, Clock clock) {
        Stats stats = new Stats(jdbi, clock);
        long every = RequestTally.FLUSH_EVERY.toMillis();
        stats.flusher.scheduleWithFixedDelay(stats::flush, every, every, TimeUnit.MILLISECONDS);
        return stats;
    }

    /**
     * Adds {@code flush} to what this node writes with the request counts: every
     * {@link RequestTally#FLUSH_EVERY}, before a read of the figures and when the server stops. It is
     * for other figures kept in memory (the last use of each ECDSA key): it writes what was noted since
     * its last run in a transaction of its own, keeps what it could not write for the next run, and
     * should not throw (what it throws is logged).
     */
    public void flushWith(Runnable flush) {
        others.add(flush);
    }

    /** Writes this node's figures kept in memory: the request counts, then the others. */
    private void flush() {
        requests.flush();
        for (Runnable other : others) {
            try {
                other.run();
            } catch (RuntimeException e) {
                // a task of the scheduler that throws is never run again
                LOG.warn("a flush of figures kept in memory failed ({}); the next one tries again", e.toString());
            }
        }
    }

    /** Counts every applied change in its transaction; register it with the event writers. */
    public ChangeListener listener() {
        return listener;
    }

    /** Counts one authenticated request (in memory): the auth filter calls it. */
    public void countRequest(String applicationId, AuthMethod method) {
        requests.counted(applicationId, method);
    }

    /** Counts each logged webhook attempt, by outcome, in the attempt's transaction. */
    public AttemptCounter attempts() {
        return (handle, applicationId, outcome, at) -> {
            TreeMap<StatsStore.Key, Long> one = new TreeMap<>();
            one.put(new StatsStore.Key(applicationId, Buckets.HOUR.start(at.toEpochMilli()),
                    Counter.WEBHOOK_DELIVERIES, outcome.wireName()), 1L);
            store.add(handle, ThreadLocalRandom.current().nextInt(StatsStore.SHARDS), one);
        };
    }

    /**
     * The series of one application or, when empty, of all of them added up. This node's figures kept
     * in memory are written first, so that they are current here; other nodes' follow within
     * {@link RequestTally#FLUSH_EVERY}.
     */
    StatsSeries read(Optional<String> applicationId, StatsQuery query) {
        flush();
        return unflushed(applicationId, query);
    }

    /** {@link #read} without writing this node's figures first; an application's settled buckets from memory. */
    private StatsSeries unflushed(Optional<String> applicationId, StatsQuery query) {
        if (applicationId.isEmpty()) {
            return StatsSeries.of(query, jdbi.withHandle(handle -> store.totals(handle, applicationId, query.from(),
                    query.to())));
        }
        return StatsSeries.of(query, settled.totals(applicationId.get(), query, clock.millis(), (from, to) ->
                jdbi.withHandle(handle -> store.totals(handle, applicationId, from, to))));
    }

    /**
     * A range of a dashboard's series: from the bucket that holds {@code from} to the one that holds
     * the instant before {@code to}, by UTC hour, day or week; at most as many buckets as
     * {@code GET /v1/stats} answers.
     */
    public record Span(Instant from, Instant to, Buckets interval) {

        private StatsQuery query() {
            long start = interval.start(from.toEpochMilli());
            long buckets = Math.min(Math.ceilDiv(to.toEpochMilli() - start, interval.millis()), StatsQuery.most(interval));
            return new StatsQuery(interval, start, start + buckets * interval.millis());
        }
    }

    /**
     * The series of one application over each span, in order, for the console's dashboard: this
     * node's figures kept in memory written once, then every span read.
     */
    public List<StatsSeries> series(String applicationId, List<Span> spans) {
        flush();
        return spans.stream().map(span -> unflushed(Optional.of(applicationId), span.query())).toList();
    }

    @Override
    public void close() {
        flusher.shutdown();
        try {
            if (!flusher.awaitTermination(5, TimeUnit.SECONDS)) {
                flusher.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
