package dev.ludus.store;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the prepared statements of one connection open and hands them out again for the same SQL,
 * so a long-lived handle (a group-commit writer's) compiles each statement once instead of once per
 * use: SQLite compiles SQL on every {@code prepareStatement}. The statements close with the
 * handle. Confined to the thread that uses the handle, like the handle itself.
 */
final class CachingStatementBuilder implements StatementBuilder {

    /** More distinct statements than the application has; past it, statements are not cached. */
    private static final int MAX_CACHED = 128;

    private final DefaultStatementBuilder plain = new DefaultStatementBuilder();
    private final Map<String, PreparedStatement> cache = new HashMap<>();
    /**
     * The SQL each statement in use was prepared from: Jdbi closes a statement with its template
     * (named parameters), not with the SQL it prepared, so the cache key travels with the statement.
     */
    private final Map<Statement, String> inUse = new java.util.IdentityHashMap<>();

    @Override
    public Statement create(Connection connection, StatementContext context) throws SQLException {
        return plain.create(connection, context);
    }

    @Override
    public PreparedStatement create(Connection connection, String sql, StatementContext context) throws SQLException {
        PreparedStatement statement = cache.remove(sql);
        if (statement == null || statement.isClosed()) {
            statement = plain.create(connection, sql, context);
        }
        inUse.put(statement, sql);
        return statement;
    }

    @Override
    public CallableStatement createCall(Connection connection, String sql, StatementContext context)
            throws SQLException {
        return plain.createCall(connection, sql, context);
    }

    @Override
    public void close(Connection connection, String template, Statement statement) throws SQLException {
        String sql = inUse.remove(statement);
        if (sql != null && statement instanceof PreparedStatement prepared && !(statement instanceof CallableStatement)
                && cache.size() < MAX_CACHED && !cache.containsKey(sql)) {
            prepared.clearParameters();
            cache.put(sql, prepared);
            return;
        }
        plain.close(connection, template, statement);
    }

    @Override
    public void close(Connection connection) {
        for (PreparedStatement statement : cache.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // the connection is going away; nothing else to release
            }
        }
        cache.clear();
        inUse.clear();
    }
}
