package dev.ludus.rulesfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ludus.audit.Actor;
import dev.ludus.auth.AuthEventLog;
import dev.ludus.auth.RevocationService;
import dev.ludus.audit.AuditEntry;
import dev.ludus.audit.AuditFilter;
import dev.ludus.audit.AuditLog;
import dev.ludus.engine.Achievement;
import dev.ludus.http.PageRequest;
import dev.ludus.http.ProblemHandler;
import dev.ludus.leaderboard.LeaderboardKind;
import dev.ludus.rules.RuleHooks;
import dev.ludus.rules.RuleService;
import dev.ludus.rules.kinds.AchievementHooks;
import dev.ludus.rules.kinds.AchievementKind;
import dev.ludus.rules.kinds.AchievementStats;
import dev.ludus.rules.kinds.MetricKind;
import dev.ludus.rules.kinds.PointsSystemKind;
import dev.ludus.rules.kinds.StreakKind;
import dev.ludus.secrets.Secrets;
import dev.ludus.tenancy.TenancyService;
import dev.ludus.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RulesDocument} on a real store: the export reads back to no change, plans show what differs
 * in the order it is written, bad files and refused changes are found before anything is written,
 * and applying writes through the rules service with audit entries and hooks.
 */
class RulesDocumentTest {

    private static final String APP = TestDatabase.APP;
    private static final Actor ADMIN = Actor.api(APP, "console:ada@example.com", "jwt", Optional.of("203.0.113.9"));

    /** Every kind and most members, defaults left out and not, references in every direction. */
    static final String RULES = """
            metrics:
              steps: {name: Steps, description: "Steps: counted by the phone"}
              workouts:
              distance_km: {name: Distance (km), allow_negative: false}
            points:
              xp:
                name: Experience
                triggers:
                  - {type: metric, metric: steps, points: 1, per: 100}
                  - {type: metric, metric: workouts, points: 5, per: 1, filter: {location: outdoor}}
                  - {type: achievement, achievement: marathon, points: 500}
                  - {type: streak, streak: daily_walk, length: 7, points: 70}
                max_points: 100000
                levels:
                  - {name: Rookie, threshold: 0}
                  - {name: Walker, threshold: 1000}
            achievements:
              first_steps: {name: First steps, trigger: {type: metric, metric: steps, threshold: 1000}}
              marathon:
                description: 42.195 km in total
                trigger: {type: metric, metric: distance_km, threshold: 42.195}
                reward: {system: xp, points: 250}
              secret: {hidden: true, trigger: {type: api}}
              all_rounder: {trigger: {type: composite, prerequisites: [marathon, first_steps]}}
              week: {trigger: {type: streak, streak: daily_walk, length: 7}}
            streaks:
              daily_walk:
                conditions: [{metric: steps, threshold: 5000}]
                freezes: {initial: 1, earn_every: 7, max: 3}
            leaderboards:
              weekly_xp: {name: Weekly XP, rank_by: {type: points, system: xp}, period: weekly}
            """;

    private TestDatabase store;
    private RuleService rules;
    private FakeStats stats;
    private AuthEventLog feed;
    private TenancyService tenancy;
    private RulesDocument document;

    @BeforeEach
    void open() {
        store = new TestDatabase();
        stats = new FakeStats();
        rules = new RuleService(store.jdbi(), store.json(), store.clock())
                .register(MetricKind.KIND)
                .register(PointsSystemKind.KIND)
                .register(AchievementKind.KIND, new AchievementHooks(stats))
                .register(StreakKind.KIND)
                .register(LeaderboardKind.KIND, RuleHooks.none());
        feed = new AuthEventLog(store.jdbi(), store.clock(), Duration.ofHours(1));
        tenancy = new TenancyService(store.jdbi(), feed, new RevocationService(store.jdbi(), feed, store.clock()),
                new Secrets(), store.clock());
        document = new RulesDocument(rules, tenancy);
    }

    @AfterEach
    void close() {
        feed.close();
        store.close();
    }

    @Test
    void theExportOfAnEmptyApplicationIsAFileThatChangesNothing() {
        String export = document.export(APP);

        assertThat(export).endsWith("metrics: {}\n");
        RulesDocument.Plan plan = document.plan(APP, export, true);
        assertThat(plan.empty()).isTrue();
        assertThat(plan.rules()).isZero();
        assertThat(plan.summary()).isEqualTo("Nothing to change.");
    }

