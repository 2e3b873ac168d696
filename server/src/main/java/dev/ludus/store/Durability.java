package dev.ludus.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * When a group commit's transaction is durable. On PostgreSQL, and on SQLite without pipelining,
 * a commit is durable when it returns; SQLite's writer instead commits without waiting for the disk
 * and {@link WalSync} makes its log durable on another thread while the writer goes on with the
 * next batch (ADR 0014).
 */
public interface Durability {

    /** Durable when the commit returns: runs {@code then} at once. */
    Durability AT_COMMIT = new Durability() {
        @Override
        public void prepare(Connection connection) {
        }

        @Override
        public void whenDurable(Consumer<IOException> then) {
            then.accept(null);
        }

        @Override
        public void release(Connection connection) {
        }
    };

    /**
     * Runs on the writer's thread after each of its commits, once {@link #whenDurable} has the
     * batch, outside any transaction: upkeep of the store that only the writer can do between two
     * transactions (SQLite restarts its log there). A failure leaves the committed batch as it is.
     */
    default void afterCommit(Connection connection) throws SQLException {
    }

    /** Sets up a writer's connection, once, before its first transaction. */
    void prepare(Connection connection) throws SQLException;

    /**
     * Takes back what {@link #prepare} set, before the writer lets go of its connection (after a
     * failure, or at shutdown), so that no other user of the pool gets it as it was.
     */
    void release(Connection connection);

    /**
     * Calls {@code then} once every commit that returned before this call is durable, with
     * {@code null}, or with the failure that leaves that unknown. Calls happen in the order of these
     * calls.
     */
    void whenDurable(Consumer<IOException> then);
}
