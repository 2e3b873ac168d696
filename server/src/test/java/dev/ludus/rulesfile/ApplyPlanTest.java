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
                () -> ApplyPlan.build(file, server, false));

        assertThat(refused.problems()).containsExactly(
                new Problem(5, 0, "leaderboards.by_xp", "rank_by.system",
                        "refers to points system 'xp', which is neither in the file nor on the server"),
                new Problem(7, 0, "leaderboards.by_old", "rank_by.metric",
                        "refers to metric 'old', which is archived on the server and not in the file"));

        RulesFileException pruned = catchThrowableOfType(RulesFileException.class,
                () -> ApplyPlan.build(file, server, true));
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

        ApplyPlan plan = ApplyPlan.build(file, server, true);

        assertThat(plan.steps()).extracting(ApplyPlan.Step::label).containsExactly(
                "+ metric steps", "+ leaderboard by_steps", "- leaderboard z_board", "- metric a_old");
    }
}