    @Test
    void theExportPlansBackToNoChangeWithAndWithoutPrune() {
        document.apply(ADMIN, APP, RULES, false);
        rules.put(ADMIN, APP, MetricKind.KIND, "old", store.body("{}"));
        rules.archive(ADMIN, APP, MetricKind.KIND, "old");

        String export = document.export(APP);

        for (boolean prune : List.of(false, true)) {
            RulesDocument.Plan plan = document.plan(APP, export, prune);
            assertThat(plan.changes()).as(export).isEmpty();
            assertThat(plan.unchanged()).isEqualTo(11);
            assertThat(plan.kept()).isEmpty();
        }
        assertThat(document.export(APP)).isEqualTo(export);
        assertThat(export).startsWith("# The rules of application " + APP)
                .contains("  secret:\n    hidden: true\n", "    name: Steps\n")
                .doesNotContain("  old:", "allow_negative", "per: 1\n", "filter: {}", "reward: null", "description: null");
        assertThat(List.of(export.indexOf("\nmetrics:"), export.indexOf("\npoints:"), export.indexOf("\nachievements:"),
                export.indexOf("\nstreaks:"), export.indexOf("\nleaderboards:"))).isSorted().doesNotContain(-1);
        assertThat(export.indexOf("  all_rounder:")).isLessThan(export.indexOf("  first_steps:"));
    }

    @Test
    void stringsThatLookLikeOtherYamlExportAsTheSameStrings() {
        rules.put(ADMIN, APP, MetricKind.KIND, "123", store.body("{\"name\":\"yes\",\"description\":\"null\"}"));
        rules.put(ADMIN, APP, MetricKind.KIND, "true", store.body("{\"name\":\"1e3\",\"description\":\"- a: b # c\"}"));
        rules.put(ADMIN, APP, MetricKind.KIND, "on", store.body(
                "{\"name\":\"<script>alert(1)</script>\",\"description\":\"two\\nlines\\n\"}"));
        rules.put(ADMIN, APP, MetricKind.KIND, "x.y-z_", store.body("{\"name\":\" padded \",\"description\":\"~\"}"));
        rules.put(ADMIN, APP, PointsSystemKind.KIND, "coins", store.body("""
                {"triggers":[{"type":"metric","metric":"123","points":2,"filter":{"on":"off","n":"007"}}]}"""));

        String export = document.export(APP);

        RulesDocument.Plan plan = document.plan(APP, export, true);
        assertThat(plan.changes()).as(export).isEmpty();
        assertThat(plan.unchanged()).isEqualTo(5);
    }

    @Test
    void aPlanShowsCreatesUpdatesAndWithPruneArchivesInTheOrderTheyAreWritten() {
        document.apply(ADMIN, APP, RULES, false);
        String changed = RULES
                .replace("threshold: 1000}}", "threshold: 2000.5}}")
                .replace("  workouts:\n", "  workouts:\n  swims: {name: Swims}\n")
                .replace("  secret: {hidden: true, trigger: {type: api}}\n",
                        "  swimmer: {trigger: {type: metric, metric: swims, threshold: 10}}\n");

        RulesDocument.Plan kept = document.plan(APP, changed, false);

        assertThat(kept.changes()).extracting(ApplyPlan.Change::describe).containsExactly(
                "+ metric swims",
                "~ achievement first_steps: trigger.threshold 1000 -> 2000.5",
                "+ achievement swimmer");
        ApplyPlan.Change update = kept.changes().get(1);
        assertThat(update.action()).isEqualTo(ApplyPlan.Action.UPDATE);
        assertThat(update.kind()).isEqualTo(StandardKind.ACHIEVEMENT);
        assertThat(update.differences()).singleElement().satisfies(difference -> {
            assertThat(difference.member()).isEqualTo("trigger.threshold");
            assertThat(difference.before().decimalValue()).isEqualByComparingTo("1000");
            assertThat(difference.after().decimalValue()).isEqualByComparingTo("2000.5");
        });
        assertThat(kept.unchanged()).isEqualTo(9);
        assertThat(kept.kept()).containsExactly("achievement:secret");
        assertThat(kept.rules()).isEqualTo(12);
        assertThat(kept.summary()).isEqualTo("Would make 3 changes: 2 to create, 1 to update.");

        RulesDocument.Plan pruned = document.plan(APP, changed, true);

        assertThat(pruned.changes()).extracting(ApplyPlan.Change::describe).containsExactly(
                "+ metric swims",
                "~ achievement first_steps: trigger.threshold 1000 -> 2000.5",
                "+ achievement swimmer",
                "- achievement secret");
        assertThat(pruned.kept()).isEmpty();
        assertThat(rules.get(APP, AchievementKind.KIND, "first_steps").definition().path("trigger").path("threshold")
                .decimalValue()).isEqualByComparingTo("1000");
        assertThat(rules.active(APP).contains("metric:swims")).isFalse();
    }

