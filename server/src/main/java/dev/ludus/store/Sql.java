package dev.ludus.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Plain JDBC for the write path's frequent statements, which run thousands of times a second on the
 * group-commit writers: positional parameters bound as they are, rows read by a callback. Jdbi
 * stays the way to run everything else; on these statements its per-statement work (parsing,
 * argument factories, statement context) cost more than SQLite's own execution (ADR 0014).
 */
public final class Sql {

    /** Reads one row of a result; called once per row, in order. */
    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private Sql() {
    }

    /** Binds {@code values} to the statement's parameters, in order ({@code null} binds SQL NULL). */
    static void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }

    /** Runs a query with {@code values} and hands each row to {@code reader}. */
    static void query(PreparedStatement statement, RowReader reader, Object[] values) throws SQLException {
        bind(statement, values);
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }

    /** Runs a query on the handle's connection, outside a writer (a statement prepared for this call). */
    public static void query(Handle handle, String sql, RowReader reader, Object... values) {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(sql)) {
            query(statement, reader, values);
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    /**
     * Runs a read of many rows whose statements set a fetch size, so that it holds: on PostgreSQL in
     * a read-only transaction (outside one, the driver fetches a whole result before handing over
     * its first row: a board of 1,000,000 users at once), on SQLite on a plain handle (its
     * transactions here are IMMEDIATE and would take the write lock for the whole read).
     */
    public static <R> R streamed(Jdbi jdbi, HandleCallback<R, RuntimeException> read) {
        return jdbi.withHandle(handle -> {
            if (!postgresql(handle)) {
                return read.withHandle(handle);
            }
            readOnly(handle, true);
            try {
                return handle.inTransaction(read);
            } finally {
                readOnly(handle, false);
            }
        });
    }

    private static void readOnly(Handle handle, boolean readOnly) {
        try {
            handle.getConnection().setReadOnly(readOnly);
        } catch (SQLException e) {
            throw new StoreException("SET TRANSACTION READ ONLY", e);
        }
    }

    private static boolean postgresql(Handle handle) {
        try {
            return "PostgreSQL".equals(handle.getConnection().getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new StoreException("the store's product name", e);
        }
    }
}
