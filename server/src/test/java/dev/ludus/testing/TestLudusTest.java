package dev.ludus.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.config.LudusConfig;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The harness as others use it: the promises of docs/testing.md. */
class TestLudusTest {

    private static final Instant NOON = Instant.parse("2030-06-12T12:00:00Z");

    @RegisterExtension
    static final LudusServer server = new LudusServer(TestLudus.builder()
            .setting(LudusConfig.WEBHOOK_ALLOW_PRIVATE, "true").clockAt(NOON));

    @Test
    void theExtensionsServerRunsOnTheClockItWasGivenAndItsApplicationsTokensAreAccepted() {
        TestApp app = server.ludus().createApp();

        Http.Answer verified = server.http().get("/v1/auth/verify", Http.bearer(app.tokenWith("admin")));

        assertThat(server.ludus().baseUrl()).isEqualTo("http://127.0.0.1:" + server.ludus().ludus().port());
        assertThat(server.ludus().clock().instant()).isEqualTo(NOON);
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("application_id").asText()).isEqualTo(app.applicationId());
        assertThat(verified.json().path("issued_at").asText()).isEqualTo("2030-06-12T12:00:00Z");
        assertThat(server.http().send("POST", "/v1/auth_token", null, app.basic()).status()).isEqualTo(200);
    }

    @Test
    void theReceiverKeepsEveryHeaderOfAWebhookTheServerSent() {
        TestApp app = server.ludus().createApp();
        String[] admin = Http.bearer(app.tokenWith("admin"));
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Http.Answer endpoint = server.http().post("/v1/webhooks", "{\"url\":\"" + receiver.url()
                    + "\",\"event_types\":[\"points.changed\"]}", admin);
            assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);

            server.http().post("/v1/webhooks/" + endpoint.json().path("id").asText() + "/ping", "", admin);
            WebhookReceiver.Received ping = receiver.await(1).getFirst();

            assertThat(ping.type()).isEqualTo("webhook.ping");
            assertThat(ping.header("Webhook-Id")).isEqualTo(ping.id()).startsWith("msg_");
            assertThat(ping.headers()).containsEntry("webhook-timestamp", Long.toString(NOON.getEpochSecond()))
                    .containsEntry("webhook-signature", ping.signature());
            assertThat(new String(ping.bodyBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(ping.body());
        }
    }

    @Test
    void aSqliteStoreIsChosenInCodeAndDroppedOnClose() {
        TestStore store;
        try (TestLudus ludus = TestLudus.builder().sqlite().start()) {
            store = ludus.store();
            assertThat(store.dbUrl()).isEmpty();
            assertThat(store.count("SELECT COUNT(*) FROM tenants")).isZero();
            ludus.createApp();
            assertThat(store.count("SELECT COUNT(*) FROM tenants")).isEqualTo(1);
        }
        assertThat(store.dataDir()).doesNotExist();
    }

    @Test
    @EnabledIfEnvironmentVariable(named = TestStore.PG_URL_VARIABLE, matches = ".+")
    void aPostgresqlStoreIsAFreshDatabaseDroppedOnClose() throws SQLException {
        String base = System.getenv(TestStore.PG_URL_VARIABLE);
        String database;
        try (TestLudus ludus = TestLudus.builder().postgresql(base).start();
                TestLudus other = TestLudus.builder().postgresql(base).start()) {
            String url = ludus.store().dbUrl().orElseThrow();
            database = url.substring(url.indexOf("//") + 2).replaceFirst("^[^/]*/", "").replaceFirst("\\?.*$", "");
            assertThat(database).startsWith("ludus_t_");
            ludus.createApp();
            assertThat(ludus.store().count("SELECT COUNT(*) FROM tenants")).isEqualTo(1);
            assertThat(other.store().count("SELECT COUNT(*) FROM tenants")).as("each store its own").isZero();
            assertThat(databaseExists(base, database)).isTrue();
        }
        // dropped off the closing thread: gone within seconds
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (databaseExists(base, database) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        assertThat(databaseExists(base, database)).isFalse();
    }

    @Test
    void aStandingClockMovesOnlyWhenToldAndNeverBack() {
        MutableClock clock = new MutableClock(NOON);

        clock.advance(Duration.ofMinutes(5));

        assertThat(clock.instant()).isEqualTo(NOON.plus(Duration.ofMinutes(5)));
        assertThatThrownBy(() -> clock.advanceTo(NOON)).isInstanceOf(IllegalArgumentException.class);
        clock.advanceTo(NOON.plus(Duration.ofDays(1)));
        assertThat(clock.instant()).isEqualTo(NOON.plus(Duration.ofDays(1)));
    }

    @Test
    void aRunningClockRunsFromItsStartAndCanBeMovedOn() throws InterruptedException {
        MutableClock clock = MutableClock.running(NOON);
        Instant first = clock.instant();
        Thread.sleep(20);
        Instant later = clock.instant();

        clock.advance(Duration.ofDays(1));

        assertThat(first).isBetween(NOON, NOON.plusSeconds(5));
        assertThat(later).isAfter(first);
        assertThat(clock.instant()).isAfterOrEqualTo(later.plus(Duration.ofDays(1)));
        assertThatThrownBy(() -> clock.advanceTo(later)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLegacySignerGivesTheWellKnownAddressOfPrivateKeyOne() {
        LegacySigner one = new LegacySigner(BigInteger.ONE);

        assertThat(one.address()).isEqualTo("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
        assertThat(one.privateKeyHex()).hasSize(64).isEqualTo("0".repeat(63) + "1");
    }

    private static boolean databaseExists(String base, String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(base);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT COUNT(*) FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1) == 1;
            }
        }
    }
}
