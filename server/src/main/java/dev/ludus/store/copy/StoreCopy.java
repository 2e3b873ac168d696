package dev.ludus.store.copy;

import dev.ludus.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.sqlite.SQLiteConfig;

/**
 * Copies an SQLite store into a PostgreSQL database and verifies the copy, all or nothing.
 *
 * <ol>
 * <li>The source's schema version must be the one this Ludus knows ({@link SourceVersion}).</li>
 * <li>One read transaction on the SQLite file is the snapshot everything is read from: in WAL mode
 *     the server may go on writing meanwhile, and its later writes are simply not in the copy.</li>
 * <li>The target is migrated by the server's own Flyway migrations ({@link Database#postgresql}),
 *     then compared with the source: the same tables with the same columns, the same migrations.</li>
 * <li>In one PostgreSQL transaction: refuse a target that holds data (or empty it with
 *     {@code replace}), copy every table in foreign-key order in batches, move each sequence past the
 *     highest number used, then verify: row counts and a {@link TableChecksum} per table, read again
 *     from both sides. Only a copy that verifies is committed; anything else rolls back and leaves
 *     the target as it was.</li>
 * </ol>
 *
 * Not thread-safe: one copy per instance, run once.
 */
public final class StoreCopy {

    /** Rows per batched INSERT. */
    static final int BATCH = 1_000;

    /** What a copy reports as it goes; every method is called on the copying thread. */
    public interface Listener {

        /** A table's rows are in the target (not committed yet). */
        void copied(String table, long rows, Duration took);

        /**
         * Called after the copy and before the verification, on the target's connection inside the
         * copy's transaction: the place where a test changes a row to see the verification fail.
         */
        default void beforeVerify(Connection target) throws SQLException {
        }
    }

    /** One table's verification: both sides' counts and checksums. */
    public record Verified(String table, TableChecksum source, TableChecksum target) {
        public boolean matches() {
            return source.equals(target);
        }
    }

    /** The outcome of a copy that verified and was committed. */
    public record Report(List<Verified> tables, long rows, Duration took) { }

    /** Thrown when the copy did not verify: the target was rolled back; the report says which tables differ. */
    public static final class VerificationFailed extends CopyException {
        private final List<Verified> tables;

        VerificationFailed(List<Verified> tables) {
            super("the copy does not match the source in " + tables.stream().filter(table -> !table.matches())
                    .map(Verified::table).collect(Collectors.joining(", ")) + ": nothing was committed to the target");
            this.tables = List.copyOf(tables);
        }

        public List<Verified> tables() {
            return tables;
        }
    }

    private final Path sqliteFile;
    private final String targetUrl;
    private final boolean replace;
    private final Listener listener;

    /**
     * @param sqliteFile the source store, {@code ludus.db} in the data directory
     * @param targetUrl  a {@code jdbc:postgresql:} URL; its schema is the connection's current schema
     * @param replace    empty the target's Ludus tables first when they hold rows, instead of refusing
     */
    public StoreCopy(Path sqliteFile, String targetUrl, boolean replace, Listener listener) {
        this.sqliteFile = sqliteFile;
        this.targetUrl = targetUrl;
        this.replace = replace;
        this.listener = listener;
    }

