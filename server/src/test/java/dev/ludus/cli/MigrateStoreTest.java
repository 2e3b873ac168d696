package dev.ludus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.Ludus;
import dev.ludus.config.LudusConfig;
import dev.ludus.store.Database;
import dev.ludus.store.copy.StoreCopy;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import dev.ludus.testing.WebhookReceiver;
import dev.ludus.testing.WebhookReceiver.Received;
import dev.ludus.testing.WebhookReceiver.Reply;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.TestApp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ludus migrate-store}: an SQLite store copied into a fresh PostgreSQL schema answers the same
 * through the API and goes on working there; a target with data is refused unless replaced; a copy
 * that differs from its source fails its verification and commits nothing. Runs in the PostgreSQL
 * execution of the suite (LUDUS_TEST_PG_URL set).
 */
class MigrateStoreTest {

    private static final String PASSWORD = "never-printed-7f3a";

    private TestStore source;
    private TestStore target;

    @BeforeEach
    void stores() {
        assumeThat(TestStore.postgresql())
                .as("migrate-store copies into PostgreSQL: it runs with LUDUS_TEST_PG_URL, in the PostgreSQL execution")
                .isTrue();
        source = TestStore.newSqlite();
        target = TestStore.emptyPostgresql(System.getenv(TestStore.PG_URL_VARIABLE));
    }

    @AfterEach
    void dropStores() {
        if (source != null) {
            source.drop();
            target.drop();
        }
    }

