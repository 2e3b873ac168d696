package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.WebhookReceiver;
import dev.ludus.testing.WebhookReceiver.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The webhook pages in Chromium: an endpoint added with its secret shown once, a failing receiver's
 * attempts in the delivery log, a replay after the receiver is fixed logged as a success; the same pages
 * on a 390-pixel-wide phone screen without anything running off the side.
 */
class WebhooksBrowserTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer(Map.of("LUDUS_WEBHOOK_ALLOW_PRIVATE", "true"));

    @RegisterExtension
    static final BrowserTests browsers = new BrowserTests(server);

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private TestApp app;
    private WebhookDeliveries deliveries;

    @BeforeEach
    void game() {
        app = server.ludus().createApp();
        deliveries = new WebhookDeliveries(server.ludus(), app);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aFailingReceiversAttemptsShowAndAReplayAfterTheFixSucceeds(Browser browser) {
        browser.signInWithOperatorKey();
        browser.open(WebhookPages.path(app.applicationId()));
        browser.fill("url", receiver.url());
        browser.fill("description", "Order service");
        browser.check("event_types", "points.changed", true);
        browser.clickButton("Add endpoint");
        String secret = browser.waitFor(By.id("webhook-secret")).getText();
        assertThat(secret).startsWith("whsec_");
        String id = browser.text("#endpoint-id");
        browser.screenshot("webhook-created");
        browser.clickLink("I have copied them");
        browser.waitFor(By.id("no-attempts"));
        assertThat(browser.pageSource()).doesNotContain(secret);

        receiver.respond(request -> new Reply(500, Map.of(), "{\"error\":\"database is down\"}", Duration.ZERO));
        deliveries.event("ada", 5);
        JsonNode failed = deliveries.failForGood(id);
        String messageId = failed.get(0).path("message_id").asText();
        browser.signInWithOperatorKey();    // the test clock moved a day and a half through the retries: a new session
        browser.open(WebhookPages.path(app.applicationId(), id));
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#deliveries tbody tr"));
        assertThat(rows).hasSize(8);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.getAttribute("data-message")).isEqualTo(messageId);
            assertThat(row.findElement(By.cssSelector("td.http")).getText()).isEqualTo("500");
        });
        assertThat(rows.getFirst().getAttribute("data-outcome")).isEqualTo("failed");
        assertThat(browser.text("#deliveries tbody tr:first-child pre.snippet")).isEqualTo("{\"error\":\"database is down\"}");
        browser.screenshot("webhook-failures");

        receiver.respond(request -> Reply.ok());
        browser.click(By.cssSelector("#deliveries tbody tr:first-child button"));
        browser.waitForText("1 message queued again");
        WebElement success = browser.waitUntil("the replay logged as a success", driver -> {
            driver.navigate().refresh();
            return driver.findElements(By.cssSelector("#deliveries tbody tr[data-outcome='succeeded']")).stream()
                    .findFirst().orElse(null);
        });
        assertThat(success.getAttribute("data-message")).isEqualTo(messageId);
        assertThat(success.findElement(By.cssSelector("td.http")).getText()).isEqualTo("200");
        assertThat(receiver.received().getLast().id()).isEqualTo(messageId);
        browser.screenshot("webhook-replayed");

        browser.emulatePhone(390, 844);
        browser.driver().navigate().refresh();
        browser.waitFor(By.id("deliveries"));
        assertThat(browser.horizontalOverflow()).as("the endpoint page at 390 px").isZero();
        browser.screenshot("webhook-phone");
        browser.open(WebhookPages.path(app.applicationId()));
        browser.waitFor(By.id("endpoints"));
        assertThat(browser.horizontalOverflow()).as("the webhooks page at 390 px").isZero();
    }

    @Test
    void anEndpointDisabledAfterA410IsAnnouncedOnTheList(Browser browser) {
        receiver.respond(request -> Reply.status(410));
        browser.signInWithOperatorKey();
        browser.open(WebhookPages.path(app.applicationId()));
        browser.fill("url", receiver.url());
        browser.check("event_types", "points.changed", true);
        browser.clickButton("Add endpoint");
        String id = browser.waitFor(By.id("endpoint-id")).getText();
        deliveries.event("ada", 1);
        deliveries.awaitLog(id, "the failed attempt", log -> log.size() == 1
                && log.get(0).path("status").asText().equals("failed"));

        browser.open(WebhookPages.path(app.applicationId()));
        assertThat(browser.text("#disabled-notices .reason")).isEqualTo("the endpoint answered 410 Gone");
        browser.screenshot("webhooks");
        browser.click(By.cssSelector("#disabled-notices a"));
        assertThat(browser.text("#disabled-reason")).isEqualTo("the endpoint answered 410 Gone");
        browser.clickButton("Enable");
        browser.waitForText("Endpoint enabled");
        assertThat(browser.driver().findElements(By.id("disabled"))).isEmpty();
    }
}
