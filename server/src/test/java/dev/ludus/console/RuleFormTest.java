package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.leaderboard.LeaderboardKind;
import dev.ludus.rules.kinds.AchievementKind;
import dev.ludus.rules.kinds.PointsSystemKind;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one form engine: form text to a definition and back, and refusals placed next to their field. */
class RuleFormTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    @Test
    void aStoredDefinitionFillsTheFormAndTheFormGivesItBack() throws Exception {
        RuleForm form = RuleForms.of(PointsSystemKind.KIND);
        ObjectNode stored = json("""
                {"name":"XP","description":null,"triggers":[{"type":"metric","metric":"2024","points":10,"per":0.5,
                 "filter":{"mode":"yes"}}],"max_points":1000000,"allow_negative":true,
                 "levels":[{"name":"null","threshold":0}]}""");

        Map<String, String> values = form.values(stored);
        ObjectNode again = form.body(values).body();

        assertThat(values).containsEntry("max_points", "1000000").containsEntry("allow_negative", "on")
                .doesNotContainKey("description");
        assertThat(again.path("triggers").toString()).isEqualTo(stored.path("triggers").toString());
        assertThat(again.path("levels").toString()).isEqualTo(stored.path("levels").toString());
        assertThat(again.path("max_points").isIntegralNumber()).isTrue();
        assertThat(again.path("allow_negative").asBoolean()).isTrue();
    }

    @Test
    void namesByLanguageAreShownAsJsonAndGivenBackAsAnObject() throws Exception {
        RuleForm form = RuleForms.of(AchievementKind.KIND);
        ObjectNode stored = json("""
                {"name":{"en":"First lesson","fr":"Première leçon"},"description":"Plain",
                 "image_url":"https://cdn.example.com/a.png","hidden":false,"trigger":{"type":"api"},"reward":null}""");

        Map<String, String> values = form.values(stored);
        ObjectNode again = form.body(values).body();

        assertThat(values.get("name")).isEqualTo("{\"en\":\"First lesson\",\"fr\":\"Première leçon\"}");
        assertThat(again.path("name")).isEqualTo(stored.path("name"));
        assertThat(again.path("description").asText()).isEqualTo("Plain");
        assertThat(again.path("image_url").asText()).isEqualTo("https://cdn.example.com/a.png");
        // braces that are not a JSON object stay a plain name, for the API to take as it is
        RuleForm.Body beta = form.body(Map.of("name", "{Beta}"));
        assertThat(beta.body().path("name").asText()).as(beta.body() + " " + beta.errors()).isEqualTo("{Beta}");
        assertThat(form.body(Map.of("name", "{\"en\": \"A\"}")).body().path("name").path("en").asText())
                .isEqualTo("A");
    }

    @Test
    void numbersAreWholeOrDecimalAsTypedAndWordsAreLeftForTheApiToRefuse() {
        RuleForm form = RuleForms.of(AchievementKind.KIND);
        Map<String, String> values = Map.of("trigger.type", "metric", "trigger.threshold", "2.50",
                "reward.points", "1e3", "trigger.metric", "steps");

        ObjectNode body = form.body(values).body();

        assertThat(body.path("trigger").path("threshold").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(body.path("reward").path("points").isIntegralNumber()).isTrue();
        assertThat(body.path("reward").path("points").asLong()).isEqualTo(1000);
        assertThat(form.body(Map.of("reward.points", "lots")).body().path("reward").path("points").isTextual()).isTrue();
        assertThat(form.body(Map.of("reward.points", "1e99999")).body().path("reward").path("points").isBigDecimal())
                .isTrue();
    }

    @Test
    void fieldsOfAnotherChoiceAndEmptyFieldsAreLeftOut() {
        RuleForm form = RuleForms.of(AchievementKind.KIND);

        ObjectNode body = form.body(Map.of("trigger.type", "api", "trigger.metric", "steps", "name", " ",
                "reward.system", "")).body();

        assertThat(body.toString()).isEqualTo("{\"hidden\":false,\"trigger\":{\"type\":\"api\"}}");
    }

    @Test
    void yamlThatCannotBeReadIsAnErrorOfItsField() {
        RuleForm.Body body = RuleForms.of(PointsSystemKind.KIND).body(Map.of("levels", "- name: [a\n"));

        assertThat(body.errors()).containsOnlyKeys("levels");
    }

    @Test
    void aRefusalGoesNextToTheFieldThatHoldsTheMember() {
        RuleForm achievement = RuleForms.of(AchievementKind.KIND);
        RuleForm points = RuleForms.of(PointsSystemKind.KIND);
        RuleForm board = RuleForms.of(LeaderboardKind.KIND);
        Map<String, String> values = new HashMap<>(Map.of("trigger.type", "metric", "trigger.metric", "sleep",
                "trigger.threshold", "5"));

        assertThat(achievement.fieldFor("trigger.threshold", values)).isEqualTo("trigger.threshold");
        assertThat(achievement.fieldFor("trigger", values)).isEqualTo("trigger.metric");
        assertThat(achievement.fieldFor("reward.system", values)).isEqualTo("reward.system");
        assertThat(achievement.fieldFor("key", values)).isEqualTo("key");
        assertThat(achievement.fieldFor("(member name)", values)).isEmpty();
        assertThat(points.fieldFor("triggers[1].per", Map.of())).isEqualTo("triggers");
        assertThat(points.fieldFor(RuleSection.dotted("/levels/2/threshold"), Map.of())).isEqualTo("levels");
        assertThat(board.fieldFor("rank_by", Map.of("rank_by.type", "points", "rank_by.system", "xp")))
                .isEqualTo("rank_by.system");
        assertThat(board.fieldFor("rank_by", Map.of("rank_by.type", "points"))).isEqualTo("rank_by.type");
    }
}
