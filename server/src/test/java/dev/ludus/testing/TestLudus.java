package dev.ludus.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.Ludus;
import dev.ludus.config.LudusConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A real Ludus server in this JVM, on a random port, on a fresh store, with a clock the test moves.
 *
 * <pre>{@code
 * try (TestLudus ludus = TestLudus.start()) {
 *     TestApp app = ludus.createApp();               // a tenant and an application, with their secrets
 *     String url = ludus.baseUrl();                  // http://127.0.0.1:<port>
 *     ludus.clock().advance(Duration.ofDays(1));     // the server's time, moved by hand
 * }
 * }</pre>
 *
 * The store is the one {@code -Dludus.test.store} names (SQLite unless it says {@code postgresql};
 * see {@link TestStore}), or the one {@link Builder#sqlite()} or {@link Builder#postgresql(String)}
 * chooses. The clock starts at the current second, or where {@link Builder#clockAt(Instant)} says,
 * and stands still until the test moves it (unless {@link Builder#runningClock()}): a client that
 * mints its own tokens or signs its own requests must use it too.
 * {@link #close()} stops the server and drops the store; {@link #restart()} keeps the store.
 */
public final class TestLudus implements AutoCloseable {

    /** The operator key ({@code LUDUS_ADMIN_KEY}) of every test server; see {@link #operator()}. */
    public static final String ADMIN_KEY = "test-operator-key-0123456789abcdefghijklmnop";
    /** The issuer of server tokens in tests: fixed, as in production, so restarts on new ports keep it. */
    public static final String ISSUER = "https://ludus.test";

    private final TestStore store;
    private final MutableClock clock;
    private Ludus ludus;
    private Http http;

    private final Map<String, String> settings;

    private TestLudus(TestStore store, MutableClock clock, Map<String, String> settings) {
        this.store = store;
        this.clock = clock;
        this.settings = Map.copyOf(settings);
        boot();
    }

    /** Starts a server on a fresh store with the clock at the current second. */
    public static TestLudus start() {
        return builder().start();
    }

    /** Starts a server with extra {@code LUDUS_*} settings; a failed start drops its store. */
    public static TestLudus start(Map<String, String> settings) {
        return builder().settings(settings).start();
    }

    /** What the next server is started with; {@link Builder#start()} starts it. */
    public static Builder builder() {
        return new Builder();
    }

    /** A second server sharing this one's store and clock, as another node would; end it with {@link #stop()}. */
    public TestLudus secondNode() {
        return new TestLudus(store, clock, settings);
    }

    private void boot() {
        Map<String, String> variables = new HashMap<>();
        variables.put(LudusConfig.PORT, "0");
        variables.put(LudusConfig.DATA_DIR, store.dataDir().toString());
        variables.put(LudusConfig.ADMIN_KEY, ADMIN_KEY);
        variables.put(LudusConfig.ISSUER, ISSUER);
        store.dbUrl().ifPresent(url -> variables.put(LudusConfig.DB_URL, url));
        variables.putAll(settings);
        ludus = Ludus.start(LudusConfig.from(variables), clock);
        http = new Http(ludus.port());
    }

    /** Stops the server and starts a new one on the same store. */
    public void restart() {
        http.close();
        ludus.close();
        boot();
    }

    /** {@code http://127.0.0.1:<port>}: the base URL to give a client. Changes on {@link #restart()}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + ludus.port();
    }

    /** An HTTP client to this server that checks every answer against the contract. */
    public Http http() {
        return http;
    }

    /** The server's clock: it stands still until moved. */
    public MutableClock clock() {
        return clock;
    }

    /** The server itself (its port, its parts), for the server's own tests. */
    public Ludus ludus() {
        return ludus;
    }

    public TestStore store() {
        return store;
    }

    /** The headers of an operator API call: {@code Authorization: Bearer} {@link #ADMIN_KEY}. */
    public static String[] operator() {
        return Http.bearer(ADMIN_KEY);
    }

    /** Creates a tenant and an application through the operator API. */
    public TestApp createApp() {
        return createApp(http, clock);
    }

    /** Creates a tenant and an application through the operator API of the server {@code http} talks to. */
    public static TestApp createApp(Http http, java.time.Clock clock) {
        Http.Answer tenant = http.post("/admin/v1/tenants", "{\"name\":\"Tenant\"}", operator());
        if (tenant.status() != 201) {
            throw new IllegalStateException("tenant: " + tenant);
        }
        String tenantId = tenant.json().path("id").asText();
        Http.Answer app = http.post("/admin/v1/tenants/" + tenantId + "/applications", "{\"name\":\"App\"}", operator());
        if (app.status() != 201) {
            throw new IllegalStateException("application: " + app);
        }
        JsonNode body = app.json();
        return new TestApp(tenantId, body.path("id").asText(), body.path("api_secret").asText(),
                body.path("client_id").asText(), body.path("client_secret").asText(), clock);
    }

    /** Stops the server without dropping the store (for tests that share a store between nodes). */
    public void stop() {
        http.close();
        ludus.close();
    }

    @Override
    public void close() {
        http.close();
        ludus.close();
        store.drop();
    }

    /**
     * The settings, store and clock of a server to start. Each {@link #start()} starts a new server on
     * a new store, so one builder can serve a whole test class ({@link LudusServer}). Not thread-safe.
     */
    public static final class Builder {

        private final Map<String, String> settings = new HashMap<>();
        private Supplier<TestStore> store = TestStore::create;
        private Instant clockStart;
        private boolean clockRuns;

        private Builder() {
        }

        /** An extra {@code LUDUS_*} setting, e.g. {@code LudusConfig.WEBHOOK_ALLOW_PRIVATE, "true"}. */
        public Builder setting(String name, String value) {
            settings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Extra {@code LUDUS_*} settings. */
        public Builder settings(Map<String, String> more) {
            more.forEach(this::setting);
            return this;
        }

        /** SQLite in a new temporary directory, whatever {@code ludus.test.store} says. */
        public Builder sqlite() {
            store = TestStore::newSqlite;
            return this;
        }

        /** A new schema in the PostgreSQL database of {@code jdbcUrl}, whatever {@code ludus.test.store} says. */
        public Builder postgresql(String jdbcUrl) {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            store = () -> TestStore.newPostgresql(jdbcUrl);
            return this;
        }

        /** The server's clock starts at {@code start} instead of the current second. */
        public Builder clockAt(Instant start) {
            clockStart = Objects.requireNonNull(start, "start");
            return this;
        }

        /**
         * The server's clock runs at the pace of real time from its start instead of standing still,
         * for what waits on real time (a rate limit refilling, a retry's delay); it can still be moved on.
         */
        public Builder runningClock() {
            clockRuns = true;
            return this;
        }

        /** Starts a server on a new store; a failed start drops the store. */
        public TestLudus start() {
            Instant start = clockStart != null ? clockStart : Instant.now().truncatedTo(ChronoUnit.SECONDS);
            TestStore fresh = store.get();
            try {
                return new TestLudus(fresh, clockRuns ? MutableClock.running(start) : new MutableClock(start), settings);
            } catch (RuntimeException e) {
                try {
                    fresh.drop();
                } catch (RuntimeException dropFailure) {
                    e.addSuppressed(dropFailure);
                }
                throw e;
            }
        }
    }
}
