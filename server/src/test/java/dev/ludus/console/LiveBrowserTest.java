package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.GameSetup;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live feed in Chromium: events sent over the API appear within a second with what they changed;
 * the user filter; pausing holds new events aside and resuming shows them.
 */
class LiveBrowserTest {

    /** How soon an event sent over the API must be on the page. */
    private static final Duration WITHIN = Duration.ofSeconds(1);

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    @RegisterExtension
    static final BrowserTests browsers = new BrowserTests(server);

    private TestApp app;
    private GameSetup game;

    @BeforeEach
    void game() {
        app = server.ludus().createApp();
        game = new GameSetup(server.http(), app).walking();
    }

    @Test
    void eventsSentOverTheApiAppearWithinASecondAndPauseHoldsThem(Browser browser) {
        browser.signInWithOperatorKey();
        browser.open("/console/apps/" + app.applicationId() + "/live");
        browser.waitForText(By.cssSelector("[data-live-status]"), "Live.");

        for (String[] event : new String[][] {{"ada", "1200"}, {"grace", "800"}, {"alan", "2500"}}) {
            String id = send(event[0], event[1]);
            appearsWithin(browser, id);
        }
        assertThat(browser.text("li[data-event-id] .live-user")).isEqualTo("alan");
        assertThat(browser.text("li[data-event-id] .live-changes"))
                .contains("+25 xp = 25", "unlocked first_k", "xp level Rookie -> Walker");
        browser.screenshot("live");

        browser.clickButton("Pause");
        String held = send("ada", "100");
        browser.waitForText(By.cssSelector("[data-live-status]"), "Paused: 1 new.");
        assertThat(browser.driver().findElements(By.cssSelector("li[data-event-id='" + held + "']"))).isEmpty();
        browser.clickButton("Resume");
        appearsWithin(browser, held);
        browser.console().assertClean();
    }

    @Test
    void theUserFilterShowsOnlyThatUsersEvents(Browser browser) {
        browser.signInWithOperatorKey();
        browser.open("/console/apps/" + app.applicationId() + "/live");
        browser.fill("user", "grace");
        browser.clickButton("Filter");
        browser.waitUntil("the filtered stream", driver -> driver.getCurrentUrl().contains("user=grace"));
        browser.waitForText(By.cssSelector("[data-live-status]"), "Live.");

        String other = send("ada", "100");
        String marker = send("grace", "100");

        appearsWithin(browser, marker);
        assertThat(browser.driver().findElements(By.cssSelector("li[data-event-id='" + other + "']"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("li[data-event-id]"))).hasSize(1);
    }

    private String send(String user, String steps) {
        return game.event(user, "steps", Long.parseLong(steps));
    }

    private static void appearsWithin(Browser browser, String eventId) {
        new WebDriverWait(browser.driver(), WITHIN)
                .withMessage(() -> "event " + eventId + " on the live page within " + WITHIN.toMillis() + " ms")
                .until(driver -> !driver.findElements(By.cssSelector("li[data-event-id='" + eventId + "']")).isEmpty());
    }

}
