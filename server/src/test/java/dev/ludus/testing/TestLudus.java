package dev.ludus.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.Ludus;
import dev.ludus.config.LudusConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Ludus server on a random port, on the test store, with a clock the test moves. One line
 * to start, {@link #close()} to stop and drop the store; {@link #restart()} keeps the store.
 */
public final class TestLudus implements AutoCloseable {

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
        return start(Map.of());
    }

    /** Starts a server with extra {@code LUDUS_*} settings; a failed start drops its store. */
    public static TestLudus start(Map<String, String> settings) {
        TestStore store = TestStore.create();
        try {
            return new TestLudus(store, new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS)), settings);
        } catch (RuntimeException e) {
            store.drop();
            throw e;
        }
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

    public Http http() {
        return http;
    }

    public MutableClock clock() {
        return clock;
    }

    public Ludus ludus() {
        return ludus;
    }

    public TestStore store() {
        return store;
    }

    /** Operator API call headers. */
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
}
