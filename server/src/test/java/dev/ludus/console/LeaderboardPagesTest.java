package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.accounts.Role;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The leaderboard pages over HTTP: the ranks of a page equal those of {@code GET /v1/leaderboards/{key}}
 * (paging, ties, a user's neighbourhood, a past period), the period's end in the board's timezone, the
 * fragment that refreshes a running period, and the queries' refusals next to their fields.
 */
class LeaderboardPagesTest {

    /** 12:00 in Paris: the daily board's day ends at 22:00 UTC. */
    @RegisterExtension
    static final LudusServer server = new LudusServer(TestLudus.builder().clockAt(Instant.parse("2030-06-12T10:00:00Z")));

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Pattern ROW = Pattern.compile("<tr data-user=\"([^\"]+)\" data-rank=\"(\\d+)\"");

    private TestApp app;
    private LeaderboardGame game;
    private ConsoleClient browser;

    @BeforeEach
    void game() {
        app = server.ludus().createApp();
        game = new LeaderboardGame(server.http(), app)
                .board("daily", "Walkers of the day", "\"period\":\"daily\",\"timezone\":\"Europe/Paris\"");
        browser = new ConsoleClient(server.ludus()).signInWithOperatorKey();
    }

    /** {@code count} users {@code u1...}, each with steps that tie in pairs: 10, 10, 20, 20, ... */
    private void walkers(int count) {
        game.users("u", count, i -> (i + 1) / 2 * 10);
    }

    private void steps(String user, int steps) {
        game.steps(user, steps);
    }

    private List<String> api(String key, String query) {
        return game.ranks(key, query);
    }

    /** What a page shows, as "rank user" lines. */
    private static List<String> shown(String html) {
        List<String> lines = new ArrayList<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            lines.add(row.group(2) + " " + row.group(1));
        }
        return lines;
    }

    private String board(String key) {
        return LeaderboardPages.path(app.applicationId(), key);
    }

    @Test
    void aBoardShowsTheRanksOfTheApiPageByPage() {
        walkers(30);

        ConsoleClient.Page first = browser.get(board("walkers"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(shown(first.body())).hasSize(25).isEqualTo(api("walkers", "?limit=25"));
        assertThat(shown(first.body())).startsWith("1 u29", "1 u30", "3 u27").as("ties share a rank");
        assertThat(Html.text(first.body(), "participants")).isEqualTo("30");
        String cursor = game.nextCursor("walkers", "?limit=25");
        Matcher next = Pattern.compile("id=\"next-page\"|href=\"([^\"]+)\" id=\"next-page\"").matcher(first.body());
        assertThat(next.find()).isTrue();
        String link = Html.unescape(next.group(1));
        assertThat(link).endsWith("cursor=" + cursor);
        ConsoleClient.Page second = browser.get(link);
        assertThat(shown(second.body())).hasSize(5).isEqualTo(api("walkers", "?limit=25&cursor=" + cursor));
    }

    @Test
    void aUsersNeighbourhoodIsTheApisAndAnUnrankedUserIsRefusedNextToTheField() {
        walkers(30);

        ConsoleClient.Page around = browser.get(board("walkers") + "?around=u10");

        assertThat(shown(around.body())).isEqualTo(api("walkers", "?around=u10"));
        assertThat(around.body()).contains("data-user=\"u10\" data-rank=\"21\" class=\"highlight\"");
        ConsoleClient.Page nobody = browser.get(board("walkers") + "?around=nobody");
        assertThat(nobody.status()).isEqualTo(422);
        assertThat(Html.errorFor(nobody.body(), "around")).contains("'nobody' has no score");
        assertThat(shown(nobody.body())).as("the top instead").isEqualTo(api("walkers", "?limit=25"));
    }

    @Test
    void aPastPeriodIsPickedAndThePeriodsEndIsShownInTheBoardsTimezone() {
        steps("ada", 5);
        steps("bob", 7);
        LocalDate day = LocalDate.ofInstant(server.ludus().clock().instant(), PARIS);
        String today = day.toString();
        ConsoleClient.Page running = browser.get(board("daily"));
        assertThat(Html.text(running.body(), "period-end")).isEqualTo(day.plusDays(1) + " 00:00:00 Europe/Paris");
        assertThat(running.body()).contains("hx-trigger=\"every 5s\"", "Updating live");

        server.ludus().clock().advance(Duration.ofDays(1));
        browser = new ConsoleClient(server.ludus()).signInWithOperatorKey();    // a day later: a new session
        steps("cy", 1);
        ConsoleClient.Page now = browser.get(board("daily"));
        assertThat(shown(now.body())).containsExactly("1 cy");
        Matcher previous = Pattern.compile("href=\"([^\"]+)\" id=\"previous-period\"").matcher(now.body());
        assertThat(previous.find()).isTrue();
        ConsoleClient.Page yesterday = browser.get(Html.unescape(previous.group(1)));
        assertThat(Html.text(yesterday.body(), "period-key")).isEqualTo(today);
        assertThat(shown(yesterday.body())).containsExactly("1 bob", "2 ada").isEqualTo(api("daily", "?period=" + today));
        assertThat(Html.text(yesterday.body(), "period-end")).isEqualTo(day.plusDays(1) + " 00:00:00 Europe/Paris");
        assertThat(yesterday.body()).contains("its ranking is final").doesNotContain("hx-trigger");
        assertThat(shown(browser.get(board("daily") + "?period=" + today).body())).containsExactly("1 bob", "2 ada");

        ConsoleClient.Page future = browser.get(board("daily") + "?period=" + day.plusDays(2));
        assertThat(future.status()).isEqualTo(422);
        assertThat(Html.errorFor(future.body(), "period")).contains("must not be a date in the future");
        assertThat(shown(future.body())).as("the current period instead").containsExactly("1 cy");
        ConsoleClient.Page nonsense = browser.get(board("daily") + "?period=yesterday");
        assertThat(Html.errorFor(nonsense.body(), "period")).contains("must be a date such as");
    }

    @Test
    void theRankingFragmentRefreshesARunningPeriod() {
        steps("ada", 5);
        steps("bob", 3);
        String fragment = board("walkers") + "/ranking";

        ConsoleClient.Page before = browser.get(fragment);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body().strip()).doesNotContain("<html").startsWith("<section id=\"ranking\"")
                .contains("hx-get=\"" + fragment + "\"", "hx-trigger=\"every 5s\"", "hx-swap=\"outerHTML\"");
        assertThat(shown(before.body())).containsExactly("1 ada", "2 bob");

        steps("bob", 10);
        assertThat(shown(browser.get(fragment).body())).containsExactly("1 bob", "2 ada").isEqualTo(api("walkers", ""));
        assertThat(browser.get(fragment + "?around=ada").body()).contains("hx-get=\"" + fragment + "?around=ada\"");
    }

    @Test
    void theListShowsEveryBoardWithItsCurrentPeriodsEnd() {
        ConsoleClient.Page list = browser.get("/console/apps/" + app.applicationId() + "/leaderboards");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("data-board=\"daily\"", "data-board=\"walkers\"", "Walkers of the day",
                "the metric steps", LocalDate.ofInstant(server.ludus().clock().instant(), PARIS).plusDays(1)
                        + " 00:00:00 Europe/Paris", "never (all time)",
                "href=\"" + board("daily") + "\"");
        assertThat(browser.get(board("nope")).status()).isEqualTo(404);
    }

    @Test
    void aViewerSeesTheBoards() {
        steps("ada", 5);
        ConsoleClient viewer = ConsoleAccounts.signedIn(server.ludus(), "viewer-" + app.applicationId() + "@example.com",
                Role.viewerOfApplication(app.applicationId()));

        assertThat(shown(viewer.get(board("walkers")).body())).containsExactly("1 ada");
        TestApp other = server.ludus().createApp();
        assertThat(viewer.get(LeaderboardPages.path(other.applicationId(), "walkers")).status()).isEqualTo(404);
    }
}
