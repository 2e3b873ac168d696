package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludus.client.internal.JsonSupport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Without a server: how names by language ({@link LocalizedText}), pictures, locales and the default
 * language are written and read, that records built as before them equal what the server answers now,
 * and that {@link LudusClient.Builder#acceptLanguage} is checked when the client is built.
 * {@link LanguagesTest} has the same against a real server.
 */
class LanguagesJsonTest {

    private final ObjectMapper json = JsonSupport.mapper();

    @Test
    void namesByLanguageAreWrittenAsAnObjectInTheOrderGivenAndAPlainDescriptionAsAString() throws Exception {
        AchievementDefinition definition = AchievementDefinition.builder(AchievementTrigger.api())
                .names(frenchThenEnglish()).description("Walk").imageUrl("https://cdn.example.com/a.png").build();

        String written = json.writeValueAsString(definition);
        JsonNode tree = json.readTree(written);

        assertThat(written).contains("\"name\":{\"fr\":\"Premiers pas\",\"en\":\"First steps\"}");
        assertThat(tree.path("description").asText()).isEqualTo("Walk");
        assertThat(tree.path("image_url").asText()).isEqualTo("https://cdn.example.com/a.png");
        assertThat(tree.has("localized_name")).isFalse();
        assertThat(tree.has("names")).isFalse();
        assertThat(json.readTree(json.writeValueAsString(MetricDefinition.named("Steps")))).isEqualTo(
                json.readTree("{\"name\": \"Steps\", \"allow_negative\": false}"));
        assertThat(json.readTree(json.writeValueAsString(PointsSystemDefinition.builder()
                .level(new Level(frenchThenEnglish(), 10, "https://cdn.example.com/l.png")).build())).path("levels"))
                .isEqualTo(json.readTree("""
                        [{"threshold": 10, "name": {"fr": "Premiers pas", "en": "First steps"},
                          "image_url": "https://cdn.example.com/l.png"}]"""));
    }

    @Test
    void aRuleReadWithNamesByLanguageAnswersTheFirstAsItsNameAndPutsThemBackAsGiven() throws Exception {
        Achievement read = json.readValue("""
                {"key": "first_steps", "name": {"fr": "Premiers pas", "en": "First steps"}, "description": null,
                 "image_url": null, "hidden": false, "trigger": {"type": "api"}, "completions": 0}""",
                Achievement.class);

        assertThat(read.name()).isEqualTo("Premiers pas");
        assertThat(read.names()).containsExactly(entry("fr", "Premiers pas"), entry("en", "First steps"));
        assertThat(read.description()).isNull();
        assertThat(read.descriptions()).isEmpty();
        assertThat(read.imageUrl()).isNull();
        assertThat(json.writeValueAsString(read.definition()))
                .contains("\"name\":{\"fr\":\"Premiers pas\",\"en\":\"First steps\"}");
        assertThat(json.readValue("{\"key\": \"steps\", \"name\": \"Steps\"}", Metric.class).names())
                .as("a plain name has no languages").isEmpty();
        assertThatThrownBy(() -> json.readValue("{\"key\": \"steps\", \"name\": {\"en\": 1}}", Metric.class))
                .hasMessageContaining("not a string");
    }

    @Test
    void recordsBuiltAsBeforeNamesAndPicturesEqualWhatTheServerAnswersNow() throws Exception {
        Instant at = Instant.parse("2030-06-12T12:00:00Z");

        assertThat(json.readValue("{\"name\": \"Rookie\", \"threshold\": 0, \"image_url\": null}", Level.class))
                .isEqualTo(new Level("Rookie", 0));
        assertThat(json.readValue("{\"key\": \"first_steps\", \"name\": \"First steps\", \"image_url\": null,"
                + " \"unlocked_at\": \"2030-06-12T12:00:00Z\", \"backfilled\": false, \"reward\": null}", Unlock.class))
                .isEqualTo(new Unlock("first_steps", "First steps", at, false, null));
        assertThat(json.readValue("{\"number\": 2, \"name\": \"Walker\", \"image_url\": null}", LevelReached.class))
                .isEqualTo(new LevelReached(2, "Walker"));
        assertThat(json.readValue("{\"key\": \"steps\", \"name\": \"Steps\", \"description\": \"Walked\","
                + " \"allow_negative\": false}", Metric.class))
                .isEqualTo(new Metric("steps", "Steps", "Walked", false, null, null, null));
        assertThat(json.readValue("{\"id\": \"ada\"}", User.class).locale()).isNull();
        assertThat(json.readValue("{\"id\": \"app\"}", Application.class).defaultLanguage())
                .as("from a server without it").isEqualTo("en");
        assertThat(json.writeValueAsString(new UserProfile("Ada", null, null, null))).doesNotContain("locale");
        assertThat(json.writeValueAsString(ProfileChanges.builder().locale(null).build()))
                .as("null clears it").isEqualTo("{\"locale\":null}");
    }

    @Test
    void aLocalizedTextNeedsALanguageAndComparesInTheOrderGiven() {
        Map<String, String> englishThenFrench = new LinkedHashMap<>();
        englishThenFrench.put("en", "First steps");
        englishThenFrench.put("fr", "Premiers pas");

        assertThat(LocalizedText.of(frenchThenEnglish())).isEqualTo(LocalizedText.of(frenchThenEnglish()))
                .as("the first text differs").isNotEqualTo(LocalizedText.of(englishThenFrench));
        assertThat(LocalizedText.of("First steps")).isNotEqualTo(LocalizedText.of(Map.of("en", "First steps")));
        assertThat(LocalizedText.of(englishThenFrench).text()).isEqualTo("First steps");
        assertThatThrownBy(() -> LocalizedText.of(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAcceptLanguageWithALineBreakIsRefusedWhenTheClientIsBuilt() {
        LudusClient.Builder builder = LudusClient.builder().baseUrl("http://localhost:8080")
                .applicationToken("tenant", "app", "sk_secret").acceptLanguage("fr\r\nX-Injected: 1");

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("acceptLanguage");
        assertThatThrownBy(LudusClient.builder().baseUrl("http://localhost:8080")
                .applicationToken("tenant", "app", "sk_secret").acceptLanguage(" ")::build)
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, String> frenchThenEnglish() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("fr", "Premiers pas");
        texts.put("en", "First steps");
        return texts;
    }
}
