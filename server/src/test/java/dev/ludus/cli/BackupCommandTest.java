package dev.ludus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ludus.Ludus;
import dev.ludus.config.LudusConfig;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ludus backup}: a copy taken while events are being written is a working, consistent store;
 * an existing file is kept unless told; a PostgreSQL configuration is sent to pg_dump. SQLite only:
 * runs in the suite's SQLite execution.
 */
class BackupCommandTest {

    private static final int USERS = 12;

    private TestStore restored;

    @BeforeEach
    void sqliteOnly() {
        assumeThat(TestStore.postgresql()).as("backup copies SQLite stores: it runs in the SQLite execution").isFalse();
        restored = TestStore.newSqlite();
    }

    @AfterEach
    void dropRestored() {
        if (restored != null) {
            restored.drop();
        }
    }

    @Test
    void backupTakenWhileEventsAreWrittenRestoresToAWorkingConsistentStore() throws Exception {
        Path backup = restored.dataDir().resolve("backup.db");
        AtomicInteger acknowledged = new AtomicInteger();
        int acknowledgedAtBackup;
        int acknowledgedAtEnd;
        TestApp app;
        try (TestLudus ludus = TestLudus.builder().sqlite().runningClock().start()) {
            app = ludus.createApp();
            new GameSetup(ludus.http(), app).metric("steps")
                    .put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}")
                    .put("/v1/achievements/first", "{\"trigger\":{\"type\":\"metric\",\"metric\":\"steps\",\"threshold\":1}}");
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Thread> writers = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                int first = writer;
                writers.add(Thread.ofVirtual().start(() -> {
                    String[] service = Http.bearer(app.tokenWith("users:write"));
                    for (int sent = 0; writing.get(); sent++) {
                        String user = "u" + (first + 4 * (sent % (USERS / 4)));
                        Http.Answer answer = ludus.http().post("/v1/events",
                                "{\"metric\":\"steps\",\"user_id\":\"" + user + "\",\"value\":1}", service);
                        if (answer.status() == 201) {
                            acknowledged.incrementAndGet();
                        }
                    }
                }));
            }
            while (acknowledged.get() < 100) {
                Thread.sleep(10);
            }
            CliRun run = CliRun.of("backup", "--data-dir=" + ludus.store().dataDir(), backup.toString());
            acknowledgedAtBackup = acknowledged.get();
            while (acknowledged.get() < acknowledgedAtBackup + 50) {
                Thread.sleep(10);
            }
            writing.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
            acknowledgedAtEnd = acknowledged.get();
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("Backed up ").contains(backup.toString());
            System.out.print(run.out()); // the size and time, in the test's report
        }

        long events = count(backup, "SELECT COUNT(*) FROM events");
        assertThat(events).as("events in the backup, of %d acknowledged at its end and %d in all", acknowledgedAtBackup,
                acknowledgedAtEnd).isPositive().isLessThan(acknowledgedAtEnd);
        assertThat(count(backup, "SELECT COUNT(*) FROM users u WHERE (SELECT balance FROM user_points p"
                + " WHERE p.application_id = u.application_id AND p.user_id = u.user_id) <> (SELECT COALESCE(SUM(amount), 0)"
                + " FROM points_ledger l WHERE l.application_id = u.application_id AND l.user_id = u.user_id)"))
                .as("users whose balance is not the sum of their history").isZero();

        Files.copy(backup, restored.dataDir().resolve("ludus.db"));
        Map<String, String> settings = new HashMap<>();
        settings.put(LudusConfig.PORT, "0");
        settings.put(LudusConfig.DATA_DIR, restored.dataDir().toString());
        settings.put(LudusConfig.ADMIN_KEY, TestLudus.ADMIN_KEY);
        settings.put(LudusConfig.ISSUER, TestLudus.ISSUER);
        try (Ludus ludus = Ludus.start(LudusConfig.from(settings), java.time.Clock.systemUTC());
                Http http = new Http(ludus.port())) {
            String[] reader = Http.bearer(app.tokenWith("users:read", "users:write"));
            long balances = 0;
            for (int user = 0; user < USERS; user++) {
                Http.Answer progress = http.get("/v1/users/u" + user + "/progress", reader);
                assertThat(progress.status()).as(progress.body()).isEqualTo(200);
                long balance = progress.json().path("points").path(0).path("balance").asLong();
                assertThat(balance).as("u" + user).isEqualTo(count(restored.dataDir().resolve("ludus.db"),
                        "SELECT COUNT(*) FROM events WHERE user_id = 'u" + user + "'"));
                balances += balance;
            }
            assertThat(balances).isEqualTo(events);
            Http.Answer more = http.post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"u0\",\"value\":1}", reader);
            assertThat(more.status()).as(more.body()).isEqualTo(201);
        }
    }

    @Test
    void refusesToOverwriteAFileUnlessTold() throws Exception {
        Path store = restored.dataDir();
        restored.open().close();
        Path file = store.resolve("kept.db");
        Files.writeString(file, "not to be lost");

        CliRun refused = CliRun.of("backup", "--data-dir=" + store, file.toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err().strip()).isEqualTo("ludus: " + file + " already exists: choose another file, or give "
                + "--overwrite to replace it");
        assertThat(Files.readString(file)).isEqualTo("not to be lost");

        CliRun overwritten = CliRun.of("backup", "--data-dir=" + store, "--overwrite", file.toString());
        assertThat(overwritten.status()).as(overwritten.err()).isZero();
        assertThat(count(file, "SELECT COUNT(*) FROM flyway_schema_history")).isPositive();
        try (var leftovers = Files.list(store)) {
            assertThat(leftovers.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    @Test
    void refusesAPostgresqlConfigurationAndPointsToPgDump() {
        Path file = restored.dataDir().resolve("never.db");
        CliRun run = CliRun.of("backup", "--db-url=jdbc:postgresql://127.0.0.1:5432/ludus?user=ludus", file.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().strip()).doesNotContain("\n").contains("PostgreSQL").contains("pg_dump")
                .contains("docs/operations.md");
        assertThat(file).doesNotExist();
    }

    private static long count(Path sqlite, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + sqlite);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
