package dev.ludus.store;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one group commit's writers: works per transaction ({@code ludus_store_batch_size})
 * and where a writer's time goes per batch ({@code ludus_store_batch_time_seconds} by phase).
 * Thread-safe: meters are.
 */
record BatchMetrics(DistributionSummary sizes, Timer works, Timer flushes, Timer commits, Timer syncs) {

    static BatchMetrics register(MeterRegistry registry, String writer) {
        return new BatchMetrics(DistributionSummary.builder("ludus.store.batch.size")
                        .description("works committed per transaction by the group commit")
                        .tag("writer", writer)
                        .register(registry),
                phase(registry, writer, "works", "running the batch's works (reads, rules, immediate writes)"),
                phase(registry, writer, "flush", "sending the batch's deferred rows"),
                phase(registry, writer, "commit", "the commit itself"),
                phase(registry, writer, "sync", "waiting, after the commit, until it is durable (SQLite's log flush)"));
    }

    /** Records the phases of one committed batch, from {@link System#nanoTime()} marks. */
    void committed(long started, long flushing, long committing, long committed) {
        works.record(flushing - started, TimeUnit.NANOSECONDS);
        flushes.record(committing - flushing, TimeUnit.NANOSECONDS);
        commits.record(committed - committing, TimeUnit.NANOSECONDS);
    }

    private static Timer phase(MeterRegistry registry, String writer, String phase, String description) {
        return Timer.builder("ludus.store.batch.time")
                .description("time a writer spends per batch on " + description)
                .tag("writer", writer)
                .tag("phase", phase)
                .register(registry);
    }
}
