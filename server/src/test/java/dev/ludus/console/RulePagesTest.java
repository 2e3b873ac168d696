package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.accounts.Role;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rule pages over HTTP: creating rules through the forms with a preview first, the API's own
 * refusals next to the field they name, archiving and restoring, escaping.
 */
class RulePagesTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private TestApp app;
    private GameSetup setup;
    private ConsoleClient browser;
    private String rules;

    @BeforeEach
    void signIn() {
        app = server.ludus().createApp();
        setup = new GameSetup(server.http(), app);
        browser = new ConsoleClient(server.ludus()).signInWithOperatorKey();
        rules = "/console/apps/" + app.applicationId() + "/rules";
    }

    private JsonNode api(String path) {
        Http.Answer answer = server.http().get(path, setup.admin());
        return answer.status() == 404 ? null : answer.json();
    }

    /** The words shown next to a field: {@code <strong ... data-error-for="name">words</strong>}. */
    static String errorFor(ConsoleClient.Page page, String field) {
        Matcher error = Pattern.compile("data-error-for=\"" + Pattern.quote(field) + "\">([^<]*)<").matcher(page.body());
        return error.find() ? error.group(1) : "";
    }

    @Test
    void aMetricIsCreatedThroughItsFormAfterAPreviewThatWritesNothing() {
        assertThat(browser.get(rules + "/metrics/new").status()).isEqualTo(200);

        ConsoleClient.Page preview = browser.post(rules + "/metrics/preview", "key", "steps", "name", "Steps",
                "description", "", "allow_negative", "on");

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("data-result=\"created\"", "data-member=\"allow_negative\"");
        assertThat(api("/v1/metrics/steps")).isNull();

        ConsoleClient.Page saved = browser.post(rules + "/metrics/save", "key", "steps", "name", "Steps",
                "description", "", "allow_negative", "on");

        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.location()).isEqualTo(rules + "/metrics/keys/steps?done=created");
        JsonNode metric = api("/v1/metrics/steps");
        assertThat(metric.path("name").asText()).isEqualTo("Steps");
        assertThat(metric.path("allow_negative").asBoolean()).isTrue();
        assertThat(browser.follow(saved.location()).body()).contains("Metric 'steps' created.");
        JsonNode audit = api("/v1/audit?action=rule.put").path("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("actor").path("kind").asText()).isEqualTo("operator");
        assertThat(audit.get(0).path("summary").asText()).isEqualTo("created metric 'steps'");
    }

    @Test
    void anAchievementIsCreatedThroughItsForm() {
        setup.metric("steps").put("/v1/points/xp", "{}");

        ConsoleClient.Page saved = browser.post(rules + "/achievements/save", "key", "hundred", "name", "A hundred",
                "trigger.type", "metric", "trigger.metric", "steps", "trigger.threshold", "100.5",
                "trigger.streak", "ignored-while-the-trigger-is-a-metric", "reward.system", "xp", "reward.points", "20");

        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        JsonNode achievement = api("/v1/achievements/hundred");
        assertThat(achievement.path("trigger").toString())
                .isEqualTo("{\"type\":\"metric\",\"metric\":\"steps\",\"threshold\":100.5}");
        assertThat(achievement.path("reward").toString()).isEqualTo("{\"system\":\"xp\",\"points\":20}");
    }

    @Test
    void anInvalidKeyIsShownNextToTheKeyFieldWithWhatWasTypedAndNothingIsWritten() {
        for (String action : new String[] {"preview", "save"}) {
            ConsoleClient.Page answer = browser.post(rules + "/metrics/" + action, "key", "Bad Key!", "name", "Kept");

            assertThat(answer.status()).isEqualTo(422);
            assertThat(errorFor(answer, "key")).contains("a key must match");
            assertThat(answer.body()).contains("value=\"Bad Key!\"", "value=\"Kept\"");
        }
        assertThat(api("/v1/metrics").path("items")).isEmpty();
    }

    @Test
    void theApisRefusalIsShownNextToTheMemberItNames() {
        setup.metric("steps");

        ConsoleClient.Page threshold = browser.post(rules + "/achievements/preview", "key", "a",
                "trigger.type", "metric", "trigger.metric", "steps", "trigger.threshold", "-5");
        ConsoleClient.Page unknown = browser.post(rules + "/achievements/preview", "key", "a",
                "trigger.type", "metric", "trigger.metric", "sleep", "trigger.threshold", "5");
        ConsoleClient.Page levels = browser.post(rules + "/points/save", "key", "xp",
                "levels", "- {name: A, threshold: 10}\n- {name: B, threshold: 5}");
        ConsoleClient.Page yaml = browser.post(rules + "/points/save", "key", "xp", "triggers", "- [unclosed");
        ConsoleClient.Page word = browser.post(rules + "/points/save", "key", "xp", "max_points", "lots");

        assertThat(threshold.status()).isEqualTo(422);
        assertThat(errorFor(threshold, "trigger.threshold")).isEqualTo("'trigger.threshold' must be above zero");
        assertThat(errorFor(unknown, "trigger.metric")).contains("metric:sleep");
        assertThat(errorFor(levels, "levels")).contains("strictly ascending");
        assertThat(levels.body()).contains("- {name: B, threshold: 5}</textarea>");
        assertThat(errorFor(yaml, "triggers")).contains("not YAML or JSON");
        assertThat(errorFor(word, "max_points")).contains("must be a whole number");
        assertThat(api("/v1/points/xp")).isNull();
        assertThat(api("/v1/achievements/a")).isNull();
    }

    @Test
    void theAchievementPreviewCountsTheUsersABackfillWouldReachAndGrantsNothingUntilSaved() {
        setup.metric("steps");
        String[] service = Http.bearer(app.tokenWith("users:read", "users:write"));
        for (String event : new String[] {"ann:500", "bob:50", "cat:100"}) {
            String[] parts = event.split(":");
            Http.Answer answer = server.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"" + parts[0]
                    + "\",\"value\":" + parts[1] + "}", service);
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        }
        String[] form = {"key", "hundred", "trigger.type", "metric", "trigger.metric", "steps", "trigger.threshold", "100"};

        ConsoleClient.Page preview = browser.post(rules + "/achievements/preview", form);

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("<strong id=\"backfilled-users\">2</strong>");
        assertThat(api("/v1/achievements/hundred")).isNull();
        assertThat(server.http().get("/v1/users/ann/progress", service).json().path("achievements")).isEmpty();

        ConsoleClient.Page saved = browser.post(rules + "/achievements/save", form);

        assertThat(saved.location()).endsWith("/achievements/keys/hundred?done=created&backfilled=2");
        assertThat(browser.follow(saved.location()).body()).contains("Backfilled: 2 users already qualified.");
        assertThat(server.http().get("/v1/users/ann/progress", service).json().path("achievements")).hasSize(1);
    }

    @Test
    void editingShowsTheStoredDefinitionAndThePreviewNamesTheChangedMembers() {
        setup.put("/v1/points/xp", """
                {"name":"XP","levels":[{"name":"Rookie","threshold":0},{"name":"Pro","threshold":1000}]}""");

        ConsoleClient.Page page = browser.get(rules + "/points/keys/xp");

        assertThat(page.body()).contains("name=\"existing\" value=\"true\"", "value=\"XP\"", "- name: Rookie");
        ConsoleClient.Page preview = browser.post(rules + "/points/preview", "existing", "true", "key", "xp",
                "name", "Experience", "levels", "- name: Rookie\n  threshold: 0\n- name: Pro\n  threshold: 1000\n");
        assertThat(preview.body()).contains("data-result=\"changed\"", "data-member=\"name\"")
                .doesNotContain("data-member=\"levels\"");

        ConsoleClient.Page back = browser.post(rules + "/points/edit", "existing", "true", "key", "xp",
                "name", "Experience");
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.body()).contains("value=\"Experience\"", "readonly");
        assertThat(api("/v1/points/xp").path("name").asText()).isEqualTo("XP");
    }

    @Test
    void everyKindIsSavedFromItsForm() {
        setup.metric("steps");
        assertThat(browser.post(rules + "/points/save", "key", "xp", "max_points", "1000", "triggers",
                "- type: metric\n  metric: steps\n  points: 10\n  per: 0.5\n  filter: {mode: run}",
                "levels", "[{\"name\": \"Rookie\", \"threshold\": 0}]").status()).isEqualTo(303);
        assertThat(browser.post(rules + "/streaks/save", "key", "walk", "period", "weekly", "week_start", "sunday",
                "conditions", "- metric: steps\n  threshold: 5000", "combine", "any", "freezes.initial", "1",
                "freezes.earn_every", "", "freezes.max", "2").status()).isEqualTo(303);
        assertThat(browser.post(rules + "/leaderboards/save", "key", "top", "rank_by.type", "points",
                "rank_by.metric", "steps", "rank_by.system", "xp", "period", "monthly", "timezone", "Europe/Paris",
                "filter", "").status()).isEqualTo(303);

        assertThat(api("/v1/points/xp").path("triggers").get(0).toString()).isEqualTo(
                "{\"type\":\"metric\",\"metric\":\"steps\",\"points\":10,\"per\":0.5,\"filter\":{\"mode\":\"run\"}}");
        assertThat(api("/v1/points/xp").path("max_points").asLong()).isEqualTo(1000);
        JsonNode walk = api("/v1/streaks/walk");
        assertThat(walk.path("week_start").asText()).isEqualTo("sunday");
        assertThat(walk.path("combine").asText()).isEqualTo("any");
        assertThat(walk.path("freezes").toString()).isEqualTo("{\"initial\":1,\"earn_every\":0,\"max\":2}");
        assertThat(api("/v1/leaderboards").path("items").get(0).path("rank_by").toString())
                .isEqualTo("{\"type\":\"points\",\"system\":\"xp\"}");
        assertThat(browser.get(rules).body()).contains("<td class=\"count\" data-count=\"active\">1</td>");
    }

    @Test
    void aRuleIsArchivedAndRestoredAndOneInUseIsNot() {
        setup.metric("steps").put("/v1/achievements/hundred",
                "{\"trigger\":{\"type\":\"metric\",\"metric\":\"steps\",\"threshold\":100}}");

        ConsoleClient.Page inUse = browser.post(rules + "/metrics/keys/steps/archive");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.body()).contains("id=\"rule-problem\"", "achievement:hundred");
        assertThat(api("/v1/metrics/steps").path("archived_at").isNull()).isTrue();

        ConsoleClient.Page archived = browser.post(rules + "/achievements/keys/hundred/archive");
        assertThat(archived.status()).isEqualTo(303);
        assertThat(api("/v1/achievements/hundred").path("archived_at").isNull()).isFalse();
        assertThat(browser.follow(archived.location()).body()).contains("Achievement 'hundred' archived.");
        assertThat(browser.get(rules + "/achievements?archived=true").body()).contains("data-key=\"hundred\"");
        assertThat(browser.get(rules + "/achievements").body()).doesNotContain("data-key=\"hundred\"");

        ConsoleClient.Page restored = browser.post(rules + "/achievements/keys/hundred/restore");
        assertThat(restored.location()).endsWith("/achievements/keys/hundred?done=restored&backfilled=0");
        assertThat(api("/v1/achievements/hundred").path("archived_at").isNull()).isTrue();
        assertThat(api("/v1/achievements/hundred").path("trigger").path("threshold").asInt()).isEqualTo(100);
    }

    @Test
    void aViewerSeesTheRulesButNoFormAndIsForbiddenToChangeAny() {
        setup.metric("steps").put("/v1/metrics/old", "{}");
        server.http().send("DELETE", "/v1/metrics/old", null, setup.admin());
        ConsoleClient viewer = ConsoleAccounts.signedIn(server.ludus(), "viewer-" + app.applicationId() + "@example.com",
                Role.viewerOfApplication(app.applicationId()));

        ConsoleClient.Page overview = viewer.get(rules);
        ConsoleClient.Page list = viewer.get(rules + "/metrics");
        ConsoleClient.Page page = viewer.get(rules + "/metrics/keys/steps");
        List<Integer> refused = List.of(viewer.get(rules + "/metrics/new").status(),
                viewer.post(rules + "/metrics/preview", "key", "new").status(),
                viewer.post(rules + "/metrics/save", "key", "new").status(),
                viewer.post(rules + "/metrics/save", "existing", "true", "key", "steps", "name", "Changed").status(),
                viewer.post(rules + "/metrics/edit", "key", "new").status(),
                viewer.post(rules + "/metrics/keys/steps/archive").status(),
                viewer.post(rules + "/metrics/keys/old/restore").status());

        assertThat(List.of(overview.status(), list.status(), page.status())).containsOnly(200);
        assertThat(overview.body() + list.body() + page.body())
                .doesNotContain("/new\"", "rule-form", ">Archive<", ">Restore<");
        assertThat(page.body()).contains("id=\"definition\"", "name: steps");
        assertThat(refused).containsOnly(403);
        assertThat(api("/v1/metrics/new")).isNull();
        assertThat(api("/v1/metrics/steps").path("name").asText()).isEqualTo("steps");
        assertThat(api("/v1/metrics/steps").path("archived_at").isNull()).isTrue();
        assertThat(api("/v1/metrics/old").path("archived_at").isNull()).isFalse();
        assertThat(api("/v1/audit?action=rule.").path("items")).allSatisfy(entry ->
                assertThat(entry.path("actor").path("kind").asText()).isEqualTo("api"));
    }

    @Test
    void aRuleNamedLikeAScriptIsShownAsText() {
        setup.put("/v1/metrics/xss", "{\"name\":\"<script>alert(1)</script>\"}");

        String list = browser.get(rules + "/metrics").body();
        String page = browser.get(rules + "/metrics/keys/xss").body();

        assertThat(list).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
        assertThat(page).doesNotContain("<script>alert(1)");
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsForbiddenAndWritesNothing() {
        ConsoleClient.Page answer = browser.postRaw(rules + "/metrics/save",
                java.util.Map.of("key", "steps"), java.util.Map.of());

        assertThat(answer.status()).isEqualTo(403);
        assertThat(api("/v1/metrics/steps")).isNull();
    }

    @Test
    void anUnknownKindOrKeyIsNotFound() {
        assertThat(browser.get(rules + "/spells").status()).isEqualTo(404);
        assertThat(browser.get(rules + "/metrics/keys/nothing").status()).isEqualTo(404);
        assertThat(browser.get(rules + "/metrics/keys/NOT_A_KEY").status()).isEqualTo(400);
    }
}
