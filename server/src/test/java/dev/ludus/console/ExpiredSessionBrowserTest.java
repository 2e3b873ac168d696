package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestLudus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * A form sent after the session ended: refused (401, nothing saved), the browser goes to sign in, and
 * once signed in again the form holds what was typed, with a notice saying it was not saved.
 */
class ExpiredSessionBrowserTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    @RegisterExtension
    static final BrowserTests browsers = new BrowserTests(server);

    private static void signInWithKey(Browser browser) {
        browser.click(By.cssSelector("details.operator-key summary"));
        browser.fill("operator_key", TestLudus.ADMIN_KEY);
        browser.clickButton("Sign in with the key");
    }

    @Test
    void whatWasTypedIsBackAfterSigningInAgain(Browser browser) {
        browser.open("/console/tenants");
        signInWithKey(browser);
        browser.waitFor(By.id("create-tenant"));

        browser.driver().manage().deleteCookieNamed("ludus_session");   // as if it had expired
        browser.fill("name", "Typed before the session ended");
        browser.console().allowErrors("status of 401");
        browser.console().allowErrors("Error Code 401");   // htmx logs the refusal it hands to console.js
        browser.clickButton("Create tenant");

        browser.waitFor(By.id("sign-in"));
        assertThat(browser.path()).isEqualTo("/console/sign-in");
        signInWithKey(browser);

        browser.waitFor(By.id("draft-restored"));
        assertThat(browser.path()).isEqualTo("/console/tenants");
        assertThat(browser.field("name").getAttribute("value")).isEqualTo("Typed before the session ended");
        assertThat(browser.pageSource()).as("nothing was saved").doesNotContain("<td>Typed before the session ended");
    }
}
