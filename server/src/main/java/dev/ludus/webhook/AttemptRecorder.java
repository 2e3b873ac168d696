package dev.ludus.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the results of delivery attempts in batches: one thread takes what the attempts finished
 * meanwhile (up to {@link #BATCH}) and writes them in one transaction, so that a node delivering
 * hundreds of messages a second commits (and, on SQLite, syncs the disk) a few times a second
 * rather than once per attempt. The attempt's thread waits until its result is committed, so that
 * nothing is claimed again before its outcome is in the store.
 *
 * <p>When a batch fails, it is rolled back and each of its writes is tried again in a transaction of
 * its own, so that one bad write fails only its own attempt.
 *
 * <p>Thread-safety: {@link #write} may be called from any thread.
 */
final class AttemptRecorder implements AutoCloseable {

    /** The most results one transaction writes. */
    static final int BATCH = 128;

    private static final Logger LOG = LoggerFactory.getLogger(AttemptRecorder.class);

    /** One attempt's writes, on the batch's handle; answers what the attempt came to. */
    @FunctionalInterface
    interface Write<R> {
        R apply(Handle handle);
    }

    private record Pending<R>(Write<R> write, CompletableFuture<R> done) {
        void runAlone(Jdbi jdbi) {
            try {
                done.complete(jdbi.inTransaction(write::apply));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }
    }

    private final Jdbi jdbi;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    AttemptRecorder(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.writer = Thread.ofPlatform().name("ludus-webhook-recorder").daemon(true).start(this::run);
    }

    /** Writes {@code write} in the next batch and answers its result once the batch has committed. */
    <R> R write(Write<R> write) {
        if (!running) {
            return jdbi.inTransaction(write::apply);
        }
        Pending<R> pending = new Pending<>(write, new CompletableFuture<>());
        queue.add(pending);
        if (!running && queue.remove(pending)) {
            // closed meanwhile: the writer may have gone
            pending.runAlone(jdbi);
        }
        try {
            return pending.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                writeAll(batch);
            } catch (InterruptedException e) {
                running = false;
            } finally {
                batch.clear();
            }
        }
    }

    private void writeAll(List<Pending<?>> batch) {
        if (batch.size() == 1) {
            batch.getFirst().runAlone(jdbi);
            return;
        }
        List<Object> results = new ArrayList<>(batch.size());
        try {
            jdbi.useTransaction(handle -> {
                for (Pending<?> pending : batch) {
                    results.add(pending.write().apply(handle));
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("a batch of {} webhook attempt results failed ({}); writing each on its own", batch.size(),
                    e.toString());
            batch.forEach(pending -> pending.runAlone(jdbi));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    private static <R> void complete(Pending<R> pending, Object result) {
        pending.done().complete((R) result);
    }

    /** Writes what is queued, then stops; later writes run in a transaction of their own. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending<?> left;
        while ((left = queue.poll()) != null) {
            left.runAlone(jdbi);
        }
    }
}
