package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Every page of the console, as the operator sees it with a game in place, checked in Chromium by
 * axe-core (from its WebJar): no violation of serious or critical impact; and on a 390-pixel-wide
 * phone screen, nothing wider than the screen (no sideways scrolling of the page).
 */
class AccessibilityBrowserTest {

    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private static final int PHONE_WIDTH = 390;
    private static final int PHONE_HEIGHT = 844;

    @RegisterExtension
    static final LudusServer server = new LudusServer(Map.of("LUDUS_WEBHOOK_ALLOW_PRIVATE", "true"));

    @RegisterExtension
    static final BrowserTests browsers = new BrowserTests(server);

    private TestApp app;
    private String webhook;

    @BeforeEach
    void game() {
        app = server.ludus().createApp();
        GameSetup game = new GameSetup(server.http(), app).walking()
                .put("/v1/streaks/walk", """
                        {"name":"Daily walk","conditions":[{"metric":"steps","threshold":1000}]}""")
                .put("/v1/leaderboards/walkers", "{\"name\":\"Walkers\",\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"}}");
        game.event("ada", "steps", 2500);
        Http.Answer endpoint = server.http().post("/v1/webhooks", """
                {"url":"http://127.0.0.1:9/ludus/webhooks","event_types":["achievement.unlocked"]}""",
                Http.bearer(app.tokenWith("admin")));
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
        webhook = endpoint.json().path("id").asText();
    }

    /** Every page a signed-in operator reaches, with the ids of this test's game. */
    private List<String> pages() {
        String base = "/console/apps/" + app.applicationId();
        return List.of("/console", "/console/tenants", "/console/tenants/" + app.tenantId(), "/console/accounts",
                "/console/account", "/console/signing-keys", "/console/audit",
                base, base + "/dashboard", base + "/dashboard?range=24h", base + "/rules", base + "/rules/points", base + "/rules/points/keys/xp",
                base + "/rules/achievements/new", base + "/rules-file", base + "/users", base + "/users/ada",
                base + "/users/ada/points/xp", base + "/users/ada/streaks/walk", base + "/live", base + "/audit", base + "/leaderboards", base + "/leaderboards/walkers",
                base + "/webhooks", base + "/webhooks/" + webhook,
                base + "/settings", base + "/settings/credentials", base + "/settings/ecdsa-keys",
                base + "/settings/revocations");
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationOnAnyPage(Browser browser) {
        browser.open("/console/sign-in");
        List<String> found = new ArrayList<>(violations(browser, "/console/sign-in"));
        browser.signInWithOperatorKey();
        for (String page : pages()) {
            browser.open(page);
            found.addAll(violations(browser, page));
        }
        assertThat(found).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void noPageIsWiderThanAPhoneScreen(Browser browser) {
        browser.signInWithOperatorKey();
        Dimension desktop = browser.driver().manage().window().getSize();
        browser.driver().manage().window().setSize(new Dimension(PHONE_WIDTH + desktop.getWidth() - Browser.WIDTH,
                PHONE_HEIGHT));
        try {
            List<String> wide = new ArrayList<>();
            for (String page : pages()) {
                browser.open(page);
                Object widths = browser.driver().executeScript(
                        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];");
                @SuppressWarnings("unchecked")
                List<Long> pair = (List<Long>) widths;
                assertThat(pair.get(1)).as("the window is a phone's").isEqualTo(PHONE_WIDTH);
                if (pair.get(0) > pair.get(1)) {
                    wide.add(page + " is " + pair.get(0) + " px wide, by " + browser.driver().executeScript("""
                            const width = document.documentElement.clientWidth;
                            return [...document.querySelectorAll('body *')]
                                .filter(e => !e.closest('table.list') && e.getBoundingClientRect().right > width
                                    && ![...e.children].some(c => c.getBoundingClientRect().right > width))
                                .slice(0, 3).map(e => [e, e.parentElement, e.parentElement.parentElement].map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                                    + (e.className ? '.' + String(e.className).split(' ').join('.') : '')).join(' < '));
                            """));
                }
            }
            assertThat(wide).as("pages wider than a " + PHONE_WIDTH + "-pixel screen").isEmpty();
            browser.open("/console/apps/" + app.applicationId() + "/users/ada");
            browser.screenshot("phone-user");
        } finally {
            browser.driver().manage().window().setSize(desktop);
        }
    }

    /** The page's serious and critical violations, one line each, as axe-core reports them. */
    private static List<String> violations(Browser browser, String page) {
        JavascriptExecutor script = browser.driver();
        script.executeScript(axe());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) script.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(results => done(results.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))),
                  error => done([{id: 'axe-failed', impact: 'critical', help: String(error), nodes: []}]));
                """);
        List<String> lines = new ArrayList<>();
        violations.forEach(violation -> lines.add(page + ": " + violation.get("impact") + " " + violation.get("id") + " ("
                + violation.get("help") + ") at " + violation.get("nodes")));
        return lines;
    }

    private static String axe() {
        try (InputStream in = AccessibilityBrowserTest.class.getClassLoader().getResourceAsStream(AXE)) {
            if (in == null) {
                throw new IllegalStateException("axe-core is not on the test class path: " + AXE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
