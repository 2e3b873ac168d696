package dev.ludus.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.audit.Actor;
import dev.ludus.auth.AuthEventLog;
import dev.ludus.auth.RevocationService;
import dev.ludus.secrets.Secrets;
import dev.ludus.http.ApiException;
import dev.ludus.store.Database;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The application's default timezone: kept across restarts, and read by {@link TenancyService#defaultTimezone}
 * on the caller's transaction, as the streak code does.
 */
class ApplicationTimezoneTest {

    private static final Actor OPERATOR = Actor.operator(Optional.empty());

    private static ApplicationChanges timezone(String zone) {
        return new ApplicationChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(ZoneId.of(zone)), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Test
    void timezoneSurvivesARestart() {
        try (TestLudus ludus = TestLudus.start()) {
            TestApp app = ludus.createApp();
            ludus.http().patch("/v1/application", "{\"timezone\":\"America/Sao_Paulo\"}", Http.bearer(app.tokenWith("admin")));

            ludus.restart();

            Http.Answer shown = ludus.http().get("/v1/application", Http.bearer(app.tokenWith("admin")));
            assertThat(shown.json().path("timezone").asText()).isEqualTo("America/Sao_Paulo");
        }
    }

    @Test
    void defaultTimezoneIsUtcUntilSetThenTheSetting() {
        withTenancy((database, tenancy) -> {
            String appId = tenancy.createApplication(OPERATOR, tenancy.createTenant(OPERATOR, "T").id(), "A").application().id();
            assertThat(inTransaction(database, tenancy, appId))
                    .isEqualTo(ZoneId.of("UTC"));

            tenancy.updateApplication(OPERATOR, appId, timezone("Europe/Paris"));

            assertThat(inTransaction(database, tenancy, appId))
                    .isEqualTo(ZoneId.of("Europe/Paris"));
        });
    }

    @Test
    void defaultTimezoneSeesTheCallersUncommittedChange() {
        withTenancy((database, tenancy) -> {
            String appId = tenancy.createApplication(OPERATOR, tenancy.createTenant(OPERATOR, "T").id(), "A").application().id();

            ZoneId seen = database.jdbi().<ZoneId, RuntimeException>inTransaction(handle -> {
                handle.execute("UPDATE applications SET timezone = 'Asia/Kolkata' WHERE id = ?", appId);
                return tenancy.defaultTimezone(handle, appId);
            });

            assertThat(seen).isEqualTo(ZoneId.of("Asia/Kolkata"));
        });
    }

    @Test
    void rowsWithoutATimezoneOrWithOneTheRuntimeDoesNotKnowReadAsUtc() {
        withTenancy((database, tenancy) -> {
            String appId = tenancy.createApplication(OPERATOR, tenancy.createTenant(OPERATOR, "T").id(), "A").application().id();
            tenancy.updateApplication(OPERATOR, appId, timezone("Europe/Paris"));

            database.jdbi().useHandle(handle -> handle.execute("UPDATE applications SET timezone = NULL WHERE id = ?", appId));
            assertThat(inTransaction(database, tenancy, appId)).isEqualTo(ZoneId.of("UTC"));
            assertThat(tenancy.application(appId).timezone()).isEqualTo(ZoneId.of("UTC"));

            database.jdbi().useHandle(handle -> handle.execute(
                    "UPDATE applications SET timezone = 'Mars/Olympus_Mons' WHERE id = ?", appId));
            assertThat(inTransaction(database, tenancy, appId)).isEqualTo(ZoneId.of("UTC"));
            assertThat(tenancy.application(appId).timezone()).isEqualTo(ZoneId.of("UTC"));
        });
    }

    @Test
    void defaultTimezoneOfAnUnknownApplicationIs404() {
        withTenancy((database, tenancy) -> assertThatThrownBy(() ->
                database.jdbi().useHandle(handle -> tenancy.defaultTimezone(handle, "app_nope")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404)));
    }

    private static ZoneId inTransaction(Database database, TenancyService tenancy, String applicationId) {
        return database.jdbi().inTransaction(handle -> tenancy.defaultTimezone(handle, applicationId));
    }

    private interface TenancyTest {
        void run(Database database, TenancyService tenancy);
    }

    /** Runs {@code test} on a tenancy service over a fresh store of this run's kind (SQLite or PostgreSQL). */
    private static void withTenancy(TenancyTest test) {
        TestStore store = TestStore.create();
        Database database = store.open();
        Clock clock = Clock.systemUTC();
        AuthEventLog feed = new AuthEventLog(database.jdbi(), clock, Duration.ofHours(1));
        try {
            TenancyService tenancy = new TenancyService(database.jdbi(), feed,
                    new RevocationService(database.jdbi(), feed, clock), new Secrets(), clock);
            test.run(database, tenancy);
        } finally {
            feed.close();
            database.close();
            store.drop();
        }
    }
}
