package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestLudus;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The operator's pages in Chromium: a tenant and an application created through the forms, the
 * secrets shown once with copy buttons and gone after leaving the page; an account invited, its
 * set-up link opened and used to sign in.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)    // first: its screenshot shows only its own tenants
class OperatorBrowserTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    @RegisterExtension
    static final BrowserTests browsers = new BrowserTests(server);


    @Test
    @Order(1)
    void createsATenantAndAnApplicationAndSeesItsSecretsOnce(Browser browser) {
        browser.signInWithOperatorKey();
        browser.waitForText("Create a tenant");
        browser.fill("name", "Acme");
        browser.clickButton("Create tenant");
        browser.waitForText("Tenant created.");
        browser.fill("application_name", "Acme web");
        browser.clickButton("Create application");

        String apiSecret = browser.waitForText(By.id("api-secret"), "sk_").getText();
        String clientSecret = browser.text(By.id("client-secret"));
        assertThat(clientSecret).startsWith("cs_");
        assertThat(browser.driver().findElements(By.cssSelector("button[data-copy]"))).hasSize(5);
        browser.screenshot("application-created");

        browser.clickLink("I have copied them");
        browser.waitForText("Client id");
        assertThat(browser.pageSource()).doesNotContain(apiSecret).doesNotContain(clientSecret);
        browser.driver().navigate().back();
        browser.waitForText("Acme");
        assertThat(browser.pageSource()).as("back shows no secret").doesNotContain(apiSecret)
                .doesNotContain(clientSecret);

        server.http().post("/admin/v1/tenants", "{\"name\":\"Globex\"}", TestLudus.operator());
        browser.open("/console/tenants");
        browser.waitForText(By.id("tenants"), "Globex");
        browser.screenshot("tenants");
    }

    @Test
    void anUnknownTimezoneIsSaidNextToTheField(Browser browser) {
        String appId = server.ludus().createApp().applicationId();
        browser.signInWithOperatorKey();
        browser.open("/console/apps/" + appId + "/settings");
        browser.fill("timezone", "Mars/Olympus_Mons");
        browser.console().allowErrors("status of 422");
        browser.clickButton("Save settings");
        browser.waitForText(By.cssSelector("[data-error-for=timezone]"), "must be an IANA time zone");
        assertThat(browser.path()).isEqualTo("/console/apps/" + appId + "/settings");
        browser.screenshot("settings");
    }

    @Test
    void theEmergencyRefreshButtonWaitsForTheTypedName(Browser browser) {
        String appId = server.ludus().createApp().applicationId();
        browser.signInWithOperatorKey();
        browser.open("/console/apps/" + appId + "/settings/credentials");
        By refresh = By.id("refresh-button");
        browser.waitFor(refresh);
        assertThat(browser.driver().findElement(refresh).isEnabled()).isFalse();
        browser.driver().findElement(By.name("confirm")).sendKeys("Ap");
        assertThat(browser.driver().findElement(refresh).isEnabled()).isFalse();
        browser.driver().findElement(By.name("confirm")).sendKeys("p");
        browser.waitUntil("the button is enabled", driver -> driver.findElement(refresh).isEnabled());
    }

    @Test
    void invitesAnAccountThatSetsItsPasswordAndSignsIn(Browser browser) {
        String appId = server.ludus().createApp().applicationId();
        browser.signInWithOperatorKey();
        browser.open("/console/accounts");
        browser.waitForText("Invite an account");
        browser.fill("email", "ada@example.com");
        browser.fill("display_name", "Ada Lovelace");
        browser.select("role_kind", "admin: sees and changes");
        browser.select("role_target", "Tenant Tenant (all its applications)");
        browser.clickButton("Invite");

        String link = browser.waitForText(By.id("setup-link"), "/console/setup/").getText();
        assertThat(link).startsWith(browser.baseUrl() + "/console/setup/");
        browser.screenshot("invite");
        browser.clickLink("Done: I have copied it");
        browser.waitForText(By.id("account-email"), "ada@example.com");
        assertThat(browser.pageSource()).doesNotContain(link);
        browser.open("/console/accounts");
        browser.waitForText(By.id("accounts"), "admin of tenant Tenant");
        browser.screenshot("accounts");

        browser.clickButton("Sign out");
        browser.waitFor(By.id("sign-in"));
        browser.driver().get(link);
        browser.waitForText("Set up your account");
        browser.fill("password", "correct horse battery staple");
        browser.fill("confirm", "correct horse battery staple");
        browser.clickButton("Save and sign in");
        browser.waitForText(By.id("signed-in-as"), "Ada Lovelace");
        browser.waitFor(By.cssSelector("a[href='/console/apps/" + appId + "']"));

        browser.clickButton("Sign out");
        browser.waitFor(By.id("sign-in"));
        browser.fill("email", "ada@example.com");
        browser.fill("password", "correct horse battery staple");
        browser.clickButton("Sign in");
        browser.waitForText(By.id("signed-in-as"), "Ada Lovelace");
        browser.waitFor(By.cssSelector("a[href='/console/apps/" + appId + "']"));
    }
}
