package dev.ludus.stats;

import dev.ludus.auth.AuthMethod;
import java.time.Clock;
import java.time.Duration;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticated {@code /v1} requests by application, UTC hour and method, counted in memory and
 * added to {@code stats_counts} every {@link #FLUSH_EVERY} (and when the server stops, and before a
 * stats read of this node): a request is not a change of the store, and a transaction per request
 * would cost more than the request. What a node had not flushed when it died is lost.
 *
 * <p>Thread-safety: the counts are a concurrent map whose entries are added to ({@code merge}) and
 * taken out ({@code remove}) atomically, so a count is flushed exactly once; {@link #flush} is
 * synchronized, so two flushes do not interleave.
 */
final class RequestTally {

    /** How often counts in memory are written to the store. */
    static final Duration FLUSH_EVERY = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(RequestTally.class);

    private final Jdbi jdbi;
    private final StatsStore store;
    private final Clock clock;
    private final ConcurrentHashMap<StatsStore.Key, Long> counts = new ConcurrentHashMap<>();

    RequestTally(Jdbi jdbi, StatsStore store, Clock clock) {
        this.jdbi = jdbi;
        this.store = store;
        this.clock = clock;
    }

    /** Counts one authenticated request of {@code applicationId}, in the current hour. */
    void counted(String applicationId, AuthMethod method) {
        counts.merge(new StatsStore.Key(applicationId, Buckets.HOUR.start(clock.millis()), Counter.REQUESTS,
                method.wireName()), 1L, Long::sum);
    }

    /** Writes the counts in memory to the store, in one transaction; on failure keeps them for the next. */
    synchronized void flush() {
        SortedMap<StatsStore.Key, Long> taken = new TreeMap<>();
        for (StatsStore.Key key : counts.keySet()) {
            Long count = counts.remove(key);
            if (count != null) {
                taken.put(key, count);
            }
        }
        if (taken.isEmpty()) {
            return;
        }
        try {
            jdbi.useTransaction(handle -> store.add(handle, ThreadLocalRandom.current().nextInt(StatsStore.SHARDS),
                    taken));
        } catch (RuntimeException e) {
            taken.forEach((key, count) -> counts.merge(key, count, Long::sum));
            LOG.warn("writing the request counts of {} counters failed ({}); the next flush tries again",
                    taken.size(), e.toString());
        }
    }
}
