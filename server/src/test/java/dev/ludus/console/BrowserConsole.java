package dev.ludus.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser's console log during one test. An entry at level {@code SEVERE} is an error: a
 * Content-Security-Policy violation ("Executing inline script violates the following Content Security
 * Policy directive ..."), an uncaught script
 * error, a {@code console.error}, a resource that failed to load (a 4xx or 5xx answer included).
 * {@link BrowserTests} fails a test that leaves an error it did not {@linkplain #allowErrors(String)
 * allow}, so a page that breaks its own Content-Security-Policy cannot pass silently.
 *
 * <p>Chrome hands each entry out once; this keeps every entry read so far. Not thread-safe: one test
 * drives one browser.
 */
public final class BrowserConsole {

    private final RemoteWebDriver driver;
    private final List<LogEntry> entries = new ArrayList<>();
    private final List<String> allowed = new ArrayList<>();

    BrowserConsole(RemoteWebDriver driver) {
        this.driver = driver;
    }

    /** Every entry logged since the browser started, oldest first. */
    public List<LogEntry> entries() {
        collect();
        return List.copyOf(entries);
    }

    /** The errors ({@code SEVERE} entries) logged so far that no {@link #allowErrors(String)} covers. */
    public List<LogEntry> errors() {
        collect();
        return entries.stream().filter(BrowserConsole::severe).filter(entry -> !isAllowed(entry)).toList();
    }

    /**
     * Errors whose message contains {@code fragment} are expected in this test, from now on and for
     * those logged before: e.g. {@code "status of 403"} when the test shows that a viewer is refused.
     */
    public void allowErrors(String fragment) {
        if (fragment == null || fragment.isBlank()) {
            throw new IllegalArgumentException("an allowed console error needs a fragment of its message");
        }
        allowed.add(fragment);
    }

    /**
     * Waits up to {@link Browser#WAIT} for an error whose message contains {@code fragment} and answers
     * it; allowed or not. It stays an error for the end-of-test check unless allowed.
     */
    public LogEntry awaitError(String fragment) {
        return new WebDriverWait(driver, Browser.WAIT)
                .withMessage(() -> "no console error containing '" + fragment + "'; the console had:\n"
                        + describe(entries))
                .until(ignored -> {
                    collect();
                    return entries.stream().filter(BrowserConsole::severe)
                            .filter(entry -> entry.getMessage().contains(fragment)).findFirst().orElse(null);
                });
    }

    /** Throws an {@link AssertionError} listing the {@linkplain #errors() errors}, if there are any. */
    public void assertClean() {
        driver.executeScript("return 0;");    // a round trip, so that what the page logged last has arrived
        List<LogEntry> errors = errors();
        if (!errors.isEmpty()) {
            throw new AssertionError("the browser's console has " + errors.size() + " error(s) (a strict"
                    + " Content-Security-Policy violation, a script error or a failed load; allow an expected"
                    + " one with console().allowErrors(...)):\n" + describe(errors));
        }
    }

    static String describe(List<LogEntry> list) {
        return list.stream().map(entry -> "  " + entry.getLevel() + " " + entry.getMessage())
                .collect(Collectors.joining("\n"));
    }

    private void collect() {
        driver.manage().logs().get(LogType.BROWSER).forEach(entries::add);
    }

    private boolean isAllowed(LogEntry entry) {
        return allowed.stream().anyMatch(fragment -> entry.getMessage().contains(fragment));
    }

    private static boolean severe(LogEntry entry) {
        return entry.getLevel().intValue() >= Level.SEVERE.intValue();
    }
}
