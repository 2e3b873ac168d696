package dev.ludus.store.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the two stores hold, read from their catalogs rather than from a list in the code, so that a
 * table added by a later migration is copied (or stops the copy) without anyone remembering to add it
 * here: the tables and columns of each side, the target's primary keys, foreign keys and sequences,
 * and the Flyway versions each side has applied.
 */
final class Schemas {

    /** Flyway's own table: each side keeps its own history, so it is compared, never copied. */
    static final String FLYWAY_HISTORY = "flyway_schema_history";

    private Schemas() {
    }

    /** The SQLite store's tables and their column names (SQLite's own tables and Flyway's left out). */
    static Map<String, Set<String>> sqliteTables(Connection sqlite) throws SQLException {
        Map<String, Set<String>> tables = new TreeMap<>();
        List<String> names = new ArrayList<>();
        try (Statement statement = sqlite.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                        + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '" + FLYWAY_HISTORY + "'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        for (String name : names) {
            Set<String> columns = new TreeSet<>();
            try (Statement statement = sqlite.createStatement();
                    ResultSet rows = statement.executeQuery("PRAGMA table_info(" + Table.quote(name) + ")")) {
                while (rows.next()) {
                    columns.add(rows.getString("name"));
                }
            }
            tables.put(name, columns);
        }
        return tables;
    }

    /**
     * The target's tables (in the connection's current schema) in an order in which every table comes
     * after the tables its foreign keys reference.
     */
    static List<Table> postgresqlTables(Connection postgresql) throws SQLException {
        Map<String, Table> tables = new TreeMap<>();
        List<String> names = new ArrayList<>();
        try (Statement statement = postgresql.createStatement();
                ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                        + " AND table_name <> '" + FLYWAY_HISTORY + "'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        for (String name : names) {
            tables.put(name, new Table(name, postgresqlColumns(postgresql, name), primaryKey(postgresql, name)));
        }
        return inDependencyOrder(tables, foreignKeys(postgresql));
    }

    private static List<Table.Column> postgresqlColumns(Connection postgresql, String table) throws SQLException {
        List<Table.Column> columns = new ArrayList<>();
        try (PreparedStatement statement = postgresql.prepareStatement("SELECT column_name, udt_name, is_identity,"
                + " column_default FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = ? ORDER BY ordinal_position")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString("column_name");
                    boolean identity = "YES".equals(rows.getString("is_identity"));
                    String defaultValue = rows.getString("column_default");
                    boolean serial = defaultValue != null && defaultValue.startsWith("nextval(");
                    columns.add(new Table.Column(name, ColumnType.ofPostgresql(table, name, rows.getString("udt_name")),
                            identity, identity || serial));
                }
            }
        }
        return columns;
    }

    private static List<String> primaryKey(Connection postgresql, String table) throws SQLException {
        List<String> key = new ArrayList<>();
        try (PreparedStatement statement = postgresql.prepareStatement("SELECT a.attname FROM pg_index i"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                + " WHERE i.indrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass"
                + " AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    key.add(rows.getString(1));
                }
            }
        }
        return key;
    }

    /** Each table's referenced tables (itself left out). */
    private static Map<String, Set<String>> foreignKeys(Connection postgresql) throws SQLException {
        Map<String, Set<String>> references = new HashMap<>();
        try (Statement statement = postgresql.createStatement();
                ResultSet rows = statement.executeQuery("SELECT child.relname, parent.relname FROM pg_constraint c"
                        + " JOIN pg_class child ON child.oid = c.conrelid JOIN pg_class parent ON parent.oid = c.confrelid"
                        + " JOIN pg_namespace n ON n.oid = child.relnamespace"
                        + " WHERE c.contype = 'f' AND n.nspname = current_schema()")) {
            while (rows.next()) {
                if (!rows.getString(1).equals(rows.getString(2))) {
                    references.computeIfAbsent(rows.getString(1), name -> new TreeSet<>()).add(rows.getString(2));
                }
            }
        }
        return references;
    }

    /** Referenced tables first; ties by name, so the order is the same on every run. */
    private static List<Table> inDependencyOrder(Map<String, Table> tables, Map<String, Set<String>> references) {
        List<Table> ordered = new ArrayList<>();
        Set<String> placed = new TreeSet<>();
        Map<String, Table> waiting = new LinkedHashMap<>(tables);
        while (!waiting.isEmpty()) {
            List<String> ready = waiting.keySet().stream()
                    .filter(name -> placed.containsAll(references.getOrDefault(name, Set.of()).stream()
                            .filter(tables::containsKey).toList()))
                    .toList();
            if (ready.isEmpty()) {
                throw new CopyException("the target's foreign keys form a cycle among " + waiting.keySet()
                        + ": there is no order to copy them in");
            }
            for (String name : ready) {
                ordered.add(waiting.remove(name));
                placed.add(name);
            }
        }
        return ordered;
    }

    /** The versions a store's Flyway history has applied with success, e.g. {@code [1, 2, 11.1, 16]}. */
    static Set<String> appliedVersions(Connection connection) throws SQLException {
        Set<String> versions = new TreeSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, success FROM " + FLYWAY_HISTORY
                        + " WHERE version IS NOT NULL")) {
            while (rows.next()) {
                if (rows.getBoolean(2)) {
                    versions.add(rows.getString(1));
                }
            }
        }
        return versions;
    }
}
