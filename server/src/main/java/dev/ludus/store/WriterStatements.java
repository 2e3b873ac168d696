package dev.ludus.store;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * A group-commit writer's plain JDBC statements on its one connection: each SQL text is prepared
 * once and kept, and rows written with {@link #defer} wait until {@link #flush}, which sends them
 * as one JDBC batch per statement (one native call on SQLite, pipelined round trips on
 * PostgreSQL). Rows of one statement keep their order; rows of different statements are sent in the
 * order their statements were first deferred.
 *
 * <p>Waiting rows are sent by themselves before any statement that could meet them
 * ({@link #flushFor}): one that names a table they go to, and every {@code DELETE} (which may
 * cascade into them). A statement that names none of those tables runs without sending them, so
 * rows of many works still go out together. Confined to the writer thread.
 */
final class WriterStatements implements AutoCloseable {

    private record Row(String sql, Object[] values) { }

    /** The table a deferred write goes to: {@code INSERT INTO t}, {@code UPDATE t}, {@code DELETE FROM t}. */
    private static final Pattern TARGET = Pattern.compile(
            "^\\s*(?:INSERT\\s+(?:OR\\s+\\w+\\s+)?INTO|UPDATE|DELETE\\s+FROM)\\s+(\\w+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile("\\W+");

    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private final List<Row> deferred = new ArrayList<>();
    /** The tables that deferred rows go to, lower case. */
    private final Set<String> pendingTables = new HashSet<>();
    /** Per SQL text: the table a deferred write goes to, and the words of a statement, lower case. */
    private final Map<String, String> targets = new HashMap<>();
    private final Map<String, Set<String>> words = new HashMap<>();

    WriterStatements(Connection connection) {
        this.connection = connection;
    }

    /**
     * The statements of a writer's handle: on its connection, and sending the waiting rows before
     * any statement of the handle that could meet them.
     */
    static WriterStatements on(Handle handle) {
        WriterStatements statements = new WriterStatements(handle.getConnection());
        handle.addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement statement, StatementContext context) {
                statements.flushFor(context.getRenderedSql());
            }
        });
        return statements;
    }

    void query(String sql, Sql.RowReader reader, Object[] values) {
        flushFor(sql);
        queryAsCommitted(sql, reader, values);
    }

    /** {@link #query} without sending the waiting rows first. */
    void queryAsCommitted(String sql, Sql.RowReader reader, Object[] values) {
        try {
            Sql.query(statement(sql), reader, values);
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    int update(String sql, Object[] values) {
        flushFor(sql);
        try {
            PreparedStatement statement = statement(sql);
            Sql.bind(statement, values);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    void defer(String sql, Object[] values) {
        String table = targets.computeIfAbsent(sql, WriterStatements::target);
        deferred.add(new Row(sql, values.clone()));
        pendingTables.add(table);
    }

    /**
     * Sends the waiting rows when {@code sql} could meet them: it is a {@code DELETE}, or it names a
     * table they go to.
     */
    void flushFor(String sql) {
        if (deferred.isEmpty()) {
            return;
        }
        if (words.size() > 1_000) {
            words.clear(); // texts built per call (lists of values) must not grow it without bound
        }
        Set<String> named = words.computeIfAbsent(sql, WriterStatements::words);
        if (named.contains("delete") || !java.util.Collections.disjoint(named, pendingTables)) {
            flush();
        }
    }

    private static String target(String sql) {
        Matcher matcher = TARGET.matcher(sql);
        if (!matcher.find()) {
            throw new IllegalArgumentException("not an INSERT, UPDATE or DELETE: " + sql.strip().lines().findFirst().orElse(""));
        }
        return matcher.group(1).toLowerCase(Locale.ROOT);
    }

    private static Set<String> words(String sql) {
        Set<String> words = new HashSet<>();
        for (String word : WORD.split(sql.toLowerCase(Locale.ROOT))) {
            words.add(word);
        }
        return words;
    }

    /** How many rows wait; {@link #dropFrom} takes it back to this mark. */
    int mark() {
        return deferred.size();
    }

    /** Forgets the rows deferred since {@code mark} (those of a work that was refused). */
    void dropFrom(int mark) {
        deferred.subList(mark, deferred.size()).clear();
        pendingTables.clear();
        deferred.forEach(row -> pendingTables.add(targets.get(row.sql())));
    }

    /** Clears what waits without sending it (the transaction rolled back). */
    void discard() {
        deferred.clear();
        pendingTables.clear();
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
        pendingTables.clear();
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
        discard();
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
