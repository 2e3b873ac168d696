package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LegacySigner;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard page over HTTP, on SQLite and PostgreSQL: the getting-started panel, then the figures,
 * per range, and the ECDSA keys with when each last signed.
 */
class DashboardPagesTest {

    private TestLudus ludus;
    private TestApp app;
    private ConsoleClient console;
    private String path;

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        app = ludus.createApp();
        new GameSetup(ludus.http(), app).metric("lessons")
                .put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"lessons\",\"points\":5}]}");
        console = new ConsoleClient(ludus).signInWithOperatorKey();
        path = "/console/apps/" + app.applicationId() + "/dashboard";
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    @Test
    void withoutEventsThePageShowsHowToSendOneWithTheApplicationsMetricAndNoSecret() {
        ConsoleClient.Page page = console.get(path);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"getting-started\"", app.applicationId(), app.tenantId(),
                "\"metric\": \"lessons\"", "hx-trigger=\"every 3s\"")
                .doesNotContain(app.apiSecret(), app.clientSecret(), "data-series");
    }

    @Test
    void afterEventsEachRangeShowsTheFiguresOfTheStats() {
        for (int i = 0; i < 3; i++) {
            Http.Answer answer = ludus.http().post("/v1/events", "{\"user_id\":\"u" + i + "\",\"metric\":\"lessons\",\"value\":2}",
                    Http.bearer(app.tokenWith("write", "users:write")));
            assertThat(answer.status()).as(answer.body()).isIn(200, 201);
        }

        for (String range : new String[] {"24h", "7d", "30d", "90d", "nonsense"}) {
            ConsoleClient.Page page = console.get(path + "?range=" + range);
            assertThat(page.status()).as(range).isEqualTo(200);
            assertThat(page.body()).as(range).doesNotContain("getting-started")
                    .contains("data-figure=\"events\">3<", "data-figure=\"daily_active_users\">3<",
                            "<tr data-system=\"xp\"><td>xp</td><td class=\"score\">30</td></tr>");
        }
        assertThat(console.get(path + "?range=90d").body()).contains("Buckets of one UTC day", "&#34;interval&#34;:&#34;day&#34;");
        assertThat(console.get(path + "?range=nonsense").body()).as("the default range")
                .contains("aria-current=\"page\">7 days</a>");
    }

    private void lessons(String user, int value) {
        Http.Answer answer = ludus.http().post("/v1/events", "{\"user_id\":\"" + user + "\",\"metric\":\"lessons\",\"value\":"
                + value + "}", Http.bearer(app.tokenWith("write", "users:write")));
        assertThat(answer.status()).as(answer.body()).isIn(200, 201);
    }

    /** The page once its top achievements show {@code expected} as the rarity of {@code key}, within 10 s. */
    private String rarityShown(String key, String expected) throws InterruptedException {
        String row = "<tr data-achievement=\"" + key + "\">";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String body;
        do {
            body = console.get(path).body();
            if (body.contains(row) && body.substring(body.indexOf(row)).split("</tr>")[0].contains(">" + expected + "<")) {
                return body;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the rarity of " + key + " never showed " + expected + ": "
                + body.substring(Math.max(0, body.indexOf(row))).split("</tr>")[0]);
    }

    @Test
    void theTopAchievementsShowTheirRarityCountedOffThePagesThread() throws InterruptedException {
        assertThat(ludus.http().send("PUT", "/v1/achievements/ten", "{\"name\":\"Ten lessons\",\"trigger\":"
                + "{\"type\":\"metric\",\"metric\":\"lessons\",\"threshold\":10}}",
                Http.bearer(app.tokenWith("admin"))).status()).isIn(200, 201);
        lessons("u1", 10);
        lessons("u2", 12);
        lessons("u3", 1);
        lessons("u4", 1);

        // the first view asks for the count and shows none yet; a later one shows 2 of 4 users
        String first = console.get(path).body();
        assertThat(first.substring(first.indexOf("<tr data-achievement=\"ten\">")).split("</tr>")[0])
                .contains("Ten lessons", ">2<", "<td>-</td>");
        rarityShown("ten", "50.0%");

        // a count is kept for five minutes, then the next view asks for a new one
        lessons("u3", 20);
        assertThat(console.get(path).body()).contains(">50.0%<");
        ludus.clock().advance(Duration.ofMinutes(5));
        rarityShown("ten", "75.0%");
    }

    @Test
    void theEcdsaKeysShowWhenEachLastSignedTheLatestSignerFirst() {
        assertThat(ludus.http().post("/v1/events", "{\"user_id\":\"u\",\"metric\":\"lessons\"}",
                Http.bearer(app.tokenWith("write", "users:write"))).status()).isIn(200, 201);
        // in address order: the first never signs, the last signs last, so the page's order is the reverse
        List<LegacySigner> keys = Stream.generate(LegacySigner::random).limit(3)
                .sorted(Comparator.comparing(LegacySigner::address)).toList();
        for (LegacySigner key : keys) {
            assertThat(ludus.http().post("/v1/application/ecdsa_keys", "{\"address\":\"" + key.address() + "\"}",
                    Http.bearer(app.tokenWith("admin"))).status()).isEqualTo(201);
        }
        List<Instant> signedAt = new ArrayList<>();
        for (LegacySigner key : keys.subList(1, 3)) {
            ludus.clock().advance(Duration.ofMinutes(3));
            signedAt.add(ludus.clock().instant());
            long now = ludus.clock().instant().getEpochSecond();
            assertThat(ludus.http().get("/v1/auth/verify", key.headers(app.applicationId(), "/v1/auth/verify", now))
                    .status()).isEqualTo(200);
        }

        String body = console.get(path).body();
        assertThat(body).contains("<th>Last signed</th>", "<td class=\"last-signed\">never</td>",
                "datetime=\"" + signedAt.get(1) + "\"", "title=\"" + ConsoleText.time(signedAt.get(1)) + "\">just now</time>",
                "datetime=\"" + signedAt.get(0) + "\"", "title=\"" + ConsoleText.time(signedAt.get(0)) + "\">3 min ago</time>");
        List<String> rows = Pattern.compile("<tr data-address=\"(0x[0-9a-f]{40})\">").matcher(body).results()
                .map(match -> match.group(1)).toList();
        assertThat(rows).as("the latest signer first, those that never signed last")
                .containsExactly(keys.get(2).address(), keys.get(1).address(), keys.get(0).address());
    }
}
