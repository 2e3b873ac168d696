package dev.ludus.client;

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
    private LudusServer server;

    SharedServer() {
        this(Map.of());
    }

    SharedServer(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = LudusServer.start(settings);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    LudusServer server() {
        return server;
    }
}
