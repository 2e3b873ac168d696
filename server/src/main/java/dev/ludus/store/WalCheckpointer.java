package dev.ludus.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>Copying is not enough to keep the log small: SQLite writes from the log's beginning again only
 * when a write transaction begins while every frame of the log is copied and no reader is still
 * inside it. Under sustained writes the group-commit writer commits every few milliseconds, so a
 * background pass never ends at that instant, and the log grew to the automatic bound (40 MiB)
 * before the commit that crossed it copied the rest and restarted it. So once the log has {@link
 * #RESTART_FRAMES}, this thread catches up with the writer in passes back to back and then asks it
 * to restart the log: between two of its batches the writer runs {@link #restartIfDue}, which
 * copies what it wrote since the last pass and waits a few milliseconds at most for readers still
 * in the log, and its next transaction writes the log from its beginning.
 *
 * <p>Thread-safety: one daemon thread; {@link #close} stops it and waits for it. {@link
 * #restartIfDue} runs on the writer's thread; the two share one atomic flag.
 */
final class WalCheckpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    /** The log's length, in frames (4 KiB pages), from which the writer restarts it: 4 MiB. */
    static final int RESTART_FRAMES = 1_024;
    /**
     * The longest the writer's restarting checkpoint waits for a lock (readers still in the log,
     * another connection's write), in milliseconds; the writer's connection otherwise waits 10 s.
     */
    static final int RESTART_BUSY_TIMEOUT_MILLIS = 10;
    /** Few enough new frames, in a pass past RESTART_FRAMES, to leave the rest to the writer. */
    static final int CATCH_UP_FRAMES = 128;
    /** The most passes in a row that catch up with the writer before it is asked to restart. */
    static final int MAX_PASSES = 4;

    private final DataSource dataSource;
    /** Set when the log has RESTART_FRAMES or more and the passes caught up; taken by the writer. */
    private final AtomicBoolean restartDue = new AtomicBoolean();
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
        boolean busy = false;
        while (running) {
            try {
                // A log that just asked for a restart fills again fast: look again sooner.
                Thread.sleep(busy ? interval.dividedBy(4) : interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            busy = checkpoint();
        }
    }

    /**
     * One passive checkpoint. When the log has {@link #RESTART_FRAMES} or more, further passes
     * follow at once, each copying what the writer appended during the one before, until a pass
     * finds little new ({@link #CATCH_UP_FRAMES}) or {@link #MAX_PASSES} have run; then the writer
     * is asked to restart the log, with little left for it to copy. A failure is logged and the
     * next interval tries again.
     *
     * @return true when the writer was asked to restart the log
     */
    boolean checkpoint() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            int previous = 0;
            for (int pass = 1; ; pass++) {
                int frames;
                try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                    if (!result.next() || result.getInt(1) != 0) {
                        return false;
                    }
                    frames = result.getInt(2);
                }
                if (frames < RESTART_FRAMES) {
                    return false;
                }
                if (frames - previous <= CATCH_UP_FRAMES || pass == MAX_PASSES) {
                    restartDue.set(true);
                    return true;
                }
                previous = frames;
            }
        } catch (SQLException e) {
            if (running) {
                LOG.warn("background WAL checkpoint failed ({}); commits will checkpoint when the log is full",
                        e.getMessage());
            }
            return false;
        }
    }

    /**
     * Runs on the group-commit writer's {@code connection}, between two of its transactions: when
     * a background pass asked for it, a {@code RESTART} checkpoint that waits at most {@link
     * #RESTART_BUSY_TIMEOUT_MILLIS} for locks, so that the writer's next transaction writes the log
     * from its beginning. Cheap when not asked for (one atomic read).
     *
     * @return true when the log was copied and no reader was left in it: the next write restarts it
     */
    boolean restartIfDue(Connection connection) throws SQLException {
        if (!restartDue.getAndSet(false)) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            int busyTimeout;
            try (ResultSet result = statement.executeQuery("PRAGMA busy_timeout")) {
                busyTimeout = result.next() ? result.getInt(1) : 0;
            }
            statement.execute("PRAGMA busy_timeout = " + RESTART_BUSY_TIMEOUT_MILLIS);
            try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(RESTART)")) {
                return result.next() && result.getInt(1) == 0;
            } finally {
                statement.execute("PRAGMA busy_timeout = " + busyTimeout);
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
