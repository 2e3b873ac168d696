package dev.ludus.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log into the database file on a thread of its own, so that commits
 * on the write path only append to the log. Without it, the commit that fills the log past the
 * automatic checkpoint threshold does the copying (and its {@code fsync}) while every request of
 * its batch waits. A {@code PASSIVE} checkpoint never blocks the writer or readers; the automatic
 * checkpoint stays on as the bound of the log's growth (ADR 0014).
 *
 * <p>Thread-safety: one daemon thread; {@link #close} stops it and waits for it.
 */
final class WalCheckpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    private final DataSource dataSource;
    private final Duration interval;
    private final Thread thread;
    private volatile boolean running = true;

    WalCheckpointer(DataSource dataSource, Duration interval) {
        this.dataSource = dataSource;
        this.interval = interval;
        this.thread = Thread.ofPlatform().name("ludus-sqlite-checkpointer").daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            checkpoint();
        }
    }

    /** One passive checkpoint; a failure is logged and the next interval tries again. */
    void checkpoint() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            if (running) {
                LOG.warn("background WAL checkpoint failed ({}); commits will checkpoint when the log is full",
                        e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
