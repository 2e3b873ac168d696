package dev.ludus.store;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path's group commit: requests hand their work to a writer, which runs up to
 * {@code maxBatch} queued works in one transaction and commits once, then answers each of them. A
 * request is answered only after the commit that holds its work, so a 2xx always means durable,
 * and concurrent requests share the cost of that commit.
 *
 * <p>Works are partitioned: each partition (say, one user) always goes to the same writer, in
 * submission order, so works of one partition never run concurrently on this node and keep their
 * order. Each writer has a bounded queue; when it is full, {@link #submit} throws
 * {@link StoreOverloadedException} instead of queueing without bound.
 *
 * <p>A work may refuse its request by throwing, before it writes anything, an exception that the
 * {@code refusal} test given at construction accepts (the request layer's own errors, the rules'
 * refusals): the batch then commits without it and the exception reaches the work's caller. Any
 * other failure rolls the batch back and replays its works one transaction each, so a failing work
 * fails alone. Deadlocks, serialization failures (PostgreSQL 40P01, 40001) and
 * {@link StoreConflictException} are retried.
 *
 * <p>Thread-safety: queues are concurrent; each handle is confined to its writer thread.
 */
public final class GroupCommit implements AutoCloseable {

    /** Work run inside a writer's transaction. */
    @FunctionalInterface
    public interface Work<R> {
        R run(WriteBatch batch);
    }

    /**
     * Reads ahead, at the start of a batch's transaction and in a few statements, what its works
     * will need (every user they write, say), instead of a round trip per work; it leaves what it
     * read in the batch's memos.
     */
    @FunctionalInterface
    public interface Preparer {
        /** @param partitions the partition of each work of the batch, in order (repeats included) */
        void prepare(WriteBatch batch, List<Object> partitions);
    }

    /**
     * The longest a work's answer waits for its {@linkplain WriteBatch#afterCommitAsync asynchronous
     * after-commit actions}: they keep going past it, the answer does not wait for a slow listener.
     */
    public static final java.time.Duration ASYNC_ACTION_WAIT = java.time.Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_RETRIES = 5;

    private final Jdbi jdbi;
    private final Durability durability;
    private final int maxBatch;
    private final List<Writer> writers = new ArrayList<>();
    private final BatchMetrics metrics;
    private volatile boolean closed;
    private volatile Preparer preparer;
    private final Predicate<? super RuntimeException> refusal;
    /** Runs the asynchronous after-commit actions, one virtual thread each. */
    private final java.util.concurrent.ExecutorService asyncActions = java.util.concurrent.Executors
            .newThreadPerTaskExecutor(Thread.ofVirtual().name("ludus-after-commit-", 0).factory());

    /**
     * @param writers how many writer threads (1 for SQLite, which has one writer anyway)
     * @param queueCapacity the bound of each writer's queue
     * @param maxBatch the most works one transaction holds
     * @param durability when a commit is durable, and so when its works may be answered
     * @param refusal which failures of a work are refusals of its request, thrown before it wrote
     *     anything: the batch commits without that work
     */
    public GroupCommit(Jdbi jdbi, Durability durability, String name, int writers, int queueCapacity, int maxBatch,
            MeterRegistry registry, Predicate<? super RuntimeException> refusal) {
        if (writers < 1 || queueCapacity < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("writers, queue capacity and batch size must be positive");
        }
        this.jdbi = jdbi;
        this.durability = durability;
        this.maxBatch = maxBatch;
        this.refusal = refusal;
        this.metrics = BatchMetrics.register(registry, name);
        for (int i = 0; i < writers; i++) {
            Writer writer = new Writer(new ArrayBlockingQueue<>(queueCapacity));
            this.writers.add(writer);
            Thread.ofPlatform().name("ludus-" + name + "-writer-" + i).daemon(true).start(writer::run);
        }
    }

    /** Sets what reads ahead for each batch; call it once, before the first work. */
    public void prepareWith(Preparer preparer) {
        this.preparer = preparer;
    }

    /** Runs {@code work} in a shared transaction and returns its result after the commit. */
    public <R> R submit(Object partition, Work<R> work) {
        return await(submitAsync(partition, work));
    }

    /**
     * Queues {@code work}; the future completes after its commit.
     *
     * @throws StoreOverloadedException when the writer's queue is full
     * @throws StoreUnavailableException when the group commit is closed
     */
    public <R> CompletableFuture<R> submitAsync(Object partition, Work<R> work) {
        if (closed) {
            throw unavailable("the server is shutting down");
        }
        Task<R> task = new Task<>(partition, work, new CompletableFuture<>());
        Writer writer = writers.get(Math.floorMod(partition.hashCode(), writers.size()));
        if (!writer.queue.offer(task)) {
            throw new StoreOverloadedException("the write queue is full; retry shortly");
        }
        return task.result;
    }

    /** Waits for a future of {@link #submitAsync} and unwraps its failure. */
    public static <R> R await(CompletableFuture<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for the commit");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        closed = true;
        // every writer told first, then waited for: they finish their last wait for work together
        for (Writer writer : writers) {
            writer.running = false;
        }
        for (Writer writer : writers) {
            writer.stop();
        }
        asyncActions.shutdown();
    }

    private static StoreUnavailableException unavailable(String detail) {
        return new StoreUnavailableException(detail);
    }

    private record Task<R>(Object partition, Work<R> work, CompletableFuture<R> result) {
        Object run(WriteBatch batch) {
            return work.run(batch);
        }

        @SuppressWarnings("unchecked")
        void complete(Object value) {
            result.complete((R) value);
        }
    }

    /** One writer thread and its queue. */
    private final class Writer {
        private final BlockingQueue<Task<?>> queue;
        private volatile boolean running = true;
        private volatile Thread thread;
        /** The writer's own connection, kept across batches so that its prepared statements stay compiled. */
        private Handle handle;
        /** Plain JDBC statements on that connection. */
        private WriterStatements statements;

        Writer(BlockingQueue<Task<?>> queue) {
            this.queue = queue;
        }

        void run() {
            thread = Thread.currentThread();
            List<Task<?>> batch = new ArrayList<>(maxBatch);
            while (running) {
                try {
                    Task<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                    commit(batch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (RuntimeException | Error e) {
                    LOG.error("writer failed on a batch of {}; its requests answer 503", batch.size(), e);
                    batch.forEach(task -> task.result.completeExceptionally(unavailable("the write failed")));
                } finally {
                    batch.clear();
                }
            }
            if (handle != null) {
                statements.close();
                durability.release(handle.getConnection());
                handle.close();
                handle = null;
            }
            List<Task<?>> left = new ArrayList<>();
            queue.drainTo(left);
            left.forEach(task -> task.result.completeExceptionally(unavailable("the server is shutting down")));
        }

        void stop() {
            running = false;
            Thread current = thread;
            if (current != null) {
                try {
                    current.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void commit(List<Task<?>> batch) {
            for (int attempt = 1; ; attempt++) {
                try {
                    commitOnce(batch);
                    metrics.sizes().record(batch.size());
                    return;
                } catch (RuntimeException e) {
                    if (isRetryable(e) && attempt < MAX_RETRIES) {
                        LOG.debug("batch of {} hit a lock conflict; retrying (attempt {})", batch.size(), attempt);
                        continue;
                    }
                    if (batch.size() == 1) {
                        LOG.error("write failed", e);
                        batch.getFirst().result.completeExceptionally(unavailable("the write failed; retry"));
                        return;
                    }
                    LOG.warn("batch of {} failed ({}); committing its works one by one", batch.size(), e.toString());
                    for (Task<?> task : batch) {
                        commit(List.of(task));
                    }
                    return;
                }
            }
        }

        private void commitOnce(List<Task<?>> batch) {
            Object[] results = new Object[batch.size()];
            RuntimeException[] refusals = new RuntimeException[batch.size()];
            WriteBatch.Mark[] marks = new WriteBatch.Mark[batch.size()];
            if (handle == null) {
                handle = jdbi.open();
                try {
                    durability.prepare(handle.getConnection());
                } catch (SQLException e) {
                    discardHandle();
                    throw new StoreException("preparing the writer's connection", e);
                }
                statements = WriterStatements.on(handle);
            }
            WriteBatch context = new WriteBatch(handle, statements);
            try {
                long started = System.nanoTime();
                handle.begin();
                Preparer reader = preparer;
                if (reader != null) {
                    List<Object> partitions = new ArrayList<>(batch.size());
                    batch.forEach(task -> partitions.add(task.partition()));
                    reader.prepare(context, partitions);
                }
                for (int i = 0; i < batch.size(); i++) {
                    WriteBatch.Mark actions = context.actionMark();
                    marks[i] = actions;
                    int rows = statements.mark();
                    try {
                        results[i] = batch.get(i).run(context);
                    } catch (RuntimeException e) {
                        if (!refusal.test(e)) {
                            throw e;
                        }
                        context.dropActionsFrom(actions);
                        statements.dropFrom(rows);
                        refusals[i] = e;
                    }
                }
                long flushing = System.nanoTime();
                context.flush();
                long committing = System.nanoTime();
                handle.commit();
                long committed = System.nanoTime();
                metrics.committed(started, flushing, committing, committed);
            } catch (RuntimeException | Error e) {
                discardHandle();
                throw e;
            }
            context.runAfterCommit();
            List<List<Runnable>> asynchronous = context.asyncActionsByWork(marks);
            long durableFrom = System.nanoTime();
            List<Task<?>> answered = List.copyOf(batch);
            durability.whenDurable(failure -> {
                metrics.syncs().record(System.nanoTime() - durableFrom, TimeUnit.NANOSECONDS);
                for (int i = 0; i < answered.size(); i++) {
                    Task<?> task = answered.get(i);
                    Object result = results[i];
                    RuntimeException refused = refusals[i];
                    Runnable answer = () -> {
                        if (failure != null) {
                            task.result.completeExceptionally(
                                    unavailable("the write could not be confirmed on disk; retry with the same Idempotency-Key"));
                        } else if (refused != null) {
                            task.result.completeExceptionally(refused);
                        } else {
                            task.complete(result);
                        }
                    };
                    List<Runnable> actions = asynchronous.get(i);
                    if (actions.isEmpty()) {
                        answer.run();
                    } else {
                        runAsync(actions, answer);
                    }
                }
            });
            afterCommit();
        }

        /** The store's upkeep between two batches; the batch is committed, so a failure is only logged. */
        private void afterCommit() {
            try {
                durability.afterCommit(handle.getConnection());
            } catch (SQLException | RuntimeException e) {
                LOG.warn("upkeep after a commit failed ({}); the next commit tries again", e.toString());
            }
        }

        /** Runs a work's asynchronous actions off the writer, then answers it (after at most ASYNC_ACTION_WAIT). */
        private void runAsync(List<Runnable> actions, Runnable answer) {
            try {
                CompletableFuture.runAsync(() -> WriteBatch.runEach(actions), asyncActions)
                        .completeOnTimeout(null, ASYNC_ACTION_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                        .whenComplete((ignored, failure) -> answer.run());
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.warn("after-commit actions skipped: the group commit is closing");
                answer.run();
            }
        }

        /** Rolls back and drops the connection after a failure: the next batch starts on a fresh one. */
        private void discardHandle() {
            Handle failed = handle;
            handle = null;
            if (statements != null) {
                statements.close();
                statements = null;
            }
            try (failed) {
                try {
                    if (failed.isInTransaction()) {
                        failed.rollback();
                    }
                } finally {
                    durability.release(failed.getConnection());
                }
            } catch (RuntimeException e) {
                LOG.debug("closing the writer's connection after a failure also failed: {}", e.toString());
            }
        }
    }

    private static boolean isRetryable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StoreConflictException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if ("40P01".equals(next.getSQLState()) || "40001".equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

}
