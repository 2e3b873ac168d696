package dev.ludus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ludus apply} run in-process against a real server: creates, leaves alone what matches,
 * updates what differs, dry run, prune, file and server errors, references in both directions.
 */
class ApplyCommandTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private static final String RULES = """
            metrics:
              steps: {name: Steps}
              workouts:
            points:
              xp:
                name: Experience
                triggers:
                  - {type: metric, metric: steps, points: 1, per: 100}
                levels:
                  - {name: Rookie, threshold: 0}
                  - {name: Pro, threshold: 1000}
            achievements:
              first_k:
                name: First thousand
                trigger: {type: metric, metric: steps, threshold: 1000}
                reward: {system: xp, points: 50}
              regular:
                trigger: {type: metric, metric: workouts, threshold: 10}
              both:
                trigger: {type: composite, prerequisites: [first_k, regular]}
            """;

    @TempDir
    Path dir;

    private TestApp app;
    private String[] admin;

    @BeforeEach
    void createApp() {
        app = server.ludus().createApp();
        admin = Http.bearer(app.tokenWith("admin"));
    }

    @Test
    void createsEverythingThenASecondRunChangesNothing() throws IOException {
        Run first = apply(RULES);

        assertThat(first.status()).as(first.toString()).isZero();
        assertThat(first.out()).contains("+ metric steps", "+ metric workouts", "+ points system xp",
                "+ achievement first_k", "+ achievement both", "Applied 6 changes: 6 created.");
        JsonNode xp = get("/v1/points/xp");
        assertThat(xp.path("name").asText()).isEqualTo("Experience");
        assertThat(xp.path("levels")).hasSize(2);
        assertThat(xp.path("triggers").get(0).path("per").decimalValue()).isEqualByComparingTo("100");
        assertThat(get("/v1/achievements/first_k").path("reward").path("system").asText()).isEqualTo("xp");
        assertThat(get("/v1/achievements/both").path("trigger").path("prerequisites").toString())
                .isEqualTo("[\"first_k\",\"regular\"]");
        assertThat(get("/v1/metrics/workouts").path("name").asText()).isEqualTo("workouts");

        Map<String, String> before = updatedAt();
        server.ludus().clock().advance(Duration.ofSeconds(5));
        Run second = apply(RULES);

        assertThat(second.status()).as(second.toString()).isZero();
        assertThat(second.out()).contains("Nothing to change: the 6 rules of").doesNotContain("+ ", "~ ");
        assertThat(updatedAt()).isEqualTo(before);
    }

    @Test
    void aChangedThresholdIsUpdatedAndNothingElse() throws IOException {
        assertThat(apply(RULES).status()).isZero();
        Map<String, String> before = updatedAt();
        server.ludus().clock().advance(Duration.ofSeconds(5));

        Run run = apply(RULES.replace("steps, threshold: 1000}", "steps, threshold: 2000.5}"));

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("~ achievement first_k: trigger.threshold 1000 -> 2000.5")
                .contains("= 5 unchanged").contains("Applied 1 change: 1 updated.");
        assertThat(get("/v1/achievements/first_k").path("trigger").path("threshold").decimalValue())
                .isEqualByComparingTo("2000.5");
        Map<String, String> after = updatedAt();
        assertThat(after.get("achievement:first_k")).isNotEqualTo(before.get("achievement:first_k"));
        after.remove("achievement:first_k");
        before.remove("achievement:first_k");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void theApplicationsOriginsAreSetByThePatchAndThenOpenThePreflight() throws IOException {
        String file = "application:\n  cors_origins: [https://App.Example.com, http://localhost:5173]\n" + RULES;
        Run dry = apply(file, "--dry-run");
        assertThat(dry.status()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("~ application settings: cors_origins [] -> "
                + "[\"https://app.example.com\",\"http://localhost:5173\"]", "Would make 7 changes: 6 to create, 1 to update.");
        assertThat(get("/v1/application").path("cors_origins")).isEmpty();

        Run run = apply(file);

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("~ application settings", "Applied 7 changes: 6 created, 1 updated.");
        assertThat(get("/v1/application").path("cors_origins").toString())
                .isEqualTo("[\"https://app.example.com\",\"http://localhost:5173\"]");
        Http.Answer preflight = server.http().send("OPTIONS", "/v1/users/u1", null, "Origin", "http://localhost:5173",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).contains("http://localhost:5173");

        Run again = apply(file);
        assertThat(again.out()).contains("Nothing to change").doesNotContain("~ application");
        Run without = apply(RULES, "--prune");
        assertThat(without.out()).contains("Nothing to change");
        assertThat(get("/v1/application").path("cors_origins")).hasSize(2);

        Run bad = apply("application:\n  cors_origins: [https://app.example.com/path]\n" + RULES);
        assertThat(bad.status()).isNotZero();
        assertThat(bad.err()).contains("rules.yaml:2: application: ", "'https://app.example.com/path', which is not an origin");
        assertThat(get("/v1/application").path("cors_origins")).hasSize(2);
    }

    @Test
    void dryRunPrintsTheDifferenceAndChangesNothing() throws IOException {
        assertThat(apply(RULES + "  extra:\n    trigger: {type: api}\n").status()).isZero();
        String changed = RULES.replace("steps, threshold: 1000}", "steps, threshold: 2000}").replace("name: Experience", "name: XP")
                .replace("  workouts:\n", "  workouts:\n  distance: {name: Distance, allow_negative: false}\n");
        String before = everything();

        Run run = apply(changed, "--dry-run", "--prune");

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Dry run of", "nothing is changed", "+ metric distance",
                "~ points system xp: name \"Experience\" -> \"XP\"", "~ achievement first_k: trigger.threshold 1000 -> 2000",
                "- achievement extra", "= 4 unchanged", "Would make 4 changes: 1 to create, 2 to update, 1 to archive.");
        assertThat(everything()).isEqualTo(before);

        Run withoutPrune = apply(changed, "--dry-run");
        assertThat(withoutPrune.out()).doesNotContain("- achievement extra")
                .contains("1 rule on the server not in the file, kept: achievement:extra; --prune would archive it");
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void pruneArchivesWhatTheFileNoLongerHoldsEvenRulesThatReferToEachOther() throws IOException {
        String more = RULES.replace("points:\n", """
                points:
                  coins:
                    triggers: [{type: achievement, achievement: shiny, points: 5}]
                """) + """
                  shiny:
                    trigger: {type: composite, prerequisites: [both]}
                    reward: {system: coins, points: 1}
                """;
        assertThat(apply(more).status()).isZero();
        Run kept = apply(RULES);
        assertThat(kept.out()).contains("Nothing to change").contains("2 rules on the server not in the file");

        Run run = apply(RULES, "--prune");

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("~ points system coins: trigger on achievement shiny removed, so that it can be archived",
                "- achievement shiny", "- points system coins", "Applied 2 changes: 2 archived.");
        assertThat(run.out().indexOf("- achievement shiny")).isLessThan(run.out().indexOf("- points system coins"));
        assertThat(server.http().get("/v1/achievements/shiny", admin).json().path("archived_at").isTextual()).isTrue();
        assertThat(server.http().get("/v1/points/coins", admin).json().path("archived_at").isTextual()).isTrue();
        assertThat(get("/v1/achievements/both").path("archived_at").isNull()).isTrue();
        assertThat(apply(RULES, "--prune").out()).contains("Nothing to change");

        Run restored = apply(more);
        assertThat(restored.status()).as(restored.toString()).isZero();
        assertThat(restored.out()).contains("+ points system coins (restored from the archive",
                "+ achievement shiny (restored from the archive");
        assertThat(get("/v1/points/coins").path("triggers")).hasSize(1);
    }

    @Test
    void rewardsApplyAfterTheirPointsSystemAndArchiveBeforeIt() throws IOException {
        String withReward = RULES.replace("points:\n", """
                points:
                  coins:
                    triggers: [{type: metric, metric: steps, points: 1}]
                """) + """
                rewards:
                  mug: {name: Mug, points_system: coins, cost: 500, stock: 10, per_user_limit: 1}
                team_leaderboards:
                  coins_by_team: {rank_by: {type: points, system: coins}, aggregate: average, period: weekly}
                """;

        Run created = apply(withReward);

        assertThat(created.status()).as(created.toString()).isZero();
        assertThat(created.out()).contains("+ reward mug", "+ team leaderboard coins_by_team");
        assertThat(get("/v1/team_leaderboards/coins_by_team").path("aggregate").asText()).isEqualTo("average");
        assertThat(created.out().indexOf("+ points system coins")).isLessThan(created.out().indexOf("+ reward mug"));
        JsonNode mug = get("/v1/rewards/mug");
        assertThat(mug.path("cost").asLong()).isEqualTo(500);
        assertThat(mug.path("remaining").asLong()).isEqualTo(10);
        assertThat(apply(withReward).out()).as("the view's counts are not part of the definition")
                .contains("Nothing to change");

        Run pruned = apply(RULES, "--prune");

        assertThat(pruned.status()).as(pruned.toString()).isZero();
        assertThat(pruned.out().indexOf("- reward mug")).isNotNegative()
                .isLessThan(pruned.out().indexOf("- points system coins"));
        assertThat(pruned.out().indexOf("- team leaderboard coins_by_team")).isNotNegative()
                .isLessThan(pruned.out().indexOf("- points system coins"));
        assertThat(get("/v1/rewards/mug").path("archived_at").isTextual()).isTrue();
    }

    @Test
    void questsApplyAfterWhatTheyReferToAndArchiveBeforeIt() throws IOException {
        String withQuest = RULES + """
                quests:
                  week:
                    name: Week of steps
                    steps:
                      - {key: walk, metric: steps, total: 5000}
                      - {achievement: first_k}
                    order: ordered
                    window: {type: recurring, period: weekly, week_start: sunday}
                    reward: {system: xp, points: 100, achievement: regular}
                """;

        Run created = apply(withQuest);

        assertThat(created.status()).as(created.toString()).isZero();
        assertThat(created.out()).contains("+ quest week");
        assertThat(created.out().indexOf("+ achievement first_k")).isLessThan(created.out().indexOf("+ quest week"));
        JsonNode week = get("/v1/quests/week");
        assertThat(week.path("steps").get(1).path("key").asText()).isEqualTo("step_2");
        assertThat(week.path("window").path("week_start").asText()).isEqualTo("sunday");
        assertThat(week.path("reward").path("achievement").asText()).isEqualTo("regular");
        assertThat(apply(withQuest).out()).contains("Nothing to change");

        Run pruned = apply("""
                metrics:
                  steps: {name: Steps}
                """, "--prune");

        assertThat(pruned.status()).as(pruned.toString()).isZero();
        assertThat(pruned.out().indexOf("- quest week")).isNotNegative()
                .isLessThan(pruned.out().indexOf("- achievement first_k"));
        assertThat(get("/v1/quests/week").path("archived_at").isTextual()).isTrue();
    }

    @Test
    void aPointsSystemAndAnAchievementThatReferToEachOtherApplyInOneRun() throws IOException {
        String rules = """
                metrics:
                  steps:
                points:
                  xp:
                    triggers:
                      - {type: metric, metric: steps, points: 1}
                      - {type: achievement, achievement: a, points: 100}
                achievements:
                  a:
                    trigger: {type: metric, metric: steps, threshold: 10}
                    reward: {system: xp, points: 5}
                """;

        Run run = apply(rules);

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("+ points system xp (for now without its trigger on achievement a, which does not exist yet)",
                "+ achievement a", "points system xp: trigger on achievement a added", "Applied 3 changes: 3 created.");
        JsonNode triggers = get("/v1/points/xp").path("triggers");
        assertThat(triggers).hasSize(2);
        assertThat(triggers.get(1).path("achievement").asText()).isEqualTo("a");
        assertThat(apply(rules).out()).contains("Nothing to change");
    }

    @Test
    void streaksApplyAfterTheirMetricsAndBeforeTheRulesOnThem() throws IOException {
        String rules = """
                achievements:
                  week:
                    trigger: {type: streak, streak: walk, length: 7}
                points:
                  xp:
                    triggers:
                      - {type: streak, streak: walk, length: 3, points: 30}
                streaks:
                  walk:
                    conditions: [{metric: steps, threshold: 1000}]
                    freezes: {initial: 1, max: 2}
                metrics:
                  steps:
                """;

        Run run = apply(rules);

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("+ streak walk", "Applied 4 changes: 4 created.");
        assertThat(get("/v1/streaks/walk").path("freezes").path("max").asInt()).isEqualTo(2);
        assertThat(apply(rules).out()).contains("Nothing to change");
        Run pruned = apply("metrics:\n  steps:\n", "--prune");
        assertThat(pruned.status()).as(pruned.toString()).isZero();
        assertThat(get("/v1/streaks/walk").path("archived_at").isNull()).isFalse();
    }

    @Test
    void theDocumentedExampleApplies() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "rules-file.md"));
        Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(yaml.find()).isTrue();

        Run run = apply(yaml.group(1));

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Applied 15 changes: 15 created.");
        assertThat(get("/v1/points/xp").path("triggers")).hasSize(4);
        assertThat(get("/v1/points/coins").path("triggers").get(1).path("achievement").asText()).isEqualTo("all_rounder");
        assertThat(get("/v1/achievements/workout_50").path("hidden").asBoolean()).isTrue();
        assertThat(apply(yaml.group(1)).out()).contains("Nothing to change: the 15 rules");
    }

    @Test
    void aBadFileIsRefusedWithLinesAndKeysBeforeAnythingChanges() throws IOException {
        Run run = apply("""
                metric:
                  steps: {}
                metrics:
                  steps: {name: 7}
                  Bad!: {}
                achievements:
                  first_k:
                    trigger: {type: metric, metric: steps}
                  second:
                    trigger: {type: metric, metric: distance, threshold: 1}
                    reward: {system: xp, points: 5}
                """);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("4 problems, nothing was changed",
                "rules.yaml:1: unknown top-level member 'metric'",
                "rules.yaml:4: metrics.steps: 'name' must be a string",
                "rules.yaml:5: metrics.Bad!: a key must match",
                "rules.yaml:8: achievements.first_k: 'trigger.threshold' is required");
        assertThat(run.out()).isEmpty();
        assertThat(server.http().get("/v1/metrics", admin).json().path("items")).isEmpty();

        Run references = apply("""
                metrics:
                  steps: {}
                achievements:
                  second:
                    trigger: {type: metric, metric: distance, threshold: 1}
                    reward: {system: xp, points: 5}
                """);
        assertThat(references.status()).isEqualTo(1);
        assertThat(references.err()).contains(
                "rules.yaml:5: achievements.second: refers to metric 'distance', which is neither in the file nor on the server",
                "rules.yaml:6: achievements.second: refers to points system 'xp'");

        Run syntax = apply("metrics:\n  steps: {name: Steps\n  other: {}\n");
        assertThat(syntax.status()).isEqualTo(1);
        assertThat(syntax.err()).startsWith("ludus: ").contains("rules.yaml:3:").contains("not valid YAML");

        Run cycle = apply("""
                achievements:
                  a: {trigger: {type: composite, prerequisites: [b]}}
                  b: {trigger: {type: composite, prerequisites: [a]}}
                """);
        assertThat(cycle.status()).isEqualTo(1);
        assertThat(cycle.err()).contains("rules.yaml:2: achievements.a: the prerequisites of a, b lead back to themselves");
        assertThat(server.http().get("/v1/achievements", admin).json().path("items")).isEmpty();
    }

    @Test
    void aRefusedRequestIsPrintedWithItsErrorCodeAndThePartialProgress() throws IOException {
        put("/v1/metrics/steps", "{\"name\":\"Steps\"}");
        put("/v1/achievements/a", "{\"trigger\":{\"type\":\"metric\",\"metric\":\"steps\",\"threshold\":1}}");
        put("/v1/achievements/b", "{\"trigger\":{\"type\":\"composite\",\"prerequisites\":[\"a\"]}}");

        Run run = apply("""
                metrics:
                  steps: {name: Steps walked}
                achievements:
                  a:
                    trigger: {type: composite, prerequisites: [b]}
                """);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("~ metric steps: name \"Steps\" -> \"Steps walked\"");
        assertThat(run.err()).contains("the server refused PUT /v1/achievements/a with 400 invalid_request: ",
                "(field trigger.prerequisites)", "applied 1 of 2 changes before it (1 updated)");
        assertThat(get("/v1/metrics/steps").path("name").asText()).isEqualTo("Steps walked");

        Run readOnly = run(List.of("apply", write(RULES).toString(), "--url", url(), "--token", app.tokenWith("read")));
        assertThat(readOnly.status()).isEqualTo(1);
        assertThat(readOnly.err()).contains("403 insufficient_permissions", "apply needs a token with scope admin",
                "nothing was changed");
    }

    @Test
    void mintsItsOwnAdminTokenFromTheApiSecretAndNeverPrintsIt() throws IOException {
        Instant now = Instant.now();
        if (server.ludus().clock().instant().isBefore(now)) {
            server.ludus().clock().advance(Duration.between(server.ludus().clock().instant(), now));
        }
        Run run = run(List.of("apply", write(RULES).toString(), "--url", url(), "--tenant", app.tenantId(),
                "--application", app.applicationId(), "--api-secret", app.apiSecret()));

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Applied 6 changes");
        assertThat(run.out() + run.err()).doesNotContain(app.apiSecret());

        Run both = run(List.of("apply", write(RULES).toString(), "--url", url(), "--token", "t", "--tenant", "x"));
        assertThat(both.status()).isEqualTo(1);
        assertThat(both.err()).contains("either --token or");

        Run partial = run(List.of("apply", write(RULES).toString(), "--url", url(), "--tenant", app.tenantId(),
                "--application", app.applicationId()));
        assertThat(partial.status()).isEqualTo(1);
        assertThat(partial.err()).contains("--api-secret (LUDUS_API_SECRET)");
    }

    // ---- helpers ----

    private record Run(int status, String out, String err) { }

    private Run apply(String rules, String... flags) throws IOException {
        List<String> args = new ArrayList<>(List.of("apply", write(rules).toString(), "--url", url(), "--token",
                app.tokenWith("admin")));
        args.addAll(List.of(flags));
        return run(args);
    }

    private Path write(String rules) throws IOException {
        return Files.writeString(dir.resolve("rules.yaml"), rules);
    }

    private static String url() {
        return "http://127.0.0.1:" + server.ludus().ludus().port() + "/";
    }

    /** Runs the command line with standard output and error captured (picocli binds them when it first prints). */
    private static synchronized Run run(List<String> args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            int status = LudusCli.run(args.toArray(String[]::new), config -> {
                throw new AssertionError("apply must not start a server");
            });
            System.out.flush();
            System.err.flush();
            return new Run(status, capturedOut.toString(StandardCharsets.UTF_8), capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private void put(String path, String json) {
        Http.Answer answer = server.http().send("PUT", path, json, admin);
        assertThat(answer.status()).as(answer.body()).isIn(200, 201);
    }

    private JsonNode get(String path) {
        Http.Answer answer = server.http().get(path, admin);
        assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** {@code kind:key} -> updated_at of every rule, archived ones included. */
    private Map<String, String> updatedAt() {
        Map<String, String> updated = new TreeMap<>();
        for (String[] kind : new String[][] {{"metric", "metrics"}, {"points_system", "points"}, {"achievement", "achievements"}}) {
            for (JsonNode rule : get("/v1/" + kind[1] + "?include_archived=true&limit=100").path("items")) {
                updated.put(kind[0] + ":" + rule.path("key").asText(), rule.path("updated_at").asText());
            }
        }
        return updated;
    }

    /** Every rule as the server lists it, archived ones included. */
    private String everything() {
        return get("/v1/metrics?include_archived=true&limit=100").path("items").toString()
                + get("/v1/points?include_archived=true&limit=100").path("items")
                + get("/v1/achievements?include_archived=true&limit=100").path("items");
    }
}
