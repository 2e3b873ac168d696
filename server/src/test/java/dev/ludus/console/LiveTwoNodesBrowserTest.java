package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.GameSetup;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live feed in Chromium with two nodes on one PostgreSQL: the page served by one node shows the
 * events committed through the other as well as its own.
 *
 * <p>Browser tests run in the suite's SQLite run ({@link BrowserTests}); this class starts its own two
 * nodes on a new schema of {@code LUDUS_TEST_PG_URL}, and is skipped without it (it fails instead with
 * {@code CI=true}, where PostgreSQL is part of the run).
 */
class LiveTwoNodesBrowserTest {

    private static final Duration WITHIN = Duration.ofSeconds(1);

    private static TestLudus first;
    private static TestLudus second;

    @RegisterExtension
    static final BrowserTests browsers = new BrowserTests(() -> first.baseUrl());

    @BeforeAll
    static void twoNodes() {
        String database = System.getenv(TestStore.PG_URL_VARIABLE);
        if (database == null || database.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("the two-node live feed test needs " + TestStore.PG_URL_VARIABLE
                        + " in CI (CI=true)");
            }
            Assumptions.abort(TestStore.PG_URL_VARIABLE + " is not set: two nodes need a shared PostgreSQL");
        }
        first = TestLudus.builder().postgresql(database).start();
        second = first.secondNode();
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.stop();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void aPageOnOneNodeShowsEventsCommittedThroughEither(Browser browser) {
        TestApp app = first.createApp();
        GameSetup throughFirst = new GameSetup(first.http(), app).walking();
        GameSetup throughSecond = new GameSetup(second.http(), app);

        browser.signInWithOperatorKey();
        browser.open("/console/apps/" + app.applicationId() + "/live");
        browser.waitForText(By.cssSelector("[data-live-status]"), "Live.");

        String fromSecond = throughSecond.event("ada", "steps", 1200);
        appearsWithin(browser, fromSecond);
        String fromFirst = throughFirst.event("grace", "steps", 800);
        appearsWithin(browser, fromFirst);

        assertThat(browser.driver().findElements(By.cssSelector("li[data-event-id]"))).hasSize(2);
        assertThat(browser.text("li[data-event-id='" + fromSecond + "'] .live-user")).isEqualTo("ada");
        assertThat(browser.text("li[data-event-id='" + fromSecond + "'] .live-changes")).contains("+12 xp = 12");
        browser.console().assertClean();
    }

    private static void appearsWithin(Browser browser, String eventId) {
        new WebDriverWait(browser.driver(), WITHIN)
                .withMessage(() -> "event " + eventId + " on the live page within " + WITHIN.toMillis() + " ms")
                .until(driver -> !driver.findElements(By.cssSelector("li[data-event-id='" + eventId + "']")).isEmpty());
    }
}
