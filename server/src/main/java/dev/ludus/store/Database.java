package dev.ludus.store;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store: a pooled {@link DataSource}, the schema brought up to date by Flyway, and a {@link Jdbi}
 * on top. SQLite (WAL, {@code synchronous=FULL}) in the data directory by default; PostgreSQL when a
 * JDBC URL is given.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final java.time.Duration CHECKPOINT_INTERVAL = java.time.Duration.ofMillis(200);

    /**
     * Free space below which an SQLite store is not ready: 16 MiB. A commit appends to the log first,
     * and a full disk refuses every commit; a node that answers ready then would take traffic it can
     * only refuse.
     */
    /** The default connection pool of an SQLite store (setting {@code LUDUS_DB_POOL_SIZE}). */
    public static final int SQLITE_POOL_SIZE = 8;
    /** The default connection pool of a PostgreSQL store (setting {@code LUDUS_DB_POOL_SIZE}). */
    public static final int POSTGRESQL_POOL_SIZE = 16;
    public static final long MIN_FREE_BYTES = 16L * 1024 * 1024;

    private final Vendor vendor;
    /** SQLite only: the database file. */
    private final Path file;
    private final HikariDataSource dataSource;
    /** The readiness check in flight or last done; replaced when done. */
    private final AtomicReference<CompletableFuture<Boolean>> readiness = new AtomicReference<>();
    private final Jdbi jdbi;
    /** SQLite only: moves checkpoints off the commits. */
    private final WalCheckpointer checkpointer;
    /** SQLite only: the group-commit writer's log flushes. */
    private final WalSync walSync;

    /** The two stores Ludus runs on; the name is also the vendor folder of the migrations. */
    public enum Vendor {
        SQLITE("sqlite"), POSTGRESQL("postgresql");

        private final String folder;

        Vendor(String folder) {
            this.folder = folder;
        }
    }

    private Database(Vendor vendor, HikariDataSource dataSource, Path file) {
        this.vendor = vendor;
        this.file = file;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.jdbi.setStatementBuilderFactory(connection -> new CachingStatementBuilder());
        this.checkpointer = vendor == Vendor.SQLITE ? new WalCheckpointer(dataSource, CHECKPOINT_INTERVAL) : null;
        this.walSync = vendor == Vendor.SQLITE ? new WalSync(file, dataSource, checkpointer) : null;
        if (checkpointer != null) {
            checkpointer.start();
            walSync.start();
        }
    }

    /**
     * Opens (creating if needed) {@code ludus.db} in {@code dataDir} and migrates it, with the default
     * pool ({@link #SQLITE_POOL_SIZE}).
     */
    public static Database sqlite(Path dataDir) {
        return sqlite(dataDir, SQLITE_POOL_SIZE);
    }

    /** As {@link #sqlite(Path)}, with a pool of {@code poolSize} connections. */
    public static Database sqlite(Path dataDir, int poolSize) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(10_000);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Nothing reads generated keys (RETURNING does that job); left on, the driver runs
        // SELECT last_insert_rowid() after every INSERT.
        sqlite.setGetGeneratedKeys(false);
        // A page cache of up to 32 MiB per connection (SQLite's default is 2 MiB): the writer's
        // working set of user rows stays in memory instead of being read again from the WAL.
        sqlite.setCacheSize(-32 * 1024);
        // The WalCheckpointer copies the log into the database in the background; a commit does it
        // only when the log passes 10,000 pages (40 MiB; SQLite's default is 1,000).
        sqlite.setWalAutocheckpoint(10_000);
        // The writer restarts the log from its beginning at about 8 MiB (WalCheckpointer); a log that
        // grew past 16 MiB anyway (a long read held it) is cut back to 16 MiB when it restarts.
        sqlite.setJournalSizeLimit(16 * 1024 * 1024);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl("jdbc:sqlite:" + dataDir.resolve("ludus.db"));

        HikariConfig pool = new HikariConfig();
        pool.setPoolName("ludus-sqlite");
        pool.setDataSource(source);
        pool.setMaximumPoolSize(poolSize);
        pool.setConnectionTimeout(10_000);
        return open(Vendor.SQLITE, pool, dataDir.resolve("ludus.db"));
    }

    /**
     * Connects to PostgreSQL at {@code jdbcUrl} through the default pool
     * ({@link #POSTGRESQL_POOL_SIZE}) and migrates the schema.
     */
    public static Database postgresql(String jdbcUrl) {
        return postgresql(jdbcUrl, POSTGRESQL_POOL_SIZE);
    }

    /** As {@link #postgresql(String)}, with a pool of {@code poolSize} connections. */
    public static Database postgresql(String jdbcUrl, int poolSize) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("ludus-postgresql");
        pool.setJdbcUrl(jdbcUrl);
        pool.setMaximumPoolSize(poolSize);
        // Not reWriteBatchedInserts: it turns a batch of upserts into one multi-row INSERT, which
        // PostgreSQL refuses when two rows of it have the same key (one user's two events in a batch).
        pool.setConnectionTimeout(10_000);
        return open(Vendor.POSTGRESQL, pool, null);
    }

    private static Database open(Vendor vendor, HikariConfig pool, Path file) {
        HikariDataSource dataSource = new HikariDataSource(pool);
        try {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor.folder)
                    .load()
                    .migrate();
            LOG.info("store {} ready: {} migration(s) applied", vendor.folder, result.migrationsExecuted);
            return new Database(vendor, dataSource, file);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** When a group commit's transaction is durable on this store. */
    public Durability durability() {
        return walSync != null ? walSync : Durability.AT_COMMIT;
    }

    public Vendor vendor() {
        return vendor;
    }

    /**
     * True when the store answers a query within {@code budget}, getting a connection included (the
     * pool would wait up to its own 10 s for one while the store is down). At most one check runs at
     * a time: callers that arrive while one is pending wait for its answer, within their budget.
     */
    public boolean isReady(Duration budget) {
        CompletableFuture<Boolean> check = readiness.get();
        if (check == null || check.isDone()) {
            CompletableFuture<Boolean> fresh = new CompletableFuture<>();
            if (readiness.compareAndSet(check, fresh)) {
                Thread.ofVirtual().name("ludus-readiness").start(() -> fresh.complete(answers(budget)));
            }
            check = readiness.get();
        }
        try {
            return check.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("store readiness check gave no answer within {} ms (no connection, or the store hangs)",
                    budget.toMillis());
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * False when an SQLite store's disk has less than {@link #MIN_FREE_BYTES} left; always true on
     * PostgreSQL, whose disk is the database server's to watch.
     */
    public boolean hasRoomToWrite() {
        if (file == null) {
            return true;
        }
        try {
            return Files.getFileStore(file.getParent()).getUsableSpace() >= MIN_FREE_BYTES;
        } catch (IOException e) {
            LOG.warn("cannot read the free space of {}: {}", file.getParent(), e.getMessage());
            return false;
        }
    }

    /** One round trip on a pooled connection; false on any failure. */
    private boolean answers(Duration budget) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, budget.toSeconds()));
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("store readiness check failed: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        if (checkpointer != null) {
            walSync.close();
            checkpointer.close();
        }
        dataSource.close();
    }
}
