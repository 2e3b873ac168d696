package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.LudusServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The browser tests' usual set-up: a real Ludus server on a random port, and a browser pointed at it. */
class LudusBrowserTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    @RegisterExtension
    static final BrowserTests browsers = new BrowserTests(server);

    @Test
    void opensAPageOfTheServer(Browser browser) {
        browser.console().allowErrors("/favicon.ico - Failed to load resource");    // the API serves no icon
        browser.open("/health/live");

        browser.waitForText("UP");
        assertThat(browser.baseUrl()).isEqualTo(server.ludus().baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(browser.path()).isEqualTo("/health/live");
    }
}
