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
 * PostgreSQL database copied from one whose schema is already migrated ({@link PgTemplate}).
 * {@link #create()} picks by the {@code ludus.test.store} system
 * property ({@code sqlite}, the default, or {@code postgresql} with the database of {@code
 * LUDUS_TEST_PG_URL}); {@link #newSqlite()} and {@link #newPostgresql(String)} choose in code.
 * Survives server restarts; {@link #drop()} removes it.
 */
public final class TestStore {

    /** The environment variable naming the PostgreSQL database of the tests. */
    public static final String PG_URL_VARIABLE = "LUDUS_TEST_PG_URL";

    private final Path dataDir;
    private final Optional<String> dbUrl;
    /** The PostgreSQL database of the store, made for it. */
    private final Optional<String> database;
    /** The database given ({@code LUDUS_TEST_PG_URL}): where {@link #drop()} drops the store's. */
    private final Optional<String> baseUrl;

    private TestStore(Path dataDir, Optional<String> dbUrl, Optional<String> database, Optional<String> baseUrl) {
        this.dataDir = dataDir;
        this.dbUrl = dbUrl;
        this.database = database;
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
     * A new database {@code ludus_t_<random>} on the PostgreSQL server of {@code jdbcUrl} (whose database
     * must exist, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}, and whose user may
     * create databases), copied from the migrated template, the store in its schema
     * {@value PgTemplate#SCHEMA}; the server's data directory is still a new temporary directory.
     */
    public static TestStore newPostgresql(String jdbcUrl) {
        String database = newDatabaseName();
        copy(jdbcUrl, PgTemplate.of(jdbcUrl), database);
        return postgresqlStore(jdbcUrl, database);
    }

    /**
     * As {@link #newPostgresql}, but its schema empty: nothing migrated yet (for what starts from an
     * empty PostgreSQL store, such as {@code ludus migrate-store}).
     */
    public static TestStore emptyPostgresql(String jdbcUrl) {
        String database = newDatabaseName();
        execute(jdbcUrl, "CREATE DATABASE " + database);
        execute(PgTemplate.withDatabase(jdbcUrl, database), "CREATE SCHEMA " + PgTemplate.SCHEMA);
        return postgresqlStore(jdbcUrl, database);
    }

    private static String newDatabaseName() {
        return "ludus_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static TestStore postgresqlStore(String jdbcUrl, String database) {
        String url = PgTemplate.withParameter(PgTemplate.withDatabase(jdbcUrl, database), "currentSchema",
                PgTemplate.SCHEMA);
        return new TestStore(temporaryDirectory(), Optional.of(url), Optional.of(database), Optional.of(jdbcUrl));
    }

    /**
     * {@code CREATE DATABASE database TEMPLATE template}, again for a moment while the template's last
     * connection (the migration's, just closed) is still going away.
     */
    private static void copy(String jdbcUrl, String template, String database) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                execute(jdbcUrl, "CREATE DATABASE " + database + " TEMPLATE " + template);
                return;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline || !String.valueOf(e.getCause()).contains("accessed by other users")) {
                    throw e;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(java.time.Duration.ofMillis(50).toNanos());
            }
        }
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

    /** The JDBC URL of the PostgreSQL store, its database and schema ({@code LUDUS_DB_URL}); empty on SQLite. */
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
     * Deletes the data directory, and the PostgreSQL database off the caller's thread (the next test
     * need not wait for it; the JVM waits for the drops still running when it exits).
     */
    public void drop() {
        database.ifPresent(name -> Drops.EXECUTOR.execute(() -> {
            try {
                execute(baseUrl.orElseThrow(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException e) {
                System.err.println("could not drop the test database " + name + ": " + e.getMessage());
            }
        }));
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void execute(String url, String sql) {
        PgTemplate.execute(url, sql);
    }

    /** The database drops of this JVM, one at a time on a thread of their own; waited for at exit. */
    private static final class Drops {
        static final java.util.concurrent.ExecutorService EXECUTOR = java.util.concurrent.Executors
                .newSingleThreadExecutor(task -> {
                    Thread thread = new Thread(task, "ludus-test-database-drops");
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
            }, "ludus-test-database-drops-at-exit"));
        }

        private Drops() { }
    }
}
