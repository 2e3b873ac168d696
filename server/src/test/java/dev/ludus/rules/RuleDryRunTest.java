package dev.ludus.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code PUT /v1/<rules>/{key}?dry_run=true} of every kind: what the PUT would do, its refusals, nothing written. */
class RuleDryRunTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private static final String XP = "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}";
    private static final String HUNDRED = "{\"trigger\":{\"type\":\"metric\",\"metric\":\"steps\",\"threshold\":100}}";
    private static final String WALK = """
            {"period":"daily","conditions":[{"metric":"steps","threshold":1000}]}""";
    private static final String BOARD = "{\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"}}";

    private GameSetup setup;
    private String[] reader;

    @BeforeEach
    void createApp() {
        TestApp app = server.ludus().createApp();
        setup = new GameSetup(server.http(), app).metric("steps");
        reader = Http.bearer(app.tokenWith("read"));
    }

    private Http.Answer put(String path, String json) {
        return server.http().send("PUT", path, json, setup.admin());
    }

    private Http.Answer dryRun(String path, String json) {
        return put(path + "?dry_run=true", json);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /**
     * A dry run that would create the rule: 200 with what the real PUT then answers (the test clock
     * stands still), no {@code Location}, and the rule still 404s until the real PUT.
     */
    private JsonNode assertWouldCreate(String path, String json) {
        Http.Answer preview = dryRun(path, json);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.header("Location")).isEmpty();
        assertThat(preview.json().path("dry_run").asBoolean()).isTrue();
        assertThat(preview.json().path("result").asText()).isEqualTo("created");
        assertThat(preview.json().path("archived_at").isNull()).isTrue();
        assertThat(server.http().get(path, reader).status()).isEqualTo(404);
        List<String> changed = strings(preview.json().path("changed_members"));
        assertThat(changed).contains("name").doesNotContain("key", "created_at");
        Http.Answer real = put(path, json);
        assertThat(real.status()).as(real.body()).isEqualTo(201);
        ObjectNode view = preview.json().deepCopy();
        view.remove(List.of("dry_run", "result", "changed_members"));
        assertThat(view).isEqualTo(real.json());
        return preview.json();
    }

    /** A dry run that would change the rule: 200, the members that change, and the rule as it was. */
    private JsonNode assertWouldChange(String path, String json, String... changed) {
        String before = server.http().get(path, reader).body();
        Http.Answer preview = dryRun(path, json);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().path("dry_run").asBoolean()).isTrue();
        assertThat(preview.json().path("result").asText()).isEqualTo("changed");
        assertThat(strings(preview.json().path("changed_members"))).containsExactly(changed);
        assertThat(server.http().get(path, reader).body()).isEqualTo(before);
        return preview.json();
    }

    @Test
    void metricDryRunPreviewsACreateAndAChange() {
        JsonNode created = assertWouldCreate("/v1/metrics/distance", "{\"name\":\"Distance\"}");
        assertThat(created.path("key").asText()).isEqualTo("distance");
        assertThat(created.path("name").asText()).isEqualTo("Distance");

        JsonNode changed = assertWouldChange("/v1/metrics/distance", "{\"name\":\"Km\",\"allow_negative\":true}",
                "allow_negative", "name");
        assertThat(changed.path("name").asText()).isEqualTo("Km");
    }

    @Test
    void pointsSystemDryRunPreviewsACreateAndAChange() {
        JsonNode created = assertWouldCreate("/v1/points/xp", XP);
        assertThat(created.path("triggers").get(0).path("per").decimalValue()).isEqualByComparingTo("1");

        JsonNode changed = assertWouldChange("/v1/points/xp", "{\"max_points\":500," + XP.substring(1), "max_points");
        assertThat(changed.path("max_points").asLong()).isEqualTo(500);
    }

    @Test
    void achievementDryRunPreviewsACreateAndAChange() {
        JsonNode created = assertWouldCreate("/v1/achievements/hundred", HUNDRED);
        assertThat(created.path("backfilled_users").asInt()).isZero();
        assertThat(created.path("completions").asInt()).isZero();

        assertWouldChange("/v1/achievements/hundred", "{\"name\":\"Hundred\",\"hidden\":true," + HUNDRED.substring(1),
                "hidden", "name");
    }

    @Test
    void streakDryRunPreviewsACreateAndAChange() {
        JsonNode created = assertWouldCreate("/v1/streaks/walk", WALK);
        assertThat(created.path("period").asText()).isEqualTo("daily");

        assertWouldChange("/v1/streaks/walk", "{\"name\":\"Daily walk\"," + WALK.strip().substring(1), "name");
    }

    @Test
    void leaderboardDryRunPreviewsACreateAndAChange() {
        JsonNode created = assertWouldCreate("/v1/leaderboards/walkers", BOARD);
        assertThat(created.path("backfilled_users").asInt()).isZero();

        JsonNode changed = assertWouldChange("/v1/leaderboards/walkers", "{\"name\":\"Walkers\"," + BOARD.substring(1),
                "name");
        assertThat(changed.path("backfilled_users").asInt()).isZero();
    }

    @Test
    void dryRunOfTheStoredDefinitionIsUnchanged() {
        setup.put("/v1/points/xp", XP);

        Http.Answer preview = dryRun("/v1/points/xp", XP);

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.json().path("result").asText()).isEqualTo("unchanged");
        assertThat(preview.json().path("changed_members")).isEmpty();
    }

    @Test
    void dryRunOfAnArchivedRuleIsARestoreThatLeavesItArchived() {
        setup.put("/v1/metrics/distance", "{}");
        assertThat(server.http().send("DELETE", "/v1/metrics/distance", null, setup.admin()).status()).isEqualTo(204);

        Http.Answer preview = dryRun("/v1/metrics/distance", "{}");

        assertThat(preview.json().path("result").asText()).isEqualTo("restored");
        assertThat(preview.json().path("archived_at").isNull()).isTrue();
        assertThat(server.http().get("/v1/metrics/distance", reader).json().path("archived_at").isNull()).isFalse();
    }

    @Test
    void dryRunAcceptsOnlyTrueOrFalse() {
        Http.Answer maybe = put("/v1/metrics/distance?dry_run=yes", "{}");
        assertThat(maybe.status()).isEqualTo(400);
        assertThat(maybe.json().path("field").asText()).isEqualTo("dry_run");
        assertThat(server.http().get("/v1/metrics/distance", reader).status()).isEqualTo(404);

        Http.Answer real = put("/v1/metrics/distance?dry_run=false", "{}");
        assertThat(real.status()).isEqualTo(201);
        assertThat(real.json().has("dry_run")).isFalse();
    }

    @Test
    void dryRunNeedsTheScopeOfAPut() {
        Http.Answer refused = server.http().send("PUT", "/v1/metrics/distance?dry_run=true", "{}", reader);

        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void dryRunRefusesWhatAPutRefusesWithTheSameAnswer() {
        setup.put("/v1/points/xp", XP).put("/v1/streaks/walk", WALK).put("/v1/leaderboards/walkers", BOARD)
                .put("/v1/achievements/a", HUNDRED)
                .put("/v1/achievements/b", "{\"trigger\":{\"type\":\"composite\",\"prerequisites\":[\"a\"]}}");
        List<String[]> refused = List.of(
                new String[] {"/v1/metrics/Bad!", "{}"},
                new String[] {"/v1/metrics/distance", "{\"allow_negative\":\"yes\"}"},
                new String[] {"/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"nope\",\"points\":1}]}"},
                new String[] {"/v1/achievements/a", "{\"trigger\":{\"type\":\"composite\",\"prerequisites\":[\"b\"]}}"},
                new String[] {"/v1/streaks/walk", "{\"period\":\"weekly\",\"conditions\":[{\"metric\":\"steps\",\"threshold\":1}]}"},
                new String[] {"/v1/leaderboards/walkers", "{\"rank_by\":{\"type\":\"points\",\"system\":\"xp\"}}"},
                new String[] {"/v1/leaderboards/other", "{\"rank_by\":{\"type\":\"streak\",\"streak\":\"nope\"}}"});

        for (String[] request : refused) {
            Http.Answer preview = dryRun(request[0], request[1]);
            Http.Answer real = put(request[0], request[1]);
            assertThat(real.status()).as(request[0] + " " + real.body()).isIn(400, 409);
            assertThat(preview.status()).as(request[0]).isEqualTo(real.status());
            assertThat(preview.json()).as(request[0]).isEqualTo(real.json());
        }
    }
}