    @Test
    void populatedStoreAnswersTheSameOnPostgresqlAndGoesOn() throws Exception {
        try (WebhookReceiver delivered = WebhookReceiver.start(); WebhookReceiver failing = WebhookReceiver.start()) {
            failing.respond(request -> Reply.status(503));
            TestLudus sqlite = TestLudus.builder().sqlite().setting(LudusConfig.WEBHOOK_ALLOW_PRIVATE, "true").start();
            PopulatedGame game;
            Map<String, JsonNode> before;
            List<String> pending;
            try {
                source.drop();
                source = sqlite.store();
                game = PopulatedGame.populate(sqlite.http(), sqlite.clock(), source, delivered, failing);
                before = game.views(sqlite.http());
                pending = game.pendingMessages(sqlite.http());
                assertThat(pending).as("messages still pending for the failing endpoint").isNotEmpty();
                assertThat(delivered.received()).isNotEmpty();
            } finally {
                sqlite.stop();
            }
            int deliveredBefore = delivered.received().size();

            CliRun run = migrate(target.dbUrl().orElseThrow() + "&password=" + PASSWORD);
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
            assertThat(run.out()).contains("Copied and verified").doesNotContain("MISMATCH");
            for (String table : List.of("events", "points_ledger", "user_achievements", "user_streaks", "leaderboard_scores",
                    "idempotency_keys", "auth_events", "webhook_deliveries", "webhook_attempts", "console_accounts")) {
                assertThat(target.count("SELECT COUNT(*) FROM " + table)).as(table).isPositive();
                assertThat(run.out()).containsPattern("(?m)^" + table + " +\\d+ +\\d+ +\\w{16} +\\w{16} +ok$");
            }

            Map<String, String> settings = new HashMap<>();
            settings.put(LudusConfig.PORT, "0");
            settings.put(LudusConfig.DATA_DIR, target.dataDir().toString());
            settings.put(LudusConfig.DB_URL, target.dbUrl().orElseThrow());
            settings.put(LudusConfig.ADMIN_KEY, TestLudus.ADMIN_KEY);
            settings.put(LudusConfig.ISSUER, TestLudus.ISSUER);
            settings.put(LudusConfig.WEBHOOK_ALLOW_PRIVATE, "true");
            try (Ludus postgresql = Ludus.start(LudusConfig.from(settings), sqlite.clock());
                    Http http = new Http(postgresql.port())) {
                assertThat(game.views(http)).isEqualTo(before);

                // Credentials and tokens of the old store hold: the server token and its signing key,
                // the client's current token, the revocations.
                assertThat(http.get("/v1/auth/verify", Http.bearer(game.serverToken)).status()).isEqualTo(200);
                Http.Answer again = http.post("/v1/auth_token", null, game.app.basic());
                assertThat(again.json().path("token").asText()).isEqualTo(game.serverToken);
                assertThat(http.get("/v1/auth/verify", Http.bearer(game.revokedToken)).error()).isEqualTo("token_revoked");
                assertThat(http.get("/v1/auth/verify", Http.bearer(game.evesOldToken)).error()).isEqualTo("token_revoked");
                assertThat(http.get("/console/setup/" + game.invitationToken).status()).isEqualTo(200);

                // A new event is numbered after the copied ones and its webhook is delivered.
                Http.Answer conflict = http.post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"ada\",\"value\":1}",
                        "Authorization", "Bearer " + game.app.tokenWith("users:write"), "Idempotency-Key", "k-0-0");
                assertThat(conflict.error()).as("the idempotency record was copied").isEqualTo("idempotency_conflict");
                PopulatedGame.event(http, Http.bearer(game.app.tokenWith("users:write")), "ada", 2, Optional.empty());
                List<Received> after = delivered.await(deliveredBefore + 1);
                JsonNode latest = after.getLast().json().path("data");
                assertThat(latest.path("user_id").asText()).isEqualTo("ada");
                assertThat(latest.path("points").path("amount").asInt()).isEqualTo(2);

                // The messages pending at the copy are delivered once the endpoint answers again.
                // (attempts due at the new server's start may fail before this: only what arrives after counts)
                int switched = failing.received().size();
                failing.respond(request -> Reply.ok());
                sqlite.clock().advance(Duration.ofHours(12)); // past the longest retry (10 h, jittered)
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                Set<String> retried = Set.of();
                while (!retried.containsAll(pending) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                    retried = failing.received().stream().skip(switched).map(Received::id).collect(Collectors.toSet());
                }
                assertThat(retried).containsAll(pending);
            }
        }
    }

    @Test
    void refusesATargetThatHoldsDataAndReplacesItWhenTold() throws Exception {
        seedSource("ten_one");
        CliRun first = migrate(target.dbUrl().orElseThrow());
        assertThat(first.status()).as(first.err()).isZero();

        seedSource("ten_two");
        CliRun refused = migrate(target.dbUrl().orElseThrow());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err().strip()).doesNotContain("\n")
                .startsWith("ludus: the target already holds Ludus data (in ").contains("tenants").contains("--replace");
        assertThat(target.count("SELECT COUNT(*) FROM tenants")).isEqualTo(1);

        CliRun replaced = migrate(target.dbUrl().orElseThrow(), "--replace");
        assertThat(replaced.status()).as(replaced.err()).isZero();
        assertThat(target.count("SELECT COUNT(*) FROM tenants")).isEqualTo(2);
        assertThat(target.count("SELECT COUNT(*) FROM applications")).isEqualTo(2);
    }

    @Test
    void aCopyChangedBeforeItsVerificationFailsAndCommitsNothing() throws Exception {
        seedSource("ten_one");
        seedSource("ten_two");
        StoreCopy copy = new StoreCopy(source.dataDir().resolve("ludus.db"), target.dbUrl().orElseThrow(), false,
                new StoreCopy.Listener() {
                    @Override
                    public void copied(String table, long rows, Duration took) {
                    }

                    @Override
                    public void beforeVerify(Connection connection) throws java.sql.SQLException {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("UPDATE tenants SET name = 'Changed' WHERE id = 'ten_two'");
                            statement.execute("DELETE FROM api_secrets WHERE id = 'sec_ten_one'");
                        }
                    }
                });
        assertThatThrownBy(copy::run).isInstanceOfSatisfying(StoreCopy.VerificationFailed.class, failure -> {
            assertThat(failure.getMessage()).contains("tenants").contains("api_secrets").doesNotContain("users");
            Map<String, StoreCopy.Verified> byTable = failure.tables().stream()
                    .collect(Collectors.toMap(StoreCopy.Verified::table, verified -> verified));
            assertThat(byTable.get("tenants").source().rows()).isEqualTo(byTable.get("tenants").target().rows());
            assertThat(byTable.get("tenants").source().digest()).isNotEqualTo(byTable.get("tenants").target().digest());
            assertThat(byTable.get("api_secrets").target().rows()).isEqualTo(byTable.get("api_secrets").source().rows() - 1);
            assertThat(byTable.get("applications").matches()).isTrue();
        });
        assertThat(target.count("SELECT COUNT(*) FROM tenants")).as("rolled back").isZero();
    }

    @Test
    void refusesASourceAtAnotherSchemaVersion() {
        Flyway.configure().dataSource("jdbc:sqlite:" + source.dataDir().resolve("ludus.db"), null, null)
                .locations("classpath:db/migration/common", "classpath:db/migration/sqlite").target("10").load().migrate();
        CliRun run = migrate(target.dbUrl().orElseThrow());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("is at schema version 10 and this Ludus is at").contains("ludus serve");
        assertThat(target.count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()"))
                .as("the target was left alone").isZero();
    }

    @Test
    void copiesAConsistentSnapshotWhileTheServerTakesEvents() throws Exception {
        TestLudus sqlite = TestLudus.builder().sqlite().start();
        source.drop();
        source = sqlite.store();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        CliRun run;
        try {
            TestApp app = sqlite.createApp();
            new GameSetup(sqlite.http(), app).metric("steps")
                    .put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}");
            String[] service = Http.bearer(app.tokenWith("users:write"));
            List<Thread> writers = new ArrayList<>();
            for (int writer = 0; writer < 3; writer++) {
                String user = "w" + writer;
                writers.add(Thread.ofVirtual().start(() -> {
                    while (writing.get()) {
                        if (sqlite.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"" + user
                                + "\",\"value\":1}", service).status() == 201) {
                            acknowledged.incrementAndGet();
                        }
                    }
                }));
            }
            while (acknowledged.get() < 50) {
                Thread.sleep(10);
            }
            run = migrate(target.dbUrl().orElseThrow());
            int atEnd = acknowledged.get();
            while (acknowledged.get() < atEnd + 20) {
                Thread.sleep(10);
            }
            writing.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
        } finally {
            writing.set(false);
            sqlite.stop();
        }
        assertThat(run.status()).as(run.out() + run.err()).isZero();
        long copied = target.count("SELECT COUNT(*) FROM events");
        assertThat(copied).isPositive().isLessThan(acknowledged.get());
        assertThat(target.count("SELECT COALESCE(SUM(balance), 0) FROM user_points")).isEqualTo(copied);
        assertThat(target.count("SELECT COUNT(*) FROM points_ledger")).isEqualTo(copied);
    }

    @Test
    void aValueThatDoesNotFitItsColumnStopsTheCopyWithOneLine() throws Exception {
        seedSource("ten_one");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + source.dataDir().resolve("ludus.db"));
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE tenants SET created_at = 'yesterday'"); // SQLite keeps text in a BIGINT column
        }
        CliRun run = migrate(target.dbUrl().orElseThrow());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("ludus: cannot copy tenants.created_at: SQLite holds a string where the"
                + " target's column is integer");
        assertThat(target.count("SELECT COUNT(*) FROM tenants")).isZero();
    }

    @Test
    void printedUrlsKeepNoPassword() {
        assertThat(RedactedUrl.of("jdbc:postgresql://db:5432/ludus?user=ludus&password=s3cret&currentSchema=app"))
                .isEqualTo("postgresql://db:5432/ludus (schema app)");
        assertThat(RedactedUrl.of("jdbc:postgresql://ludus:s3cret@db/ludus")).isEqualTo("postgresql://db/ludus");
    }

    private CliRun migrate(String url, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "migrate-store";
        args[1] = "--data-dir=" + source.dataDir();
        args[2] = "--to";
        args[3] = url;
        System.arraycopy(more, 0, args, 4, more.length);
        return CliRun.of(args);
    }

    /** A tenant with an application and its API secret in the SQLite source (migrated on first use). */
    private void seedSource(String tenant) {
        try (Database database = source.open()) {
            database.jdbi().useHandle(handle -> {
                handle.execute("INSERT INTO tenants (id, name, created_at) VALUES (?, 'T\u00e9nant ' || ?, 1)", tenant, tenant);
                handle.execute("""
                        INSERT INTO applications (id, tenant_id, name, default_scopes, max_token_lifetime_seconds,
                            ecdsa_enabled, client_id, client_secret_hash, created_at, updated_at)
                        VALUES (?, ?, 'App', 'read', 3600, 1, ?, 'hash', 2, 3)""", "app_" + tenant, tenant, "client_" + tenant);
                handle.execute("INSERT INTO api_secrets (id, application_id, secret, created_at) VALUES (?, ?, 'sk_x', 4)",
                        "sec_" + tenant, "app_" + tenant);
            });
        }
    }
}
