package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.accounts.Role;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The users pages and the audit log in Chromium: find a user by email, adjust their points and see the
 * entry in the audit log; the typed confirmation of a deletion; a viewer sees no change form.
 */
class UsersBrowserTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    @RegisterExtension
    static final BrowserTests browsers = new BrowserTests(server);

    private TestApp app;

    @BeforeEach
    void game() {
        app = server.ludus().createApp();
        new GameSetup(server.http(), app).metric("steps")
                .put("/v1/achievements/first_k", """
                        {"name":"First thousand","trigger":{"type":"metric","metric":"steps","threshold":1000}}""")
                .put("/v1/achievements/ten_k", """
                        {"name":"Ten thousand","trigger":{"type":"metric","metric":"steps","threshold":10000}}""")
                .put("/v1/achievements/speaker", "{\"name\":\"Speaker\",\"trigger\":{\"type\":\"api\"}}")
                .put("/v1/points/xp", """
                        {"name":"Experience","triggers":[{"type":"metric","metric":"steps","points":1,"per":100}],
                         "levels":[{"name":"Rookie","threshold":0},{"name":"Walker","threshold":20},
                                   {"name":"Hiker","threshold":100}]}""")
                .put("/v1/streaks/walk", """
                        {"name":"Daily walk","period":"daily","conditions":[{"metric":"steps","threshold":1000}],
                         "freezes":{"initial":1,"max":3}}""")
                .put("/v1/leaderboards/walkers", "{\"name\":\"Walkers\",\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"}}");
        String[] service = Http.bearer(app.tokenWith("write", "users:write"));
        user(service, "ada", "Ada Lovelace", "ada@example.com", 4200, 3);
        user(service, "grace", "Grace Hopper", "grace@example.com", 2500, 2);
        user(service, "alan", "Alan Turing", "alan@example.org", 900, 1);
    }

    @Test
    void findsAUserByEmailAdjustsTheirPointsAndSeesTheAuditEntry(Browser browser) {
        browser.signInWithOperatorKey();
        browser.open("/console/apps/" + app.applicationId() + "/users");
        browser.waitFor(By.cssSelector("tr[data-user='alan']"));

        browser.fill("q", "ada@");
        browser.clickButton("Search");
        browser.waitUntilGone(By.cssSelector("tr[data-user='alan']"));
        assertThat(browser.driver().findElements(By.cssSelector("#user-results tbody tr"))).hasSize(1);
        assertThat(browser.path()).as("the search is in the address").isEqualTo("/console/apps/"
                + app.applicationId() + "/users");
        assertThat(browser.currentUrl()).contains("q=ada%40");
        browser.screenshot("users");

        browser.clickLink("Ada Lovelace");
        browser.waitFor(By.id("profile"));
        assertThat(browser.text("section[data-system='xp'] strong.balance")).isEqualTo("126");
        browser.fill("amount", "25");
        browser.fill("reason", "Gave a talk at the meetup");
        browser.clickButton("Adjust points");
        browser.waitForText("Points adjusted.");
        assertThat(browser.text("section[data-system='xp'] strong.balance")).isEqualTo("151");
        browser.screenshot("user");

        browser.click(By.cssSelector("nav.app a[href$='/audit']"));
        browser.waitFor(By.cssSelector("tr[data-action='points.adjusted']"));
        assertThat(browser.text("tr[data-action='points.adjusted'] td.who")).isEqualTo("the operator key");
        assertThat(browser.text("tr[data-action='points.adjusted'] span.summary"))
                .isEqualTo("granted 25 points of 'xp' for user 'ada' (balance 151): Gave a talk at the meetup");
        browser.screenshot("audit");
    }

    @Test
    void anAdjustmentWithoutAReasonIsRefusedNextToTheField(Browser browser) {
        browser.signInWithOperatorKey();
        browser.open(UserPages.path(app.applicationId(), "grace"));
        browser.fill("amount", "10");
        browser.console().allowErrors("status of 422");
        browser.clickButton("Adjust points");
        browser.waitForText(By.cssSelector("[data-error-for='reason']"), "'reason' is required");
        assertThat(browser.text("section[data-system='xp'] strong.balance")).isEqualTo("50");
    }

    @Test
    void deletingWaitsForTheTypedUserId(Browser browser) {
        browser.signInWithOperatorKey();
        browser.open(UserPages.path(app.applicationId(), "alan"));
        assertThat(browser.waitFor(By.id("delete-button")).isEnabled()).isFalse();
        browser.fill("confirm", "ala");
        assertThat(browser.driver().findElement(By.id("delete-button")).isEnabled()).isFalse();
        browser.fill("confirm", "alan");
        browser.waitUntil("the delete button is enabled", driver -> driver.findElement(By.id("delete-button")).isEnabled());
        browser.clickButton("Delete the user");
        browser.waitForText("The user and everything about them was deleted.");
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-user='alan']"))).isEmpty();
    }

    @Test
    void aViewerSeesTheUserButNoChangeForm(Browser browser) {
        String email = "viewer-" + app.applicationId() + "@example.com";
        ConsoleAccounts.signedIn(server.ludus(), email, Role.viewerOfApplication(app.applicationId()));
        browser.open("/console/sign-in");
        browser.fill("email", email);
        browser.fill("password", ConsoleAccounts.PASSWORD);
        browser.clickButton("Sign in");
        browser.waitFor(By.id("signed-in-as"));

        browser.open(UserPages.path(app.applicationId(), "ada"));
        browser.waitFor(By.id("profile"));
        assertThat(browser.driver().findElements(By.cssSelector("form.action"))).isEmpty();
        assertThat(browser.pageSource()).doesNotContain("Adjust points", "Delete the user");
    }


    /** A user with a profile and {@code days} days of walking, {@code steps} a day, ending today. */
    private static void user(String[] service, String id, String name, String email, int steps, int days) {
        Http.Answer put = server.http().send("PUT", "/v1/users/" + id, "{\"name\":\"" + name + "\",\"email\":\""
                + email + "\",\"attributes\":{\"team\":\"" + (id.startsWith("a") ? "red" : "blue") + "\"}}", service);
        assertThat(put.status()).as(put.body()).isIn(200, 201);
        for (int day = days - 1; day >= 0; day--) {
            server.ludus().clock().advance(Duration.ofSeconds(1));
            String at = server.ludus().clock().instant().minus(Duration.ofDays(day)).toString();
            Http.Answer event = server.http().post("/v1/events", "{\"user_id\":\"" + id + "\",\"metric\":\"steps\","
                    + "\"value\":" + steps + ",\"occurred_at\":\"" + at + "\"}", service);
            assertThat(event.status()).as(event.body()).isEqualTo(201);
        }
    }
}
