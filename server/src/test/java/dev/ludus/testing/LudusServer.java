package dev.ludus.testing;

import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Ludus server ({@link TestLudus}) for all the tests of a class, as a JUnit 5 extension:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LudusServer server = new LudusServer(TestLudus.builder()
 *         .setting(LudusConfig.WEBHOOK_ALLOW_PRIVATE, "true")
 *         .clockAt(Instant.parse("2030-06-12T12:00:00Z")));
 * }</pre>
 *
 * Started before the first test, stopped (and its store dropped) after the last. Tests of a class
 * share its store and clock: each test usually creates its own application ({@link TestLudus#createApp()}).
 */
public final class LudusServer implements BeforeAllCallback, AfterAllCallback {

    private final TestLudus.Builder builder;
    private TestLudus ludus;

    /** A server with the default settings, store and clock. */
    public LudusServer() {
        this(TestLudus.builder());
    }

    /** With extra {@code LUDUS_*} settings. */
    public LudusServer(Map<String, String> settings) {
        this(TestLudus.builder().settings(settings));
    }

    /** A server as {@code builder} describes it; the builder is not to be changed afterwards. */
    public LudusServer(TestLudus.Builder builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ludus = builder.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ludus.close();
    }

    /** The running server; null outside the class's tests. */
    public TestLudus ludus() {
        return ludus;
    }

    public Http http() {
        return ludus.http();
    }
}
