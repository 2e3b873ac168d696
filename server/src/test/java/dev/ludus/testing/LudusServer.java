package dev.ludus.testing;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Ludus server for all the tests of a class:
 * {@code @RegisterExtension static final LudusServer server = new LudusServer();}. Started before
 * the first test, stopped (and its store dropped) after the last.
 */
public final class LudusServer implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> settings;
    private TestLudus ludus;

    public LudusServer() {
        this(Map.of());
    }

    /** With extra {@code LUDUS_*} settings. */
    public LudusServer(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ludus = TestLudus.start(settings);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ludus.close();
    }

    public TestLudus ludus() {
        return ludus;
    }

    public Http http() {
        return ludus.http();
    }
}
