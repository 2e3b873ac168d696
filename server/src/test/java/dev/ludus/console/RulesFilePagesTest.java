package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.accounts.Role;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rules file page over HTTP: download, the difference of an uploaded file, applying it, its problems. */
class RulesFilePagesTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private static final String FILE = """
            metrics:
              steps: {name: Steps}
              distance_km: {}
            achievements:
              thousand:
                name: A thousand steps
                trigger: {type: metric, metric: steps, threshold: 1000}
            """;

    private TestApp app;
    private GameSetup setup;
    private ConsoleClient browser;
    private String page;

    @BeforeEach
    void signIn() {
        app = server.ludus().createApp();
        setup = new GameSetup(server.http(), app);
        browser = new ConsoleClient(server.ludus()).signInWithOperatorKey();
        page = "/console/apps/" + app.applicationId() + "/rules-file";
        browser.get(page);
    }

    private JsonNode api(String path) {
        Http.Answer answer = server.http().get(path, setup.admin());
        return answer.status() == 404 ? null : answer.json();
    }

    @Test
    void theDownloadIsTheActiveRulesAsAnAttachment() {
        setup.put("/v1/metrics/steps", "{\"name\":\"Steps\"}").put("/v1/metrics/old", "{}");
        server.http().send("DELETE", "/v1/metrics/old", null, setup.admin());

        ConsoleClient.Page download = browser.get(page + "/download");

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Disposition")).hasValue("attachment; filename=\"rules.yaml\"");
        assertThat(download.header("Content-Type")).hasValue("application/yaml; charset=utf-8");
        assertThat(download.body()).contains("metrics:", "steps:", "Steps").doesNotContain("old");
    }

    @Test
    void anUploadedFileShowsItsDifferenceAndChangesNothingUntilApplied() {
        setup.put("/v1/metrics/steps", "{\"name\":\"Walked\"}").put("/v1/metrics/sleep", "{}");

        ConsoleClient.Page plan = browser.post(page + "/plan", "text", FILE);

        assertThat(plan.status()).isEqualTo(200);
        assertThat(plan.body()).contains("data-changes=\"3\"", "data-change=\"metrics.distance_km\">+ metric distance_km",
                "data-change=\"metrics.steps\">~ metric steps", "name: \"Walked\" -&gt; \"Steps\"",
                "data-change=\"achievements.thousand\">+ achievement thousand", "<code>metric:sleep</code>",
                "Would make 3 changes: 2 to create, 1 to update.");
        assertThat(api("/v1/metrics/distance_km")).isNull();
        assertThat(api("/v1/metrics/steps").path("name").asText()).isEqualTo("Walked");

        ConsoleClient.Page applied = browser.post(page + "/apply", "text", FILE, "prune", "on");

        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.body()).contains("Applied 4 changes: 2 created, 1 updated, 1 archived.");
        assertThat(api("/v1/metrics/distance_km")).isNotNull();
        assertThat(api("/v1/metrics/steps").path("name").asText()).isEqualTo("Steps");
        assertThat(api("/v1/metrics/sleep").path("archived_at").isNull()).isFalse();
        assertThat(api("/v1/audit?action=rule.").path("items")).anySatisfy(entry -> {
            assertThat(entry.path("actor").path("kind").asText()).isEqualTo("operator");
            assertThat(entry.path("summary").asText()).isEqualTo("created achievement 'thousand'");
        });
        assertThat(browser.post(page + "/plan", "text", FILE).body()).contains("Nothing to change.")
                .doesNotContain("id=\"apply-form\"");
    }

    @Test
    void aFileThatCannotBeLoadedListsItsProblemsByLineKeepsItsTextAndChangesNothing() {
        String broken = """
                metrics:
                  steps: {}
                achievements:
                  a:
                    trigger: {type: metric, metric: steps, threshold: -1}
                """;

        ConsoleClient.Page plan = browser.post(page + "/plan", "text", broken);
        ConsoleClient.Page apply = browser.post(page + "/apply", "text", broken);
        ConsoleClient.Page syntax = browser.post(page + "/plan", "text", "metrics: [");

        assertThat(List.of(plan.status(), apply.status(), syntax.status())).containsOnly(422);
        assertThat(plan.body()).contains("data-line=\"5\" data-field=\"trigger.threshold\"", "achievements.a",
                "must be above zero", "threshold: -1}\n</textarea>");
        assertThat(syntax.body()).contains("id=\"problems\"", "data-line=\"1\"");
        assertThat(api("/v1/metrics/steps")).isNull();
    }

    @Test
    void aViewerDownloadsButCannotLoadAFile() {
        setup.put("/v1/metrics/steps", "{}");
        ConsoleClient viewer = ConsoleAccounts.signedIn(server.ludus(), "file-viewer-" + app.applicationId()
                + "@example.com", Role.viewerOfApplication(app.applicationId()));

        ConsoleClient.Page shown = viewer.get(page);
        ConsoleClient.Page download = viewer.get(page + "/download");
        ConsoleClient.Page plan = viewer.post(page + "/plan", "text", FILE);
        ConsoleClient.Page apply = viewer.post(page + "/apply", "text", FILE, "prune", "on");

        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).contains("id=\"download\"").doesNotContain("rules-file-form");
        assertThat(download.body()).contains("steps");
        assertThat(List.of(plan.status(), apply.status())).containsOnly(403);
        assertThat(api("/v1/metrics/distance_km")).isNull();
        assertThat(api("/v1/achievements/thousand")).isNull();
    }
}
