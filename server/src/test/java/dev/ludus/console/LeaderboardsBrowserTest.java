package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The leaderboard pages in Chromium: a board shows the ranks of {@code GET /v1/leaderboards/{key}}, its
 * ranking updates itself while the page stays open, a user's neighbourhood is found by id; on a
 * 390-pixel-wide phone screen nothing runs off the side.
 */
class LeaderboardsBrowserTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    @RegisterExtension
    static final BrowserTests browsers = new BrowserTests(server);

    private TestApp app;
    private LeaderboardGame game;

    @BeforeEach
    void game() {
        app = server.ludus().createApp();
        game = new LeaderboardGame(server.http(), app)
                .board("weekly", "Walkers of the week", "\"period\":\"weekly\",\"timezone\":\"America/New_York\"");
        game.users("walker-", 12, i -> i * 100 - (i % 3 == 0 ? 100 : 0));
    }

    private List<String> api(String query) {
        return game.ranks("walkers", query);
    }

    /** The ranks the page shows, as "rank user" lines. */
    private static List<String> shown(WebDriver driver) {
        return driver.findElements(By.cssSelector("#entries tbody tr")).stream()
                .map(row -> row.getAttribute("data-rank") + " " + row.getAttribute("data-user")).toList();
    }

    @Test
    void aBoardShowsTheApisRanksAndUpdatesLive(Browser browser) {
        browser.signInWithOperatorKey();
        browser.open("/console/apps/" + app.applicationId());
        browser.click(By.cssSelector("nav.app a[href$='/leaderboards']"));
        browser.waitFor(By.cssSelector("tr[data-board='walkers']"));
        assertThat(browser.text("tr[data-board='weekly'] td:last-child")).endsWith("America/New_York");
        browser.screenshot("leaderboards");

        browser.clickLink("Walkers");
        browser.waitFor(By.id("entries"));
        assertThat(shown(browser.driver())).hasSize(12).isEqualTo(api("?limit=25"));
        assertThat(shown(browser.driver())).contains("7 walker-5", "7 walker-6").as("a tie shares its rank");
        browser.screenshot("leaderboard");

        browser.driver().executeScript("document.body.setAttribute('data-loaded-once', 'yes');");
        game.steps("walker-1", 5000);
        browser.waitUntil("walker-1 first without a reload", driver -> shown(driver).getFirst().equals("1 walker-1"));
        assertThat(shown(browser.driver())).isEqualTo(api("?limit=25"));
        assertThat(browser.driver().findElement(By.tagName("body")).getAttribute("data-loaded-once"))
                .as("the ranking was swapped in, the page not loaded again").isEqualTo("yes");

        browser.fill("around", "walker-4");
        browser.clickButton("Show their neighbourhood");
        WebElement highlighted = browser.waitFor(By.cssSelector("#entries tr.highlight"));
        assertThat(highlighted.getAttribute("data-user")).isEqualTo("walker-4");
        assertThat(shown(browser.driver())).isEqualTo(api("?around=walker-4"));
        assertThat(browser.currentUrl()).contains("around=walker-4");
    }

    @Test
    void aRefreshAfterTheSessionEndedGoesToSignInAndBackToTheBoard(Browser browser) {
        browser.signInWithOperatorKey();
        String board = LeaderboardPages.path(app.applicationId(), "walkers");
        browser.open(board);
        browser.waitFor(By.id("entries"));

        server.ludus().clock().advance(Duration.ofMinutes(31));    // past the session's 30 idle minutes

        browser.waitUntil("the sign-in page", driver -> driver.getCurrentUrl().contains("/console/sign-in"));
        assertThat(browser.currentUrl()).endsWith("next=" + URLEncoder.encode(board, StandardCharsets.UTF_8));
        assertThat(browser.driver().findElements(By.id("entries"))).isEmpty();
        browser.click(By.cssSelector("details.operator-key summary"));
        browser.fill("operator_key", TestLudus.ADMIN_KEY);
        browser.clickButton("Sign in with the key");
        browser.waitFor(By.id("entries"));
        assertThat(browser.path()).isEqualTo(board);
    }

    @Test
    void theBoardFitsAPhoneScreen(Browser browser) {
        browser.signInWithOperatorKey();
        browser.emulatePhone(390, 844);
        browser.open(LeaderboardPages.path(app.applicationId(), "weekly"));
        browser.waitFor(By.id("entries"));
        assertThat(shown(browser.driver())).hasSize(12);
        assertThat(browser.text("#period-end")).endsWith("00:00:00 America/New_York");
        assertThat(browser.horizontalOverflow()).as("a board's page at 390 px").isZero();
        browser.screenshot("leaderboard-phone");
        browser.open("/console/apps/" + app.applicationId() + "/leaderboards");
        browser.waitFor(By.id("boards"));
        assertThat(browser.horizontalOverflow()).as("the list at 390 px").isZero();
    }
}
