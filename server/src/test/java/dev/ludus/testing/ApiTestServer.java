package dev.ludus.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What an HTTP test of the game starts each test with, as a JUnit extension
 * ({@code @RegisterExtension final ApiTestServer server = new ApiTestServer(T0)}): a webhook receiver,
 * a server on a fresh store of this run's kind whose clock stands at {@code start} (webhooks to private
 * addresses allowed, for the receiver), one application, and its tokens. Stopped after each test.
 */
public final class ApiTestServer implements BeforeEachCallback, AfterEachCallback {

    private final Instant start;
    private final Map<String, String> settings;
    private WebhookReceiver receiver;
    private TestLudus ludus;
    private TestApp app;

    public ApiTestServer(Instant start) {
        this(start, Map.of());
    }

    /** A server started with {@code settings} ({@code LUDUS_*} variables) besides the webhooks'. */
    public ApiTestServer(Instant start, Map<String, String> settings) {
        this.start = start;
        this.settings = new java.util.HashMap<>(settings);
        this.settings.put("LUDUS_WEBHOOK_ALLOW_PRIVATE", "true");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        receiver = WebhookReceiver.start();
        ludus = TestLudus.start(settings);
        ludus.clock().advanceTo(start);
        app = ludus.createApp();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        receiver.close();
        ludus.close();
    }

    public TestLudus ludus() {
        return ludus;
    }

    public Http http() {
        return ludus.http();
    }

    public TestApp app() {
        return app;
    }

    public WebhookReceiver receiver() {
        return receiver;
    }

    /** Defines rules with an admin token. */
    public GameSetup game() {
        return new GameSetup(ludus.http(), app);
    }

    /** An admin token's headers. */
    public String[] admin() {
        return Http.bearer(app.tokenWith("admin"));
    }

    /** A service token's headers ({@code users:write users:read}), then {@code more} header names and values. */
    public String[] service(String... more) {
        String[] bearer = Http.bearer(app.tokenWith("users:write", "users:read"));
        String[] headers = Arrays.copyOf(bearer, bearer.length + more.length);
        System.arraycopy(more, 0, headers, bearer.length, more.length);
        return headers;
    }

    /** Waits up to {@code limit} for {@code done}, looking every 50 ms, and fails if it never holds. */
    public static void within(java.time.Duration limit, java.util.function.BooleanSupplier done)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(done.getAsBoolean()).as("within " + limit).isTrue();
    }

    /**
     * Sends each body of {@code refusals} with an admin token ({@code method} on {@code path}) and checks
     * that it answers 400 naming the member it maps to.
     */
    public void refuses(String method, String path, Map<String, String> refusals) {
        refusals.forEach((body, field) -> {
            Http.Answer answer = ludus.http().send(method, path, body, admin());
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().path("field").asText()).as(body).isEqualTo(field);
        });
    }

    /** Sends one event of {@code metric} (value 1) for {@code user} with a service token; checks the 201. */
    public JsonNode event(String user, String metric, String... headers) {
        Http.Answer answer = ludus.http().post("/v1/events", "{\"user_id\":\"" + user + "\",\"metric\":\"" + metric
                + "\",\"value\":1}", service(headers));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }
}
