package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.accounts.Role;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's audit log pages over HTTP: an application's entries and the whole server's, read
 * through the audit log's own paging and filters, with who made each change.
 */
class ConsoleAuditTest {

    private static final Pattern TARGET = Pattern.compile("<td><code>([a-z_.]+)</code> [a-z_]+ <code>([^<]*)</code>");

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private TestApp app;
    private TestApp other;
    private ConsoleClient browser;

    @BeforeEach
    void apps() {
        app = server.ludus().createApp();
        other = server.ludus().createApp();
        browser = new ConsoleClient(server.ludus()).signInWithOperatorKey();
    }

    @Test
    void anApplicationsPageShowsItsOwnEntriesWithTheApiPrincipal() {
        putMetric(app, "steps", "ops-bot");
        putMetric(other, "laps", "ops-bot");

        ConsoleClient.Page page = browser.get(audit(app, ""));

        assertThat(page.status()).isEqualTo(200);
        assertThat(targets(page)).contains("rule.put steps", "application.created " + app.applicationId())
                .doesNotContain("rule.put laps");
        assertThat(page.body()).contains("ops-bot (API token of " + app.applicationId() + ", jwt)",
                "data-actor-kind=\"api\"", "127.0.0.1");
    }

    @Test
    void filtersNarrowTheEntries() {
        putMetric(app, "steps", "ops-bot");
        putMetric(app, "laps", "ops-bot");

        assertThat(targets(browser.get(audit(app, "?action=rule.")))).containsExactly("rule.put laps", "rule.put steps");
        assertThat(targets(browser.get(audit(app, "?target_kind=metric&target_id=steps"))))
                .containsExactly("rule.put steps");
        LocalDate today = LocalDate.ofInstant(server.ludus().clock().instant(), ZoneOffset.UTC);
        assertThat(targets(browser.get(audit(app, "?action=rule.&since=" + today + "&until=" + today)))).hasSize(2);
        assertThat(targets(browser.get(audit(app, "?until=" + today.minusDays(1))))).isEmpty();
        assertThat(targets(browser.get(audit(app, "?since=" + today.plusDays(1))))).isEmpty();
    }

    @Test
    void aBadFilterShowsTheErrorNextToTheField() {
        ConsoleClient.Page badDay = browser.get(audit(app, "?since=yesterday"));
        ConsoleClient.Page backwards = browser.get(audit(app, "?since=2026-12-02&until=2026-12-01"));

        assertThat(badDay.status()).isEqualTo(422);
        assertThat(badDay.body()).contains("data-error-for=\"since\"", "value=\"yesterday\"");
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.body()).contains("data-error-for=\"until\"");
    }

    @Test
    void theNextLinkPagesThroughEveryEntryOnceNewestFirst() {
        for (int i = 0; i < 5; i++) {
            putMetric(app, "m" + i, "ops-bot");
        }
        List<String> seen = new ArrayList<>();
        ConsoleClient.Page page = browser.get(audit(app, "?action=rule.put&limit=2"));
        while (true) {
            seen.addAll(targets(page));
            Matcher next = Pattern.compile("id=\"next-page\" hx-get=\"([^\"]*)\"").matcher(page.body());
            if (!next.find()) {
                break;
            }
            page = browser.get(next.group(1).replace("&amp;", "&"));
        }
        assertThat(seen).containsExactly("rule.put m4", "rule.put m3", "rule.put m2", "rule.put m1", "rule.put m0");
    }

    @Test
    void theServersPageShowsEveryApplicationAndNarrowsToOne() {
        putMetric(app, "steps", "ops-bot");
        putMetric(other, "laps", "ops-bot");

        ConsoleClient.Page all = browser.get("/console/audit?action=rule.put");
        ConsoleClient.Page one = browser.get("/console/audit?action=rule.put&application_id=" + other.applicationId());

        assertThat(all.status()).isEqualTo(200);
        assertThat(targets(all)).contains("rule.put steps", "rule.put laps");
        assertThat(all.body()).contains("<a href=\"/console/apps/" + app.applicationId() + "/audit\">");
        assertThat(targets(one)).containsExactly("rule.put laps");
    }

    @Test
    void aViewerReadsTheApplicationsLogButNotTheServersNorAnotherApplications() {
        putMetric(app, "steps", "ops-bot");
        ConsoleClient viewer = ConsoleAccounts.signedIn(server.ludus(), "viewer-" + app.applicationId()
                + "@example.com", Role.viewerOfApplication(app.applicationId()));

        ConsoleClient.Page own = viewer.get(audit(app, ""));

        assertThat(own.status()).isEqualTo(200);
        assertThat(targets(own)).contains("rule.put steps");
        assertThat(own.body()).doesNotContain("href=\"/console/audit\"");
        assertThat(viewer.get("/console/audit").status()).isEqualTo(403);
        assertThat(viewer.get(audit(other, "")).status()).isEqualTo(404);
    }

    @Test
    void anUnknownApplicationIsNotFound() {
        assertThat(browser.get("/console/apps/app_nope/audit").status()).isEqualTo(404);
    }

    private static String audit(TestApp of, String query) {
        return "/console/apps/" + of.applicationId() + "/audit" + query;
    }

    private static void putMetric(TestApp of, String key, String subject) {
        Http.Answer answer = server.http().send("PUT", "/v1/metrics/" + key, "{}",
                Http.bearer(of.token().subject(subject).scopes("admin").build()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    /** "action target-id" of each entry shown, in order. */
    private static List<String> targets(ConsoleClient.Page page) {
        List<String> found = new ArrayList<>();
        Matcher entry = TARGET.matcher(page.body());
        while (entry.find()) {
            found.add(entry.group(1) + " " + entry.group(2));
        }
        return found;
    }
}
