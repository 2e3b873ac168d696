package dev.ludus.rulesfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ApplyPlan} as a pure function of a file and the server's views: references and order of leaderboards. */
class ApplyPlanTest {

    /** The server's rules: views as {@code GET /v1/<collection>?include_archived=true} shows them. */
    private static Map<StandardKind, Map<String, ObjectNode>> server(String... views) throws JsonProcessingException {
        Map<StandardKind, Map<String, ObjectNode>> server = new EnumMap<>(StandardKind.class);
        for (StandardKind kind : StandardKind.values()) {
            server.put(kind, new LinkedHashMap<>());
        }
        for (int i = 0; i < views.length; i += 2) {
            ObjectNode view = (ObjectNode) RulesFile.JSON.readTree(views[i + 1]);
            server.get(RulesFile.SECTIONS.get(views[i])).put(view.path("key").asText(), view);
        }
        return server;
    }

    @Test
    void aLeaderboardRanksOnlyByARuleOfTheFileOrOneActiveOnTheServer() throws JsonProcessingException {
        RulesFile file = RulesFile.parse("rules.yaml", """
                metrics:
                  steps:
                leaderboards:
                  by_steps: {rank_by: {type: metric, metric: steps}}
                  by_xp: {rank_by: {type: points, system: xp}}
                  by_walk: {rank_by: {type: streak, streak: walk}}
                  by_old: {rank_by: {type: metric, metric: old}}
                """);
        Map<StandardKind, Map<String, ObjectNode>> server = server(
                "metrics", "{\"key\":\"old\",\"name\":\"old\",\"archived_at\":\"2037-01-01T00:00:00Z\"}",
                "streaks", "{\"key\":\"walk\",\"name\":\"walk\",\"archived_at\":null}");

        RulesFileException refused = catchThrowableOfType(RulesFileException.class,
                () -> ApplyPlan.build(file, server, null, false));

        assertThat(refused.problems()).containsExactly(
                new Problem(5, 0, "leaderboards.by_xp", "rank_by.system",
                        "refers to points system 'xp', which is neither in the file nor on the server"),
                new Problem(7, 0, "leaderboards.by_old", "rank_by.metric",
                        "refers to metric 'old', which is archived on the server and not in the file"));

        RulesFileException pruned = catchThrowableOfType(RulesFileException.class,
                () -> ApplyPlan.build(file, server, null, true));
        assertThat(pruned.problems()).extracting(Problem::message)
                .contains("refers to streak 'walk', which is not in the file (--prune would archive it)");
    }

    @Test
    void leaderboardsAreWrittenLastAndArchivedBeforeWhatTheyRankBy() throws JsonProcessingException {
        RulesFile file = RulesFile.parse("rules.yaml", """
                leaderboards:
                  by_steps: {rank_by: {type: metric, metric: steps}}
                metrics:
                  steps:
                """);
        Map<StandardKind, Map<String, ObjectNode>> server = server(
                "metrics", "{\"key\":\"a_old\",\"name\":\"a_old\",\"archived_at\":null}",
                "leaderboards", "{\"key\":\"z_board\",\"rank_by\":{\"type\":\"metric\",\"metric\":\"a_old\"},"
                        + "\"archived_at\":null}");

        ApplyPlan plan = ApplyPlan.build(file, server, null, true);

        assertThat(plan.steps()).extracting(ApplyPlan.Step::label).containsExactly(
                "+ metric steps", "+ leaderboard by_steps", "- leaderboard z_board", "- metric a_old");
    }

    @Test
    void theApplicationsOriginsAreSetFirstAndOnlyWhenTheyDiffer() throws JsonProcessingException {
        RulesFile file = RulesFile.parse("rules.yaml", """
                application:
                  cors_origins: [https://App.Example.com:443, http://localhost:5173, http://localhost:5173]
                metrics:
                  steps:
                """);
        ObjectNode before = (ObjectNode) RulesFile.JSON.readTree("{\"id\":\"app_1\",\"cors_origins\":[\"https://old.example\"]}");

        ApplyPlan plan = ApplyPlan.build(file, server(), before, false);

        assertThat(file.settings()).get().hasToString(
                "{\"cors_origins\":[\"https://app.example.com\",\"http://localhost:5173\"]}");
        assertThat(plan.steps()).extracting(ApplyPlan.Step::label).containsExactly(
                "~ application settings: cors_origins [\"https://old.example\"] -> [\"https://app.example.com\","
                        + "\"http://localhost:5173\"]",
                "+ metric steps");
        assertThat(plan.steps().getFirst().change().isSettings()).isTrue();
        assertThat(plan.steps().getFirst().body()).isEqualTo(file.settings().orElseThrow());

        ObjectNode same = (ObjectNode) RulesFile.JSON.readTree(
                "{\"cors_origins\":[\"https://app.example.com\",\"http://localhost:5173\"]}");
        assertThat(ApplyPlan.build(file, server(), same, true).changes()).extracting(ApplyPlan.Change::describe)
                .containsExactly("+ metric steps");
    }

    @Test
    void anEmptyListOfOriginsClearsThemAndAFileWithoutTheMemberLeavesThem() throws JsonProcessingException {
        ObjectNode listed = (ObjectNode) RulesFile.JSON.readTree("{\"cors_origins\":[\"https://app.example.com\"]}");
        for (String clearing : new String[] {"application:\n  cors_origins: []\n", "application:\n  cors_origins:\n"}) {
            assertThat(ApplyPlan.build(RulesFile.parse("rules.yaml", clearing), server(), listed, false).steps())
                    .as(clearing).extracting(ApplyPlan.Step::label)
                    .containsExactly("~ application settings: cors_origins [\"https://app.example.com\"] -> []");
        }

        for (String silent : new String[] {"metrics:\n  steps:\n", "application:\nmetrics:\n  steps:\n",
                "application: {}\nmetrics:\n  steps:\n"}) {
            RulesFile file = RulesFile.parse("rules.yaml", silent);
            assertThat(file.settings()).as(silent).isEmpty();
            assertThat(ApplyPlan.build(file, server(), listed, true).changes()).as(silent)
                    .noneMatch(ApplyPlan.Change::isSettings);
        }
    }

    @Test
    void aSettingTheFileCannotHoldOrAnOriginThatIsNotOneIsAProblemAtItsLine() {
        RulesFileException notAnOrigin = catchThrowableOfType(RulesFileException.class, () -> RulesFile.parse("rules.yaml", """
                metrics:
                  steps:
                application:
                  cors_origins:
                    - https://app.example.com
                    - https://*.example.com
                """));
        assertThat(notAnOrigin.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(4);
            assertThat(problem.rule()).isEqualTo("application");
            assertThat(problem.field()).isEqualTo("cors_origins");
            assertThat(problem.message()).contains("'https://*.example.com', which is not an origin");
        });

        RulesFileException operatorOnly = catchThrowableOfType(RulesFileException.class, () -> RulesFile.parse("rules.yaml", """
                application:
                  cors_origins: [https://app.example.com]
                  ecdsa_enabled: true
                """));
        assertThat(operatorOnly.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.field()).isEqualTo("ecdsa_enabled");
            assertThat(problem.message()).startsWith("'ecdsa_enabled' is not a setting a rules file holds");
        });

        RulesFileException notAMap = catchThrowableOfType(RulesFileException.class,
                () -> RulesFile.parse("rules.yaml", "application: [https://app.example.com]\n"));
        assertThat(notAMap.problems()).extracting(Problem::message)
                .containsExactly("'application' must be a map of the application's settings (cors_origins)");
    }
}
