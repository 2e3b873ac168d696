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
 * The store a test server runs on, chosen by the {@code ludus.test.store} system property: a fresh
 * SQLite data directory, or a fresh schema in the PostgreSQL database of {@code LUDUS_TEST_PG_URL}.
 * Survives server restarts; {@link #drop()} removes it.
 */
public final class TestStore {

    private final Path dataDir;
    private final Optional<String> dbUrl;
    private final Optional<String> schema;

    private TestStore(Path dataDir, Optional<String> dbUrl, Optional<String> schema) {
        this.dataDir = dataDir;
        this.dbUrl = dbUrl;
        this.schema = schema;
    }

    /** True when the suite runs on PostgreSQL in this execution. */
    public static boolean postgresql() {
        return "postgresql".equals(System.getProperty("ludus.test.store", "sqlite"));
    }

    public static TestStore create() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("ludus-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!postgresql()) {
            return new TestStore(dataDir, Optional.empty(), Optional.empty());
        }
        String base = System.getenv("LUDUS_TEST_PG_URL");
        if (base == null || base.isBlank()) {
            throw new IllegalStateException("ludus.test.store=postgresql needs LUDUS_TEST_PG_URL");
        }
        String schema = "ludus_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(base, "CREATE SCHEMA " + schema);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestStore(dataDir, Optional.of(url), Optional.of(schema));
    }

    public Path dataDir() {
        return dataDir;
    }

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

    /** Deletes the data directory and the PostgreSQL schema. */
    public void drop() {
        schema.ifPresent(name -> execute(System.getenv("LUDUS_TEST_PG_URL"), "DROP SCHEMA " + name + " CASCADE"));
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
            throw new IllegalStateException("cannot run '" + sql + "' on the test PostgreSQL", e);
        }
    }
}
