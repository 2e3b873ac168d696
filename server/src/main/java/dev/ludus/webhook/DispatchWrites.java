package dev.ludus.webhook;

import dev.ludus.store.GroupCommit;
import dev.ludus.store.StoreOverloadedException;
import dev.ludus.store.StoreUnavailableException;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Jdbi;

/**
 * Where the dispatcher's writes run: its claims and the results of its attempts.
 *
 * <p>On SQLite, on the event writers' {@link GroupCommit}, in the batches of events. SQLite has one
 * writer at a time, and a transaction of the dispatcher's own waits for the store's write lock in
 * SQLite's busy handler, which sleeps between tries while the event writer takes the lock again at
 * once: under full event load, deliveries crawled at 11 a second against 1,551 events committed.
 * On the writer they take their turn among the events, and share their commits.
 *
 * <p>On PostgreSQL, claims in transactions of their own (they skip locked rows, so nodes do not wait
 * on each other), attempts' results in batches of an {@link AttemptRecorder}.
 */
final class DispatchWrites implements AutoCloseable {

    /** The partition of the dispatcher's works on the event writers: any writer will do. */
    private static final String PARTITION = "webhook-dispatch";
    /** How long a write waits for room in a full write queue before it gives up (claims) or retries. */
    private static final long FULL_QUEUE_PAUSE_NANOS = 5_000_000;
    /** How many times a claim finds the write queue full before it gives up until the next poll. */
    private static final int CLAIM_TRIES = 20;

    private final Jdbi jdbi;
    private final Optional<GroupCommit> writer;
    private final AttemptRecorder recorder;

    private DispatchWrites(Jdbi jdbi, Optional<GroupCommit> writer) {
        this.jdbi = jdbi;
        this.writer = writer;
        this.recorder = writer.isEmpty() ? new AttemptRecorder(jdbi) : null;
    }

    /** @param writer the event writers, on a store with one writer at a time (SQLite); empty elsewhere */
    static DispatchWrites of(Jdbi jdbi, Optional<GroupCommit> writer) {
        return new DispatchWrites(jdbi, writer);
    }

    /** Whether the dispatcher's writes run on the event writers (SQLite). */
    boolean onEventWriters() {
        return writer.isPresent();
    }

    /**
     * Runs a claim (or a release) in a transaction and answers its result.
     *
     * @throws StoreOverloadedException when the event writers' queue stayed full (the caller tries again later)
     */
    <R> R claim(AttemptRecorder.Write<R> write) {
        if (writer.isEmpty()) {
            return jdbi.inTransaction(write::apply);
        }
        return onWriter(write, CLAIM_TRIES);
    }

    /** Writes an attempt's result and answers what it came to, once committed. */
    <R> R record(AttemptRecorder.Write<R> write) {
        if (writer.isEmpty()) {
            return recorder.write(write);
        }
        return onWriter(write, Integer.MAX_VALUE);
    }

    private <R> R onWriter(AttemptRecorder.Write<R> write, int tries) {
        for (int tried = 1; ; tried++) {
            try {
                return writer.orElseThrow().submit(PARTITION, batch -> write.apply(batch.handle()));
            } catch (StoreOverloadedException e) {
                if (tried >= tries) {
                    throw e;
                }
                LockSupport.parkNanos(FULL_QUEUE_PAUSE_NANOS);
            } catch (StoreUnavailableException e) {
                // the writers have stopped (the node is stopping): a transaction of its own
                return jdbi.inTransaction(write::apply);
            }
        }
    }

    @Override
    public void close() {
        if (recorder != null) {
            recorder.close();
        }
    }
}