    /** Copies, verifies and commits; {@link CopyException} (or {@link VerificationFailed}) when it cannot. */
    public Report run() {
        long start = System.nanoTime();
        if (!targetUrl.startsWith("jdbc:postgresql:")) {
            throw new CopyException("the target must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        if (!Files.isRegularFile(sqliteFile)) {
            throw new CopyException("no SQLite store at " + sqliteFile + " (set LUDUS_DATA_DIR or --data-dir to the data directory)");
        }
        SourceVersion.check(sqliteFile);
        try (Connection source = openSource()) {
            Map<String, Set<String>> sourceTables = Schemas.sqliteTables(source);
            Set<String> sourceVersions = Schemas.appliedVersions(source);
            migrateTarget();
            try (Connection target = openTarget()) {
                try {
                    Report report = copy(source, sourceTables, sourceVersions, target, start);
                    target.commit();
                    return report;
                } catch (SQLException | RuntimeException e) {
                    rollBack(target, e);
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new CopyException("the copy failed: " + e.getMessage(), e);
        }
    }

    private Report copy(Connection source, Map<String, Set<String>> sourceTables, Set<String> sourceVersions,
            Connection target, long start) throws SQLException {
        Set<String> targetVersions = Schemas.appliedVersions(target);
        if (!targetVersions.equals(sourceVersions)) {
            throw new CopyException("the target's migrations " + targetVersions + " differ from the source's "
                    + sourceVersions + ": was the target used by another version of Ludus?");
        }
        List<Table> tables = Schemas.postgresqlTables(target);
        compare(sourceTables, tables);
        prepare(target, tables);
        Map<String, Long> sequences = sqliteSequences(source);
        long rows = 0;
        for (Table table : tables) {
            long tableStart = System.nanoTime();
            long copied = copyTable(source, target, table);
            rows += copied;
            listener.copied(table.name(), copied, Duration.ofNanos(System.nanoTime() - tableStart));
        }
        for (Table table : tables) {
            resetSequences(target, table, sequences.getOrDefault(table.name(), 0L));
        }
        listener.beforeVerify(target);
        List<Verified> verified = new ArrayList<>();
        for (Table table : tables) {
            verified.add(new Verified(table.name(), TableChecksum.of(source, TableChecksum.Side.SQLITE, table),
                    TableChecksum.of(target, TableChecksum.Side.POSTGRESQL, table)));
        }
        if (!verified.stream().allMatch(Verified::matches)) {
            throw new VerificationFailed(verified);
        }
        return new Report(verified, rows, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The same tables with the same columns on both sides, or a line naming every difference. */
    private static void compare(Map<String, Set<String>> sourceTables, List<Table> targetTables) {
        Map<String, Set<String>> target = new HashMap<>();
        for (Table table : targetTables) {
            target.put(table.name(), table.columns().stream().map(Table.Column::name)
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        List<String> differences = new ArrayList<>();
        for (String name : new TreeSet<>(sourceTables.keySet())) {
            if (!target.containsKey(name)) {
                differences.add("table " + name + " is only in the source");
            } else if (!target.get(name).equals(sourceTables.get(name))) {
                differences.add("table " + name + " has the columns " + sourceTables.get(name) + " in the source and "
                        + target.get(name) + " in the target");
            }
        }
        for (String name : new TreeSet<>(target.keySet())) {
            if (!sourceTables.containsKey(name)) {
                differences.add("table " + name + " is only in the target");
            }
        }
        if (!differences.isEmpty()) {
            throw new CopyException("the target's schema differs from the source's: " + String.join("; ", differences));
        }
    }

    /** Refuses a target that holds rows, or empties it when told to replace, in the copy's transaction. */
    private void prepare(Connection target, List<Table> tables) throws SQLException {
        List<String> holding = new ArrayList<>();
        try (Statement statement = target.createStatement()) {
            for (Table table : tables) {
                try (ResultSet any = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + Table.quote(table.name()) + ")")) {
                    any.next();
                    if (any.getBoolean(1)) {
                        holding.add(table.name());
                    }
                }
            }
            if (holding.isEmpty()) {
                return;
            }
            if (!replace) {
                throw new CopyException("the target already holds Ludus data (in " + String.join(", ", holding)
                        + "): nothing was copied; run again with --replace to empty those tables and copy over them");
            }
            statement.execute("TRUNCATE TABLE " + tables.stream().map(table -> Table.quote(table.name()))
                    .collect(Collectors.joining(", ")) + " RESTART IDENTITY");
        }
    }

    private static long copyTable(Connection source, Connection target, Table table) throws SQLException {
        List<Table.Column> columns = table.columns();
        String insert = "INSERT INTO " + Table.quote(table.name()) + " (" + table.columnList() + ")"
                + (table.hasIdentity() ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        long rows = 0;
        try (Statement read = source.createStatement();
                ResultSet row = read.executeQuery("SELECT " + table.columnList() + " FROM " + Table.quote(table.name())
                        + TableChecksum.orderBy(table, TableChecksum.Side.SQLITE));
                PreparedStatement write = target.prepareStatement(insert)) {
            while (row.next()) {
                for (int index = 0; index < columns.size(); index++) {
                    Table.Column column = columns.get(index);
                    column.type().bindNullable(write, index + 1,
                            column.type().fromSqlite(row, index + 1, table.name(), column.name()));
                }
                write.addBatch();
                if (++rows % BATCH == 0) {
                    write.executeBatch();
                }
            }
            if (rows % BATCH != 0) {
                write.executeBatch();
            }
        }
        return rows;
    }

    /**
     * SQLite's AUTOINCREMENT counters: the highest number each table ever handed out, which may be
     * above its highest row when rows were deleted. The target's sequences continue after them, so
     * that no number is handed out twice.
     */
    private static Map<String, Long> sqliteSequences(Connection source) throws SQLException {
        Map<String, Long> sequences = new HashMap<>();
        try (Statement statement = source.createStatement();
                ResultSet exists = statement.executeQuery("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")) {
            if (!exists.next()) {
                return sequences;
            }
        }
        try (Statement statement = source.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name, seq FROM sqlite_sequence")) {
            while (rows.next()) {
                sequences.put(rows.getString(1), rows.getLong(2));
            }
        }
        return sequences;
    }

    /** Moves each sequence of the table past its highest value and SQLite's counter. */
    private static void resetSequences(Connection target, Table table, long sqliteCounter) throws SQLException {
        for (Table.Column column : table.columns()) {
            if (!column.generated()) {
                continue;
            }
            String sql = "SELECT setval(pg_get_serial_sequence(quote_ident(current_schema()) || '.' || quote_ident(?), ?),"
                    + " GREATEST(COALESCE((SELECT MAX(" + Table.quote(column.name()) + ") FROM " + Table.quote(table.name())
                    + "), 0), ?) + 1, false)";
            try (PreparedStatement statement = target.prepareStatement(sql)) {
                statement.setString(1, table.name());
                statement.setString(2, column.name());
                statement.setLong(3, sqliteCounter);
                statement.execute();
            }
        }
    }

    /** The snapshot: a connection that only reads, inside one read transaction (begun by its first read). */
    private Connection openSource() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        Connection connection = config.createConnection("jdbc:sqlite:" + sqliteFile);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA query_only = true");
        }
        connection.setAutoCommit(false);
        return connection;
    }

    /** Runs the server's migrations on the target, as {@code ludus serve} would on its first start. */
    private void migrateTarget() {
        try {
            // Two connections: Flyway holds one for its lock while it migrates on the other.
            Database.postgresql(targetUrl, 2).close();
        } catch (RuntimeException e) {
            throw new CopyException("cannot migrate the target: " + firstLine(e), e);
        }
    }

    /** The first line of the innermost message (Flyway's run over several lines of dashes). */
    private static String firstLine(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    /** A connection of its own (not the server's pool), with batched INSERTs sent as multi-row ones. */
    private Connection openTarget() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("reWriteBatchedInserts", "true");
        Connection connection = DriverManager.getConnection(targetUrl, properties);
        connection.setAutoCommit(false);
        return connection;
    }

    private static void rollBack(Connection target, Exception failure) {
        try {
            target.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
