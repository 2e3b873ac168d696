package dev.ludus.store;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group-commit writer's plain JDBC statements on its one connection: each SQL text is prepared
 * once and kept, and rows written with {@link #defer} wait until {@link #flush}, which sends them
 * as one JDBC batch per statement (one native call on SQLite, pipelined round trips on
 * PostgreSQL). Rows of one statement keep their order; rows of different statements are sent in the
 * order their statements were first deferred. Confined to the writer thread.
 */
final class WriterStatements implements AutoCloseable {

    private record Row(String sql, Object[] values) { }

    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private final List<Row> deferred = new ArrayList<>();

    WriterStatements(Connection connection) {
        this.connection = connection;
    }

    void query(String sql, Sql.RowReader reader, Object[] values) {
        try {
            Sql.query(statement(sql), reader, values);
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    int update(String sql, Object[] values) {
        try {
            PreparedStatement statement = statement(sql);
            Sql.bind(statement, values);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    void defer(String sql, Object[] values) {
        deferred.add(new Row(sql, values.clone()));
    }

    /** How many rows wait; {@link #dropFrom} takes it back to this mark. */
    int mark() {
        return deferred.size();
    }

    /** Forgets the rows deferred since {@code mark} (those of a work that was refused). */
    void dropFrom(int mark) {
        deferred.subList(mark, deferred.size()).clear();
    }

    /** Clears what waits without sending it (the transaction rolled back). */
    void discard() {
        deferred.clear();
    }

    /** Sends every deferred row, one JDBC batch per statement. */
    void flush() {
        if (deferred.isEmpty()) {
            return;
        }
        Map<String, List<Object[]>> bySql = new LinkedHashMap<>();
        for (Row row : deferred) {
            bySql.computeIfAbsent(row.sql(), sql -> new ArrayList<>()).add(row.values());
        }
        deferred.clear();
        for (Map.Entry<String, List<Object[]>> entry : bySql.entrySet()) {
            try {
                PreparedStatement statement = statement(entry.getKey());
                if (entry.getValue().size() == 1) {
                    Sql.bind(statement, entry.getValue().getFirst());
                    statement.executeUpdate();
                    continue;
                }
                for (Object[] values : entry.getValue()) {
                    Sql.bind(statement, values);
                    statement.addBatch();
                }
                try {
                    statement.executeBatch();
                } finally {
                    statement.clearBatch();
                }
            } catch (BatchUpdateException e) {
                throw new StoreException(entry.getKey(), e.getNextException() != null ? e.getNextException() : e);
            } catch (SQLException e) {
                throw new StoreException(entry.getKey(), e);
            }
        }
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            prepared.put(sql, statement);
        }
        return statement;
    }

    @Override
    public void close() {
        deferred.clear();
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // the connection is going away; nothing else to release
            }
        }
        prepared.clear();
    }
}
