package dev.ludus.console;

import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestStore;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.WebDriverException;

/**
 * Browser tests as a JUnit 5 extension: each test gets a fresh {@link Browser} pointed at a server,
 * as a parameter of the test (or of a {@code @BeforeEach} method) or through {@link #browser()}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LudusServer server = new LudusServer();
 * @RegisterExtension
 * static final BrowserTests browsers = new BrowserTests(server);
 *
 * @Test
 * void signsInWithTheOperatorKey(Browser browser) {
 *     browser.open("/console/sign-in");
 *     browser.fill("operator_key", TestLudus.ADMIN_KEY);
 *     browser.clickButton("Sign in");
 *     browser.waitForText("Tenants");
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Without Chromium or ChromeDriver ({@link ChromiumInstall}) the class is skipped, saying what
 *       is missing; with {@code CI=true} it fails instead: CI must run the browser tests.</li>
 *   <li>The browser tests run once: in the suite's SQLite run, not again in its PostgreSQL run
 *       ({@link TestStore#postgresql()}); the pages are the same, the store is covered by HTTP tests.</li>
 *   <li>A test passes only if the browser's console has no error left ({@link BrowserConsole}).</li>
 *   <li>A failed test leaves {@code <Class>.<method>.png}, {@code .html} and {@code .log} (the console)
 *       in {@code server/target/browser-failures/}, and reports where.</li>
 * </ul>
 *
 * One instance per test class, its tests run one at a time (not with JUnit's parallel execution).
 */
public final class BrowserTests implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
        AfterTestExecutionCallback, AfterEachCallback, ParameterResolver {

    /** What to do with a class of browser tests, from the environment and the suite's store. */
    sealed interface Verdict {
        record Run(ChromiumInstall install) implements Verdict {
        }

        record Skip(String reason) implements Verdict {
        }

        record Fail(String reason) implements Verdict {
        }
    }

    private final Supplier<String> baseUrl;
    private final Map<String, String> environment;
    private Verdict verdict;
    private Browser browser;

    /** Browsers pointed at {@code server}, wherever it listens when a test starts. */
    public BrowserTests(LudusServer server) {
        this(() -> server.ludus().baseUrl());
    }

    /** Browsers pointed at the base URL {@code baseUrl} answers when a test starts. */
    public BrowserTests(Supplier<String> baseUrl) {
        this(baseUrl, System.getenv());
    }

    BrowserTests(Supplier<String> baseUrl, Map<String, String> environment) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.environment = Map.copyOf(environment);
    }

    static Verdict verdict(Map<String, String> environment, boolean postgresqlRun) {
        if (postgresqlRun) {
            return new Verdict.Skip("browser tests run once, in the SQLite run of the suite");
        }
        try {
            return new Verdict.Run(ChromiumInstall.find(environment));
        } catch (ChromiumInstall.NotInstalled e) {
            if ("true".equalsIgnoreCase(environment.get("CI"))) {
                return new Verdict.Fail("browser tests need chromium and chromedriver in CI (CI=true): "
                        + e.getMessage() + "; " + ChromiumInstall.INSTALL_HINT);
            }
            return new Verdict.Skip("browser tests skipped: no chromium/chromedriver (" + e.getMessage() + "); "
                    + ChromiumInstall.INSTALL_HINT);
        }
    }

    /** The browser of the running test. */
    public Browser browser() {
        if (browser == null) {
            throw new IllegalStateException("no browser outside a test of a class with BrowserTests");
        }
        return browser;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (verdict == null) {
            verdict = verdict(environment, TestStore.postgresql());
        }
        return verdict instanceof Verdict.Skip(String reason)
                ? ConditionEvaluationResult.disabled(reason)
                : ConditionEvaluationResult.enabled("Chromium and ChromeDriver found, or CI requires them");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (verdict instanceof Verdict.Fail(String reason)) {
            throw new IllegalStateException(reason);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (verdict instanceof Verdict.Run(ChromiumInstall install)) {
            browser = Browser.start(install, baseUrl.get());
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (browser == null) {
            return;
        }
        Optional<Throwable> failure = context.getExecutionException();
        if (failure.isPresent()) {
            keepEvidence(context);
            return;
        }
        try {
            browser.console().assertClean();
        } catch (AssertionError e) {
            Path where = keepEvidence(context);
            throw new AssertionError(e.getMessage() + "\n(screenshot and page source in " + where + ")");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser != null) {
            try {
                browser.close();
            } finally {
                browser = null;
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return browser();
    }

    /** Writes the screenshot, page source and console of the failed test; answers their directory. */
    private Path keepEvidence(ExtensionContext context) {
        Path directory = Places.failures();
        String name = context.getRequiredTestClass().getSimpleName() + "."
                + context.getTestMethod().map(Method::getName).orElse("test");
        try {
            Files.createDirectories(directory);
            browser.screenshotTo(directory.resolve(name + ".png"));
            Files.writeString(directory.resolve(name + ".html"),
                    "<!-- " + browser.currentUrl() + " -->\n" + browser.pageSource());
            Files.writeString(directory.resolve(name + ".log"),
                    BrowserConsole.describe(browser.console().entries()) + "\n");
            context.publishReportEntry("browser-failure", directory.resolve(name + ".png").toString());
        } catch (IOException | WebDriverException e) {
            System.err.println("browser: could not keep the evidence of " + name + ": " + e.getMessage());
        }
        return directory;
    }
}
