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

    /** A page of the console: its path, the name of its screenshot and what it shows, for docs/console.md. */
    private record Page(String path, String name, String caption) {
    }

    /** Every page a signed-in operator reaches, with the ids of this test's game. */
    private List<Page> pages() {
        String base = "/console/apps/" + app.applicationId();
        return List.of(
                new Page("/console", "home", "The start page after signing in"),
                new Page("/console/tenants", "tenants", "The tenants"),
                new Page("/console/tenants/" + app.tenantId(), "tenant", "A tenant and its applications"),
                new Page("/console/accounts", "accounts", "The console's accounts"),
                new Page("/console/account", "account", "Your own account"),
                new Page("/console/signing-keys", "signing-keys", "The server's signing keys"),
                new Page("/console/audit", "operator-audit", "The operator's audit log"),
                new Page(base, "application", "An application"),
                new Page(base + "/dashboard", "dashboard", "The dashboard, 7 days"),
                new Page(base + "/dashboard?range=24h", "dashboard-24h", "The dashboard, 24 hours"),
                new Page(base + "/rules", "rules", "The rules"),
                new Page(base + "/rules/points", "rules-points", "The points systems"),
                new Page(base + "/rules/points/keys/xp", "rule-points-edit", "A points system's form"),
                new Page(base + "/rules/achievements/new", "rule-achievement-new", "A new achievement's form"),
                new Page(base + "/rules-file", "rules-file", "The rules file"),
                new Page(base + "/users", "users", "The users"),
                new Page(base + "/users/ada", "user", "A user"),
                new Page(base + "/users/ada/points/xp", "user-points", "A user's history in one points system"),
                new Page(base + "/users/ada/streaks/walk", "user-streak", "A user's streak"),
                new Page(base + "/live", "live", "The live feed"),
                new Page(base + "/audit", "audit", "The application's audit log"),
                new Page(base + "/leaderboards", "leaderboards", "The leaderboards"),
                new Page(base + "/leaderboards/walkers", "leaderboard", "A board's top"),
                new Page(base + "/webhooks", "webhooks", "The webhook endpoints"),
                new Page(base + "/webhooks/" + webhook, "webhook", "An endpoint and its delivery log"),
                new Page(base + "/settings", "settings", "The application's settings"),
                new Page(base + "/settings/credentials", "settings-credentials", "Client credentials"),
                new Page(base + "/settings/ecdsa-keys", "settings-ecdsa-keys", "Legacy ECDSA keys"),
                new Page(base + "/settings/revocations", "settings-revocations", "Revoked tokens"));
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationOnAnyPage(Browser browser) {
        browser.open("/console/sign-in");
        List<String> found = new ArrayList<>(violations(browser, "/console/sign-in"));
        documentPage(browser, new Page("/console/sign-in", "sign-in", "Signing in"));
        browser.signInWithOperatorKey();
        for (Page page : pages()) {
            browser.open(page.path());
            found.addAll(violations(browser, page.path()));
            documentPage(browser, page);
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
            for (Page page : pages()) {
                browser.open(page.path());
                Object widths = browser.driver().executeScript(
                        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];");
                @SuppressWarnings("unchecked")
                List<Long> pair = (List<Long>) widths;
                assertThat(pair.get(1)).as("the window is a phone's").isEqualTo(PHONE_WIDTH);
                if (pair.get(0) > pair.get(1)) {
                    wide.add(page.path() + " is " + pair.get(0) + " px wide, by " + browser.driver().executeScript("""
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

    /**
     * With {@code -Dludus.screenshots=docs}, the page's screenshot for the gallery of docs/console.md
     * ({@code docs/console/page-<name>.png}); nothing otherwise, to keep the suite's time.
     */
    private static void documentPage(Browser browser, Page page) {
        if (Browser.documenting()) {
            browser.screenshot("page-" + page.name());
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
