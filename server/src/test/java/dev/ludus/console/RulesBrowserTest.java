package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The rule pages in Chromium: a metric and an achievement made through their forms, an invalid key
 * said next to its field, the preview of a backfill before anything is saved.
 */
class RulesBrowserTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    @RegisterExtension
    static final BrowserTests browsers = new BrowserTests(server);

    private TestApp app;
    private GameSetup setup;
    private String rules;

    @BeforeEach
    void signIn(Browser browser) {
        app = server.ludus().createApp();
        setup = new GameSetup(server.http(), app);
        rules = "/console/apps/" + app.applicationId() + "/rules";
        browser.open("/console/sign-in");
        browser.click(By.cssSelector("details.operator-key summary"));
        browser.fill("operator_key", TestLudus.ADMIN_KEY);
        browser.clickButton("Sign in with the key");
        browser.waitFor(By.id("signed-in-as"));
    }

    @Test
    void createsAMetricAndAnAchievementThroughTheForms(Browser browser) {
        browser.open(rules);
        browser.clickLink("New metric");
        browser.fill("key", "steps");
        browser.fill("name", "Steps");
        browser.fill("description", "Steps walked, as the phone counts them");
        browser.clickButton("Preview");
        browser.waitForText(By.id("preview-result"), "creates");
        browser.clickButton("Save");
        browser.waitForText("Metric 'steps' created.");

        browser.open(rules + "/achievements/new");
        assertThat(browser.driver().findElement(By.id("f-trigger.streak")).isDisplayed())
                .as("a streak is asked for only when the achievement unlocks on one").isFalse();
        browser.select("trigger.type", "streak");
        browser.waitFor(By.id("f-trigger.streak"));
        browser.select("trigger.type", "metric");
        browser.waitUntilGone(By.id("f-trigger.streak"));
        browser.fill("key", "Thousand Steps");
        browser.fill("name", "A thousand steps");
        browser.fill("trigger.metric", "steps");
        browser.fill("trigger.threshold", "1000");
        browser.console().allowErrors("status of 422");
        browser.clickButton("Preview");

        String error = browser.waitFor(By.cssSelector("[data-error-for=key]")).getText();
        assertThat(error).contains("a key must match");
        assertThat(browser.field("name").getAttribute("value")).isEqualTo("A thousand steps");
        assertThat(browser.field("trigger.threshold").getAttribute("value")).isEqualTo("1000");
        browser.screenshot("achievement-form-error");

        browser.fill("key", "thousand_steps");
        browser.clickButton("Preview");
        browser.waitForText(By.id("preview-result"), "creates");
        browser.clickButton("Save");
        browser.waitForText("Achievement 'thousand_steps' created.");
        assertThat(server.http().get("/v1/achievements/thousand_steps", setup.admin()).json()
                .path("trigger").path("threshold").asInt()).isEqualTo(1000);

        browser.open(rules);
        browser.waitFor(By.id("rule-kinds"));
        browser.screenshot("rules");
    }

    @Test
    void previewsTheBackfillOfAnAchievementBeforeSavingIt(Browser browser) {
        setup.metric("steps");
        String[] service = Http.bearer(app.tokenWith("users:write"));
        for (String user : new String[] {"ann", "bob", "cat"}) {
            int steps = user.equals("bob") ? 300 : 1500;
            Http.Answer answer = server.http().post("/v1/events",
                    "{\"metric\":\"steps\",\"user_id\":\"" + user + "\",\"value\":" + steps + "}", service);
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        }

        browser.open(rules + "/achievements");
        browser.clickLink("New achievement");
        browser.fill("key", "thousand_steps");
        browser.fill("name", "A thousand steps");
        browser.fill("trigger.metric", "steps");
        browser.fill("trigger.threshold", "1000");
        browser.clickButton("Preview");

        browser.waitForText(By.id("backfilled-users"), "2");
        browser.screenshot("backfill-preview");
        assertThat(server.http().get("/v1/achievements/thousand_steps", setup.admin()).status()).isEqualTo(404);

        browser.clickButton("Back to edit");
        assertThat(browser.waitFor(By.id("f-trigger.threshold")).getAttribute("value")).isEqualTo("1000");
        browser.clickButton("Preview");
        browser.clickButton("Save");
        browser.waitForText("Backfilled: 2 users already qualified.");
        assertThat(server.http().get("/v1/achievements/thousand_steps", setup.admin()).json()
                .path("completions").asInt()).isEqualTo(2);
    }

    @Test
    void uploadsARulesFileSeesTheDifferenceAndAppliesIt(Browser browser, @TempDir Path directory) throws IOException {
        setup.put("/v1/metrics/steps", "{\"name\":\"Walked\"}").put("/v1/metrics/sleep", "{}");
        Path file = Files.writeString(directory.resolve("rules.yaml"), """
                metrics:
                  steps: {name: Steps}
                  distance_km: {name: Distance, description: Kilometres run or walked}
                points:
                  xp:
                    triggers:
                      - {type: metric, metric: distance_km, points: 10}
                    levels:
                      - {name: Rookie, threshold: 0}
                      - {name: Walker, threshold: 100}
                achievements:
                  first_k:
                    name: First kilometre
                    trigger: {type: metric, metric: distance_km, threshold: 1}
                    reward: {system: xp, points: 5}
                """);

        browser.open("/console/apps/" + app.applicationId() + "/rules");
        browser.clickLink("Rules file");
        browser.waitFor(By.id("rules-upload")).sendKeys(file.toString());
        browser.waitUntil("the file's text in the box",
                driver -> browser.field("text").getAttribute("value").contains("first_k"));
        browser.clickButton("See the difference");

        browser.waitForText(By.id("difference"), "Would make 4 changes: 3 to create, 1 to update.");
        assertThat(browser.text(By.cssSelector("#difference pre.diff"))).contains("~ metric steps",
                "name: \"Walked\" -> \"Steps\"", "+ achievement first_k");
        assertThat(browser.text(By.id("kept"))).contains("metric:sleep");
        browser.screenshot("rules-file-diff");
        assertThat(server.http().get("/v1/achievements/first_k", setup.admin()).status()).isEqualTo(404);

        browser.clickButton("Apply 4 changes");
        browser.waitForText(By.id("applied"), "Applied 4 changes: 3 created, 1 updated.");
        assertThat(server.http().get("/v1/achievements/first_k", setup.admin()).status()).isEqualTo(200);
        assertThat(server.http().get("/v1/metrics/sleep", setup.admin()).json().path("archived_at").isNull()).isTrue();
    }
}
