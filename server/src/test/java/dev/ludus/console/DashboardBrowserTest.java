package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LegacySigner;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The dashboard in Chromium: an application without events shows how to send one (no secret on the
 * page) and turns into the dashboard when it arrives; the charts are drawn as canvases whose series
 * add up to GET /v1/stats, which adds up to what was sent; the ECDSA keys show when each last signed.
 */
class DashboardBrowserTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    @RegisterExtension
    static final BrowserTests browsers = new BrowserTests(server);

    private TestApp app;
    private GameSetup game;

    @BeforeEach
    void game() {
        app = server.ludus().createApp();
        game = new GameSetup(server.http(), app).walking()
                .put("/v1/points/coins", """
                        {"name":"Coins","triggers":[{"type":"metric","metric":"steps","points":2}]}""");
    }

    @Test
    void aNewApplicationShowsHowToSendAnEventAndTurnsIntoTheDashboard(Browser browser) {
        browser.signInWithOperatorKey();
        browser.open("/console/apps/" + app.applicationId() + "/dashboard");
        browser.waitFor(By.id("getting-started"));
        assertThat(browser.text("#application-id")).isEqualTo(app.applicationId());
        assertThat(browser.text("#snippet-curl")).contains("/v1/events", "\"metric\": \"steps\"", "$LUDUS_TOKEN");
        assertThat(browser.text("#snippet-node")).contains(app.tenantId(), "process.env.LUDUS_API_SECRET");
        assertThat(browser.pageSource()).doesNotContain(app.apiSecret()).doesNotContain(app.clientSecret());
        browser.screenshot("dashboard-start");

        send("ada", 1200);

        browser.waitFor(By.cssSelector("figure[data-chart='events'] canvas"));
        assertThat(browser.text("[data-figure='events']")).isEqualTo("1");
    }

    @Test
    void theChartsAreDrawnAndTheirNumbersEqualTheStatsWhichEqualWhatWasSent(Browser browser) {
        int[][] sent = {{1200, 300}, {800}, {2500, 100, 100}};   // steps per event, per user
        String[] users = {"ada", "grace", "alan"};
        long events = 0;
        long steps = 0;
        for (int u = 0; u < users.length; u++) {
            for (int value : sent[u]) {
                send(users[u], value);
                events++;
                steps += value;
            }
        }
        long coins = 2 * steps;                          // 2 per step
        long xp = 12 + 3 + 8 + 25 + 1 + 1;               // 1 per full 100 steps of each event
        long unlocks = 2;                                // ada (1200) and alan (2500) pass 1000 steps

        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        JsonNode stats = server.http().get("/v1/stats?from=" + to.minus(Duration.ofDays(7)) + "&to=" + to + "&interval=hour",
                Http.bearer(app.tokenWith("admin"))).json();
        long statsEvents = 0;
        long statsXp = 0;
        long statsCoins = 0;
        long statsUnlocks = 0;
        for (JsonNode bucket : stats.path("buckets")) {
            statsEvents += bucket.path("events").asLong();
            statsXp += bucket.path("points_awarded").path("xp").asLong();
            statsCoins += bucket.path("points_awarded").path("coins").asLong();
            statsUnlocks += bucket.path("achievements_unlocked").path("first_k").asLong();
        }
        assertThat(List.of(statsEvents, statsXp, statsCoins, statsUnlocks)).as("GET /v1/stats against what was sent")
                .containsExactly(events, xp, coins, unlocks);
        JsonNode thisWeek = server.http().get("/v1/stats?from=" + Instant.now() + "&to=" + Instant.now().plusSeconds(1)
                + "&interval=week", Http.bearer(app.tokenWith("admin"))).json().path("buckets").get(0);
        assertThat(thisWeek.path("active_users").asLong()).as("this week's active users").isEqualTo(users.length);

        // a key that signs (the order of several, and "never", are checked in DashboardPagesTest)
        LegacySigner key = LegacySigner.random();
        assertThat(server.http().post("/v1/application/ecdsa_keys", "{\"address\":\"" + key.address() + "\"}",
                Http.bearer(app.tokenWith("admin"))).status()).isEqualTo(201);
        Instant signedAt = server.ludus().clock().instant();
        assertThat(server.http().get("/v1/auth/verify", key.headers(app.applicationId(), "/v1/auth/verify",
                signedAt.getEpochSecond())).status()).isEqualTo(200);

        browser.signInWithOperatorKey();
        browser.open("/console/apps/" + app.applicationId() + "/dashboard?range=7d");
        for (String chart : List.of("events", "active_users", "weekly_active_users", "achievements", "points", "streaks",
                "webhooks", "requests")) {
            browser.waitFor(By.cssSelector("figure[data-chart='" + chart + "'] canvas"));
        }
        assertThat(browser.text("[data-figure='events']")).isEqualTo(Long.toString(events));
        assertThat(browser.text("[data-figure='achievements_unlocked']")).isEqualTo(Long.toString(unlocks));
        assertThat(browser.text("[data-figure='daily_active_users']")).isEqualTo("3");
        assertThat(browser.text("[data-figure='weekly_active_users']")).isEqualTo("3");
        assertThat(sumOfSeries(browser, "weekly_active_users", 1)).isEqualTo(3);
        assertThat(browser.driver().executeScript("return document.querySelector(\"figure[data-chart='weekly_active_users']\")"
                + ".uplot.data[0].length;")).isEqualTo((long) DashboardPages.WEEKS);
        assertThat(browser.text("#points-awarded tr[data-system='xp'] td.score")).isEqualTo(Long.toString(xp));
        assertThat(browser.text("#top-achievements tr[data-achievement='first_k'] td.score")).isEqualTo("2");
        assertThat(sumOfSeries(browser, "events", 1)).isEqualTo(events);
        assertThat(sumOfSeries(browser, "achievements", 1)).isEqualTo(unlocks);
        Map<String, Long> points = Map.of("coins", sumOfSeries(browser, "points", 1), "xp", sumOfSeries(browser, "points", 2));
        assertThat(points).isEqualTo(Map.of("coins", coins, "xp", xp));
        assertThat(browser.driver().executeScript("return document.querySelector(\"figure[data-chart='points']\")"
                + ".uplot.series.slice(1).map(s => s.label).join(',');")).isEqualTo("coins,xp");
        assertThat(browser.driver().executeScript("return [...document.querySelectorAll('#ecdsa-keys tbody tr')]"
                + ".map(row => [row.dataset.address, row.querySelector('td.last-signed').textContent.trim(),"
                + " row.querySelector('time').dateTime].join(' ')).join('|');"))
                .as("the key, and when it last signed").isEqualTo(key.address() + " just now " + signedAt);
        browser.screenshot("dashboard");
        browser.console().assertClean();
    }

    /** The sum of line {@code index} (1 for the first) of a chart's uPlot data, as the browser holds it. */
    private static long sumOfSeries(Browser browser, String chart, int index) {
        Object sum = browser.driver().executeScript("return document.querySelector(\"figure[data-chart='" + chart
                + "']\").uplot.data[" + index + "].reduce((a, b) => a + b, 0);");
        return ((Number) sum).longValue();
    }

    private void send(String user, int steps) {
        game.event(user, "steps", steps);
    }
}
