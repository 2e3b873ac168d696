package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestLudus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** Signing in to the console in Chromium: the pages load under the strict CSP without a single error. */
class SignInBrowserTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    @RegisterExtension
    static final BrowserTests browsers = new BrowserTests(server);

    @Test
    void signsInWithTheOperatorKeyAndOut(Browser browser) {
        browser.open("/console/apps/app_none");
        assertThat(browser.path()).isEqualTo("/console/sign-in");
        browser.screenshot("sign-in");

        browser.click(By.cssSelector("details.operator-key summary"));
        browser.fill("operator_key", TestLudus.ADMIN_KEY);
        browser.clickButton("Sign in with the key");

        browser.console().allowErrors("status of 404");    // back where we asked to go: no such application
        browser.waitForText(By.id("signed-in-as"), "Operator (operator key)");
        assertThat(browser.path()).isEqualTo("/console/apps/app_none");

        browser.clickButton("Sign out");
        browser.waitFor(By.id("sign-in"));
        browser.open("/console");
        assertThat(browser.path()).as("signed out: back to sign-in").isEqualTo("/console/sign-in");
    }

    @Test
    void aWrongKeyIsSaidNextToTheForm(Browser browser) {
        browser.open("/console/sign-in");
        browser.click(By.cssSelector("details.operator-key summary"));
        browser.fill("operator_key", "not the key");
        browser.console().allowErrors("status of 401");
        browser.clickButton("Sign in with the key");
        browser.waitForText("That is not the operator key.");
        assertThat(browser.driver().manage().getCookieNamed("ludus_session")).isNull();
    }
}
