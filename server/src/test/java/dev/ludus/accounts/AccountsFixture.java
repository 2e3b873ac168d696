package dev.ludus.accounts;

import dev.ludus.audit.Actor;
import dev.ludus.audit.AuditEntry;
import dev.ludus.audit.AuditFilter;
import dev.ludus.audit.AuditLog;
import dev.ludus.auth.AuthEventLog;
import dev.ludus.auth.RevocationService;
import dev.ludus.http.ApiException;
import dev.ludus.http.PageRequest;
import dev.ludus.secrets.Secrets;
import dev.ludus.store.Database;
import dev.ludus.tenancy.TenancyService;
import dev.ludus.testing.MutableClock;
import dev.ludus.testing.TestStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * A fresh store of this run's kind (SQLite, or PostgreSQL with {@code ludus.test.store=postgresql}) with
 * the account services over it, on a clock the test moves. Closing it drops the store.
 */
final class AccountsFixture implements AutoCloseable {

    static final Actor OPERATOR = Actor.operator(Optional.of("198.51.100.7"));

    final MutableClock clock = new MutableClock(Instant.parse("2037-12-01T10:00:00Z"));
    private final TestStore store = TestStore.create();
    private final Database database;
    private final AuthEventLog feed;
    final TenancyService tenancy;
    final AccountService accounts;
    final SessionService sessions;
    final SignInThrottle throttle;

    AccountsFixture() {
        database = store.open();
        Clock system = Clock.systemUTC();
        feed = new AuthEventLog(database.jdbi(), system, Duration.ofHours(1));
        tenancy = new TenancyService(database.jdbi(), feed, new RevocationService(database.jdbi(), feed, system),
                new Secrets(), system);
        accounts = new AccountService(database.jdbi(), tenancy, clock);
        sessions = new SessionService(database.jdbi(), clock);
        throttle = new SignInThrottle(database.jdbi(), clock);
    }

    Jdbi jdbi() {
        return database.jdbi();
    }

    long count(String sql, Object... arguments) {
        return jdbi().withHandle(handle -> handle.select(sql, arguments).mapTo(Long.class).one());
    }

    /** Every entry of the audit log, newest first. */
    List<AuditEntry> auditEntries() {
        return jdbi().withHandle(handle -> new AuditLog().page(handle, AuditFilter.ALL,
                new PageRequest(PageRequest.MAX_LIMIT, Optional.empty()))).items();
    }

    /** The refusal {@code call} throws; fails when it throws none. */
    static ApiException refused(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected a refusal, got none");
    }

    /** The field a 400 refusal names. */
    static Object field(ApiException refusal) {
        return refusal.members().get("field");
    }

    @Override
    public void close() {
        try {
            feed.close();
            database.close();
        } finally {
            store.drop();
        }
    }
}
