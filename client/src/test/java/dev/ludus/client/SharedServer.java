package dev.ludus.client;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Ludus server for all the tests of a class:
 * {@code @RegisterExtension static final SharedServer shared = new SharedServer();}.
 */
final class SharedServer implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> settings;
    private final Clock clock;
    private LudusServer server;

    SharedServer() {
        this(Map.of());
    }

    SharedServer(Map<String, String> settings) {
        this(settings, Clock.systemUTC());
    }

    /** A server on {@code clock}, which the test may move (a {@link MovableClock}). */
    SharedServer(Map<String, String> settings, Clock clock) {
        this.settings = Map.copyOf(settings);
        this.clock = clock;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = LudusServer.start(settings, clock);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    LudusServer server() {
        return server;
    }
}
