package dev.ludus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.Ludus;
import dev.ludus.config.LudusConfig;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import dev.ludus.testing.WebhookReceiver;
import dev.ludus.testing.WebhookReceiver.Reply;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL backup and restore of docs/operations.md, done as written: {@code pg_dump -Fc} of a
 * populated store, {@code pg_restore} into a new database, and a server on the restored database
 * answers as the first did and takes new events. Runs in the PostgreSQL execution; skips only when
 * pg_dump is not installed.
 */
class PostgresqlRestoreTest {

    @Test
    void dumpRestoredIntoAnotherDatabaseAnswersTheSame() throws Exception {
        assumeThat(TestStore.postgresql()).as("runs with LUDUS_TEST_PG_URL, in the PostgreSQL execution").isTrue();
        assumeThat(installed("pg_dump") && installed("pg_restore"))
                .as("pg_dump and pg_restore are not installed (Debian: postgresql-client): the restore test needs them")
                .isTrue();
        String base = System.getenv(TestStore.PG_URL_VARIABLE);
        PgAddress parts = PgAddress.of(base);
        String database = "ludus_restore_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path dump = Files.createTempFile("ludus-", ".dump");
        try (WebhookReceiver delivered = WebhookReceiver.start(); WebhookReceiver failing = WebhookReceiver.start()) {
            failing.respond(request -> Reply.status(503));
            TestLudus original = TestLudus.builder().postgresql(base).setting(LudusConfig.WEBHOOK_ALLOW_PRIVATE, "true").start();
            try {
                PopulatedGame game;
                Map<String, JsonNode> before;
                try {
                    game = PopulatedGame.populate(original.http(), original.clock(), original.store(), delivered, failing);
                    before = game.views(original.http());
                } finally {
                    original.stop();
                }
                String stored = original.store().dbUrl().orElseThrow();
                String schema = PgAddress.parameter(stored, "currentSchema").orElseThrow();

                run(parts, List.of("pg_dump", "--format=custom", "--schema=" + schema, "--file=" + dump,
                        "--dbname=" + PgAddress.of(stored).database()));
                execute(base, "CREATE DATABASE " + database);
                run(parts, List.of("pg_restore", "--no-owner", "--exit-on-error", "--dbname=" + database, dump.toString()));

                Map<String, String> settings = new HashMap<>();
                settings.put(LudusConfig.PORT, "0");
                settings.put(LudusConfig.DATA_DIR, Files.createTempDirectory("ludus-restored-").toString());
                settings.put(LudusConfig.DB_URL, parts.withDatabase(database) + "&currentSchema=" + schema);
                settings.put(LudusConfig.ADMIN_KEY, TestLudus.ADMIN_KEY);
                settings.put(LudusConfig.ISSUER, TestLudus.ISSUER);
                settings.put(LudusConfig.WEBHOOK_ALLOW_PRIVATE, "true");
                try (Ludus restored = Ludus.start(LudusConfig.from(settings), original.clock());
                        Http http = new Http(restored.port())) {
                    assertThat(game.views(http)).isEqualTo(before);
                    assertThat(http.get("/v1/auth/verify", Http.bearer(game.serverToken)).status()).isEqualTo(200);
                    assertThat(http.get("/v1/auth/verify", Http.bearer(game.revokedToken)).error()).isEqualTo("token_revoked");
                    int deliveredBefore = delivered.received().size();
                    PopulatedGame.event(http, Http.bearer(game.app.tokenWith("users:write")), "bob", 2, Optional.empty());
                    assertThat(delivered.await(deliveredBefore + 1).getLast().json().path("data").path("user_id").asText())
                            .isEqualTo("bob");
                }
            } finally {
                original.store().drop();
                execute(base, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                Files.deleteIfExists(dump);
            }
        }
    }

    /** The parts of a {@code jdbc:postgresql://host:port/database?user=...&password=...} URL the client tools need. */
    private record PgAddress(String host, int port, String database, String user, Optional<String> password) {

        static PgAddress of(String jdbcUrl) {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            return new PgAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getPath().substring(1),
                    parameter(jdbcUrl, "user").orElse(System.getProperty("user.name")), parameter(jdbcUrl, "password"));
        }

        static Optional<String> parameter(String jdbcUrl, String name) {
            int query = jdbcUrl.indexOf('?');
            if (query < 0) {
                return Optional.empty();
            }
            for (String pair : jdbcUrl.substring(query + 1).split("&")) {
                if (pair.startsWith(name + "=")) {
                    return Optional.of(pair.substring(name.length() + 1));
                }
            }
            return Optional.empty();
        }

        String withDatabase(String other) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + other + "?user=" + user
                    + password.map(secret -> "&password=" + secret).orElse("");
        }
    }

    private static void run(PgAddress parts, List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(command);
        full.addAll(1, List.of("--host=" + parts.host(), "--port=" + parts.port(), "--username=" + parts.user()));
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        parts.password().ifPresent(secret -> builder.environment().put("PGPASSWORD", secret));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(command.getFirst() + ": " + output).isZero();
    }

    private static boolean installed(String tool) {
        try {
            Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