    @Test
    void aBadFileIsRefusedWithTheLineRuleAndFieldOfEachProblem() {
        String text = """
                metric:
                  steps: {}
                metrics:
                  steps: {name: 7}
                achievements:
                  first_k:
                    trigger: {type: metric, metric: steps}
                """;

        RulesFileException refused = catchThrowableOfType(RulesFileException.class, () -> document.plan(APP, text, false));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_rules_file");
        assertThat(refused.problems()).containsExactly(
                new Problem(1, 0, "", "", "unknown top-level member 'metric': a rules file holds only metrics, points, "
                        + "achievements, streaks, leaderboards, rewards, team_leaderboards, quests and application"),
                new Problem(4, 0, "metrics.steps", "name",
                        "'name' must be a string or an object of strings by language tag"),
                new Problem(7, 0, "achievements.first_k", "trigger.threshold", "'trigger.threshold' is required"));
        assertThat(refused.detail()).startsWith("rules.yaml: 3 problems, nothing was changed:\n  rules.yaml:1: ")
                .contains("\n  rules.yaml:7: achievements.first_k: 'trigger.threshold' is required");
        assertThat(ProblemHandler.body(refused).get("problems").toString()).contains("line=7", "field=trigger.threshold");

        RulesFileException syntax = catchThrowableOfType(RulesFileException.class,
                () -> document.apply(ADMIN, APP, "metrics:\n  steps: {name: Steps\n  other: {}\n", false));
        assertThat(syntax.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.column()).isPositive();
            assertThat(problem.message()).startsWith("not valid YAML: ");
        });

        RulesFileException reference = catchThrowableOfType(RulesFileException.class, () -> document.apply(ADMIN, APP, """
                achievements:
                  second:
                    trigger: {type: metric, metric: distance, threshold: 1}
                """, false));
        assertThat(reference.problems()).containsExactly(new Problem(3, 0, "achievements.second", "trigger.metric",
                "refers to metric 'distance', which is neither in the file nor on the server"));
        assertThat(rules.active(APP).stored()).isEmpty();
        assertThat(auditEntries()).isEmpty();
    }

    @Test
    void aChangeTheRulesRefuseIsFoundOnADraftBeforeAnythingIsWritten() {
        rules.put(ADMIN, APP, MetricKind.KIND, "steps", store.body("{\"name\":\"Steps\"}"));
        rules.put(ADMIN, APP, AchievementKind.KIND, "a", store.body(
                "{\"trigger\":{\"type\":\"metric\",\"metric\":\"steps\",\"threshold\":1}}"));
        rules.put(ADMIN, APP, AchievementKind.KIND, "b", store.body(
                "{\"trigger\":{\"type\":\"composite\",\"prerequisites\":[\"a\"]}}"));
        rules.put(ADMIN, APP, StreakKind.KIND, "walk", store.body("{\"conditions\":[{\"metric\":\"steps\"}]}"));
        int entries = auditEntries().size();
        long version = rules.rules(APP).version();

        RulesFileException cycle = catchThrowableOfType(RulesFileException.class, () -> document.apply(ADMIN, APP, """
                metrics:
                  steps: {name: Steps walked}
                achievements:
                  a:
                    trigger: {type: composite, prerequisites: [b]}
                """, false));

        assertThat(cycle.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(5);
            assertThat(problem.rule()).isEqualTo("achievements.a");
            assertThat(problem.field()).isEqualTo("trigger.prerequisites");
        });
        assertThat(rules.get(APP, MetricKind.KIND, "steps").definition().path("name").asText()).isEqualTo("Steps");

        RulesFileException immutable = catchThrowableOfType(RulesFileException.class, () -> document.plan(APP, """
                metrics:
                  steps: {name: Steps walked}
                streaks:
                  walk: {period: weekly, conditions: [{metric: steps}]}
                """, false));

        assertThat(immutable.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(4);
            assertThat(problem.rule()).isEqualTo("streaks.walk");
            assertThat(problem.field()).isEqualTo("period");
            assertThat(problem.message()).endsWith("(streak_immutable)");
        });
        assertThat(rules.rules(APP).version()).isEqualTo(version);
        assertThat(auditEntries()).hasSize(entries);
    }

    @Test
    void applyWritesEveryChangeAsTheActorWithItsAuditEntryAndItsKindsHooks() {
        RulesDocument.Applied applied = document.apply(ADMIN, APP, RULES, false);

        assertThat(applied.changes()).hasSize(11).allSatisfy(change ->
                assertThat(change.action()).isEqualTo(ApplyPlan.Action.CREATE));
        assertThat(applied.summary()).isEqualTo("Applied 11 changes: 11 created.");
        assertThat(applied.backfilledUsers()).containsEntry("achievement:first_steps", 2).hasSize(5);
        assertThat(stats.backfilled).containsExactlyInAnyOrder("first_steps", "marathon", "secret", "all_rounder", "week");
        List<AuditEntry> entries = auditEntries();
        assertThat(entries).hasSize(12).allSatisfy(entry -> {
            assertThat(entry.actor().subject()).isEqualTo("console:ada@example.com");
            assertThat(entry.address()).isEqualTo("203.0.113.9");
            assertThat(entry.action()).isEqualTo("rule.put");
        });
        assertThat(entries).extracting(AuditEntry::summary).contains("created points system 'xp'",
                "created leaderboard 'weekly_xp'", "changed points system 'xp'");

        store.clock().advance(Duration.ofMinutes(1));
        RulesDocument.Applied again = document.apply(ADMIN, APP, RULES, false);
        assertThat(again.changes()).isEmpty();
        assertThat(again.unchanged()).isEqualTo(11);
        assertThat(again.summary()).isEqualTo("Nothing to change.");
        assertThat(auditEntries()).hasSize(12);

        RulesDocument.Applied pruned = document.apply(ADMIN, APP, RULES.substring(0, RULES.indexOf("leaderboards:")), true);
        assertThat(pruned.changes()).extracting(ApplyPlan.Change::describe).containsExactly("- leaderboard weekly_xp");
        assertThat(auditEntries().getFirst()).satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("rule.archived");
            assertThat(entry.target()).isEqualTo(new AuditEntry.Target("leaderboard", "weekly_xp"));
        });
        assertThat(rules.get(APP, LeaderboardKind.KIND, "weekly_xp").archived()).isTrue();
    }

    @Test
    void theApplicationsOriginsAreAppliedAsTheActorExportedAndLeftAloneByAFileWithoutThem() {
        String text = "application:\n  cors_origins: [https://App.Example.com, http://localhost:5173]\n" + RULES;

        RulesDocument.Plan plan = document.plan(APP, text, false);
        assertThat(plan.changes().getFirst().describe()).isEqualTo("~ application settings: cors_origins [] ->"
                + " [\"https://app.example.com\",\"http://localhost:5173\"]");
        assertThat(tenancy.application(APP).corsOrigins()).isEmpty();

        RulesDocument.Applied applied = document.apply(ADMIN, APP, text, false);
        assertThat(applied.summary()).isEqualTo("Applied 12 changes: 11 created, 1 updated.");
        assertThat(tenancy.application(APP).corsOrigins()).containsExactly("https://app.example.com", "http://localhost:5173");
        assertThat(auditEntries()).filteredOn(entry -> !entry.action().equals("rule.put")).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.actor().subject()).isEqualTo("console:ada@example.com");
                    assertThat(entry.action()).isEqualTo("application.updated");
                });

        String export = document.export(APP);
        assertThat(export).contains("application:\n  cors_origins:\n    - https://app.example.com\n    - http://localhost:5173\n");
        assertThat(document.plan(APP, export, true).empty()).isTrue();
        assertThat(document.apply(ADMIN, APP, RULES, true).changes()).isEmpty();
        assertThat(tenancy.application(APP).corsOrigins()).hasSize(2);

        assertThat(document.apply(ADMIN, APP, "application:\n  cors_origins: []\n" + RULES, false).summary())
                .isEqualTo("Applied 1 change: 1 updated.");
        assertThat(tenancy.application(APP).corsOrigins()).isEmpty();
        assertThat(document.export(APP)).doesNotContain("application:");
    }

    @Test
    void applyPlansAgainFromTheTextSoAnEarlierPlanIsNeverAppliedAsSuch() {
        rules.put(ADMIN, APP, MetricKind.KIND, "steps", store.body("{\"name\":\"Steps\"}"));
        String text = "metrics:\n  steps: {name: Steps walked}\n";
        assertThat(document.plan(APP, text, false).changes()).hasSize(1);
        rules.put(ADMIN, APP, MetricKind.KIND, "steps", store.body("{\"name\":\"Steps walked\"}"));

        RulesDocument.Applied applied = document.apply(ADMIN, APP, text, false);

        assertThat(applied.changes()).isEmpty();
        assertThat(applied.unchanged()).isEqualTo(1);
    }

    @Test
    void aChangeRefusedAfterTheCheckStopsTheRunAndSaysHowFarItGot() {
        rules.put(ADMIN, APP, MetricKind.KIND, "workouts", store.body("{}"));
        // another admin archives 'workouts' while the file is applied, after the check
        stats.onBackfill = () -> rules.archive(Actor.operator(Optional.empty()), APP, MetricKind.KIND, "workouts");

        RulesApplyException stopped = catchThrowableOfType(RulesApplyException.class, () -> document.apply(ADMIN, APP, """
                metrics:
                  steps:
                  workouts:
                achievements:
                  a: {trigger: {type: metric, metric: steps, threshold: 1}}
                  b: {trigger: {type: metric, metric: workouts, threshold: 1}}
                """, false));

        assertThat(stopped.status()).isEqualTo(400);
        assertThat(stopped.error()).isEqualTo("unknown_rule");
        assertThat(stopped.refused().key()).isEqualTo("b");
        assertThat(stopped.applied()).extracting(ApplyPlan.Change::describe)
                .containsExactly("+ metric steps", "+ achievement a");
        assertThat(stopped.detail()).startsWith("writing achievement 'b' was refused: ")
                .endsWith("; applied 2 of 3 changes before it (2 created): apply the file again for the rest");
        assertThat(stopped.members()).containsEntry("applied", 2).containsEntry("field", "trigger");
        assertThat(rules.active(APP).contains("achievement:a")).isTrue();
        assertThat(rules.active(APP).contains("achievement:b")).isFalse();
    }

    @Test
    void aPointsSystemAndAnAchievementThatReferToEachOtherApplyInOneRunAndExportBack() {
        String text = """
                metrics:
                  steps:
                points:
                  xp:
                    triggers: [{type: achievement, achievement: a, points: 10}]
                achievements:
                  a:
                    trigger: {type: metric, metric: steps, threshold: 5}
                    reward: {system: xp, points: 1}
                """;

        assertThat(document.plan(APP, text, false).changes()).extracting(ApplyPlan.Change::describe)
                .containsExactly("+ metric steps", "+ points system xp", "+ achievement a");
        assertThat(document.apply(ADMIN, APP, text, false).changes()).hasSize(3);

        assertThat(rules.get(APP, PointsSystemKind.KIND, "xp").definition().path("triggers")).hasSize(1);
        assertThat(document.plan(APP, document.export(APP), true).empty()).isTrue();
    }

    private List<AuditEntry> auditEntries() {
        return store.jdbi().withHandle(handle -> new AuditLog().page(handle, AuditFilter.ALL.ofApplication(APP),
                new PageRequest(PageRequest.MAX_LIMIT, Optional.empty())).items());
    }

    /** The users' side of the achievement catalog: nobody holds anything; a backfill grants two users. */
    private static final class FakeStats implements AchievementStats {

        final List<String> backfilled = new ArrayList<>();
        Runnable onBackfill = () -> { };

        @Override
        public Map<String, Long> completions(String applicationId) {
            return Map.of();
        }

        @Override
        public long users(String applicationId) {
            return 0;
        }

        @Override
        public Set<String> unlockedBy(String applicationId, String userId) {
            return Set.of();
        }

        @Override
        public int backfill(String applicationId, String achievement) {
            backfilled.add(achievement);
            onBackfill.run();
            return 2;
        }

        @Override
        public int qualifying(String applicationId, Achievement achievement) {
            return 0;
        }
    }
}
