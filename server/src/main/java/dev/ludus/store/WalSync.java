package dev.ludus.store;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipelined durability for SQLite's group-commit writer. The writer's connection commits with
 * {@code synchronous=NORMAL}: the commit writes its pages to the write-ahead log and returns without
 * waiting for the disk. This thread then flushes the log ({@code fdatasync} on the log file; Linux
 * flushes a file's data whichever descriptor asks) and only then lets the batch's requests be
 * answered, while the writer already runs the next batch. One flush covers every commit that
 * returned before it began. A 2xx still means the event is on disk; other connections keep
 * {@code synchronous=FULL}, and a writer's connection leaves the pool when the writer lets go of it.
 *
 * <p>Thread-safety: {@link #whenDurable} may be called from any thread; the flushes and the
 * callbacks run on this class's one thread, in order.
 */
final class WalSync implements Durability, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WalSync.class);

    private final Path log;
    private final HikariDataSource pool;
    /** Restarts the log between the writer's batches; null in tests of the flush alone. */
    private final WalCheckpointer checkpointer;
    private final Thread thread;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private List<Consumer<IOException>> waiting = new ArrayList<>();
    /** Guarded by {@link #lock}. */
    private boolean closed;
    /** The log file as last opened, and its identity (confined to the thread). */
    private FileChannel channel;
    private Object fileKey;

    /**
     * @param database the database file; its log is {@code <database>-wal}
     * @param pool the pool the writers' connections come from, to take them out of it when released
     */
    WalSync(Path database, HikariDataSource pool) {
        this(database, pool, null);
    }

    /** @param checkpointer asks the writer, between batches, to restart the log */
    WalSync(Path database, HikariDataSource pool, WalCheckpointer checkpointer) {
        this.pool = pool;
        this.checkpointer = checkpointer;
        this.log = database.resolveSibling(database.getFileName() + "-wal");
        this.thread = Thread.ofPlatform().name("ludus-sqlite-wal-sync").daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    @Override
    public void prepare(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA synchronous = NORMAL");
        }
    }

    @Override
    public void afterCommit(Connection connection) throws SQLException {
        if (checkpointer != null) {
            checkpointer.restartIfDue(connection);
        }
    }

    /**
     * Takes the connection out of the pool (it is closed instead of returned): it commits with
     * {@code synchronous=NORMAL}, which no other user of the pool may inherit.
     */
    @Override
    public void release(Connection connection) {
        pool.evictConnection(connection);
    }

    @Override
    public void whenDurable(Consumer<IOException> then) {
        synchronized (lock) {
            if (!closed) {
                waiting.add(then);
                lock.notifyAll();
                return;
            }
        }
        then.accept(flush());
    }

    private void run() {
        while (true) {
            List<Consumer<IOException>> due;
            synchronized (lock) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        closed = true;
                    }
                }
                if (waiting.isEmpty()) {
                    break;
                }
                due = waiting;
                waiting = new ArrayList<>();
            }
            IOException failure = flush();
            for (Consumer<IOException> then : due) {
                try {
                    then.accept(failure);
                } catch (RuntimeException e) {
                    LOG.error("a callback after a log flush failed", e);
                }
            }
        }
        closeChannel();
    }

    /** Flushes the log file; null when it is durable, else why that is unknown. */
    private synchronized IOException flush() {
        try {
            Object current = Files.readAttributes(log, BasicFileAttributes.class).fileKey();
            if (channel == null || current == null || !current.equals(fileKey)) {
                closeChannel();
                channel = FileChannel.open(log, StandardOpenOption.READ);
                fileKey = current;
            }
            channel.force(false);
            return null;
        } catch (NoSuchFileException e) {
            // No log (or it went away while we looked): SQLite removes it only when its last
            // connection closes, after copying it into the database file and syncing that.
            closeChannel();
            return null;
        } catch (IOException e) {
            LOG.error("flushing the SQLite log {} failed; the writes waiting for it answer 503", log, e);
            closeChannel();
            return e;
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing the SQLite log file failed: {}", e.toString());
            }
            channel = null;
            fileKey = null;
        }
    }

    /** Flushes and answers what waits, then stops. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
