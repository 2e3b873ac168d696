package dev.ludus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The store of a test server, fresh for it: a SQLite file in a new temporary directory, or a new
 * schema in a PostgreSQL database. {@link #create()} picks by the {@code ludus.test.store} system
 * property ({@code sqlite}, the default, or {@code postgresql} with the database of {@code
 * LUDUS_TEST_PG_URL}); {@link #newSqlite()} and {@link #newPostgresql(String)} choose in code.
 * Survives server restarts; {@link #drop()} removes it.
 */
public final class TestStore {

    /** The environment variable naming the PostgreSQL database of the tests. */
    public static final String PG_URL_VARIABLE = "LUDUS_TEST_PG_URL";

    private final Path dataDir;
    private final Optional<String> dbUrl;
    private final Optional<String> schema;
    /** The database the schema lives in, as given: where {@link #drop()} drops it. */
    private final Optional<String> baseUrl;

    private TestStore(Path dataDir, Optional<String> dbUrl, Optional<String> schema, Optional<String> baseUrl) {
        this.dataDir = dataDir;
        this.dbUrl = dbUrl;
        this.schema = schema;
        this.baseUrl = baseUrl;
    }

    /** True when the suite runs on PostgreSQL in this execution ({@code -Dludus.test.store=postgresql}). */
    public static boolean postgresql() {
        return "postgresql".equals(System.getProperty("ludus.test.store", "sqlite"));
    }

    /** A fresh store of the kind {@code ludus.test.store} names. */
    public static TestStore create() {
        if (!postgresql()) {
            return newSqlite();
        }
        String base = System.getenv(PG_URL_VARIABLE);
        if (base == null || base.isBlank()) {
            throw new IllegalStateException("ludus.test.store=postgresql needs " + PG_URL_VARIABLE);
        }
        return newPostgresql(base);
    }

    /** A SQLite store in a new temporary directory. */
    public static TestStore newSqlite() {
        return new TestStore(temporaryDirectory(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * A new schema {@code ludus_t_<random>} in the PostgreSQL database of {@code jdbcUrl} (which must
     * exist, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); the server's data
     * directory is still a new temporary directory.
     */
    public static TestStore newPostgresql(String jdbcUrl) {
        String schema = "ludus_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(jdbcUrl, "CREATE SCHEMA " + schema);
        String url = jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestStore(temporaryDirectory(), Optional.of(url), Optional.of(schema), Optional.of(jdbcUrl));
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("ludus-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's data directory ({@code LUDUS_DATA_DIR}): the SQLite file, and logs of a {@link ServerProcess}. */
    /** Opens (and migrates) the store: the caller closes it. */
    public dev.ludus.store.Database open() {
        return dbUrl.map(dev.ludus.store.Database::postgresql)
                .orElseGet(() -> dev.ludus.store.Database.sqlite(dataDir));
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The JDBC URL of the PostgreSQL schema ({@code LUDUS_DB_URL}); empty on SQLite. */
    public Optional<String> dbUrl() {
        return dbUrl;
    }

    /** Runs a {@code SELECT COUNT(*)} (or any one-number query) directly on the store. */
    public long count(String sql) {
        String url = dbUrl.orElse("jdbc:sqlite:" + dataDir.resolve("ludus.db"));
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                java.sql.ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on the test store", e);
        }
    }

    /** Runs one statement directly on the store, as another node or an operator would. */
    public void execute(String sql) {
        execute(dbUrl.orElse("jdbc:sqlite:" + dataDir.resolve("ludus.db")), sql);
    }

    /**
     * Deletes the data directory, and the PostgreSQL schema off the caller's thread (the next test need
     * not wait for it; the JVM waits for the drops still running when it exits).
     */
    public void drop() {
        schema.ifPresent(name -> Drops.EXECUTOR.execute(() -> {
            try {
                execute(baseUrl.orElseThrow(), "DROP SCHEMA " + name + " CASCADE");
            } catch (RuntimeException e) {
                System.err.println("could not drop the test schema " + name + ": " + e.getMessage());
            }
        }));
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on the test store", e);
        }
    }

    /** The schema drops of this JVM, one at a time on a thread of their own; waited for at exit. */
    private static final class Drops {
        static final java.util.concurrent.ExecutorService EXECUTOR = java.util.concurrent.Executors
                .newSingleThreadExecutor(task -> {
                    Thread thread = new Thread(task, "ludus-test-schema-drops");
                    thread.setDaemon(true);
                    return thread;
                });

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                EXECUTOR.shutdown();
                try {
                    EXECUTOR.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "ludus-test-schema-drops-at-exit"));
        }

        private Drops() { }
    }
}
