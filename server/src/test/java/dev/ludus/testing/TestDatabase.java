package dev.ludus.testing;

import dev.ludus.http.Json;
import dev.ludus.http.JsonBody;
import dev.ludus.store.Database;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * A migrated test store (SQLite, or PostgreSQL with {@code ludus.test.store=postgresql}) holding one
 * application, {@link #APP}, for tests of services below their routes. Closing it closes and drops the
 * store.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String APP = "app_test_database";

    private final Json json = new Json();
    private final MutableClock clock = new MutableClock(Instant.parse("2037-12-01T10:00:00Z"));
    private final TestStore store;
    private final Database database;

    public TestDatabase() {
        store = TestStore.create();
        try {
            database = store.open();
        } catch (RuntimeException e) {
            store.drop();
            throw e;
        }
        database.jdbi().useHandle(handle -> {
            handle.execute("INSERT INTO tenants (id, name, created_at) VALUES ('ten_test_database', 'Test', 0)");
            handle.execute("""
                    INSERT INTO applications (id, tenant_id, name, default_scopes, max_token_lifetime_seconds,
                        ecdsa_enabled, client_id, client_secret_hash, created_at, updated_at)
                    VALUES (?, 'ten_test_database', 'Test', 'read', 3600, 0, 'client_test_database', 'x', 0, 0)""",
                    APP);
        });
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }

    public Database database() {
        return database;
    }

    public Json json() {
        return json;
    }

    /** The clock the tests move, starting on 2037-12-01 at 10:00 UTC. */
    public MutableClock clock() {
        return clock;
    }

    /** A request body. */
    public JsonBody body(String text) {
        return json.bodyOf(text);
    }

    /** Runs a one-number query ({@code SELECT COUNT(*) ...}). */
    public long count(String sql) {
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    @Override
    public void close() {
        try {
            database.close();
        } finally {
            store.drop();
        }
    }
}
