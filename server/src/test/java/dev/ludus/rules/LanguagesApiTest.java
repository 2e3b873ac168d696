package dev.ludus.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.ApiTestServer;
import dev.ludus.testing.Http;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Names in every language and images, over HTTP on a real store of this run's kind: definitions that
 * give names and descriptions by language tag and pictures' addresses, read back as given; answers
 * about a user in the user's locale, else the request's Accept-Language, else the application's
 * default language; webhooks in the user's locale; and the 400s of malformed tags and addresses.
 */
class LanguagesApiTest {

    private static final Instant T0 = Instant.parse("2037-12-16T10:30:00Z");
    private static final String BADGE = "https://cdn.example.com/badges/first.png";

    @RegisterExtension
    final ApiTestServer server = new ApiTestServer(T0);
    private Http http;

    @BeforeEach
    void start() {
        http = server.http();
        server.game()
                .put("/v1/metrics/lessons", """
                        {"name":{"en":"Lessons","fr":"Leçons","pt-br":"Lições"}}""")
                .put("/v1/points/xp", """
                        {"name":{"en":"Experience","fr":"Expérience"},
                         "triggers":[{"type":"metric","metric":"lessons","points":10}],
                         "levels":[{"name":{"en":"Novice","fr":"Débutant"},"threshold":0,
                                    "image_url":"https://cdn.example.com/levels/novice.png"},
                                   {"name":"Scholar","threshold":20}]}""")
                .put("/v1/achievements/first", """
                        {"name":{"en":"First lesson","fr":"Première leçon","pt-BR":"Primeira lição"},
                         "description":{"en":"Finish a lesson","fr":"Terminer une leçon"},
                         "image_url":"%s",
                         "trigger":{"type":"metric","metric":"lessons","threshold":1}}""".formatted(BADGE))
                .put("/v1/quests/week", """
                        {"name":{"en":"Busy week","fr":"Semaine chargée"},"image_url":"https://cdn.example.com/q.png",
                         "steps":[{"key":"read","metric":"lessons","total":1}],
                         "window":{"type":"fixed","starts_at":"2037-12-14T00:00:00Z","ends_at":"2037-12-21T00:00:00Z"}}""")
                .put("/v1/rewards/mug", """
                        {"name":{"en":"Mug","fr":"Tasse"},"points_system":"xp","cost":5,
                         "image_url":"https://cdn.example.com/mug.png"}""");
    }

    private String[] admin() {
        return server.admin();
    }

    private String[] service(String... more) {
        return server.service(more);
    }

    private JsonNode event(String user, String... headers) {
        return server.event(user, "lessons", headers);
    }

    @Test
    void definitionsKeepTheirLanguagesAndPicturesAsGiven() {
        JsonNode achievement = http.get("/v1/achievements/first", admin()).json();
        assertThat(achievement.path("name").path("fr").asText()).isEqualTo("Première leçon");
        assertThat(achievement.path("name").path("pt-BR").asText()).isEqualTo("Primeira lição");
        assertThat(achievement.path("description").path("en").asText()).isEqualTo("Finish a lesson");
        assertThat(achievement.path("image_url").asText()).isEqualTo(BADGE);
        // tags are answered in their canonical form
        assertThat(http.get("/v1/metrics/lessons", admin()).json().path("name").path("pt-BR").asText())
                .isEqualTo("Lições");
        JsonNode levels = http.get("/v1/points/xp", admin()).json().path("levels");
        assertThat(levels.get(0).path("name").path("fr").asText()).isEqualTo("Débutant");
        assertThat(levels.get(0).path("image_url").asText()).isEqualTo("https://cdn.example.com/levels/novice.png");
        assertThat(levels.get(1).path("name").asText()).isEqualTo("Scholar");
        assertThat(levels.get(1).path("image_url").isNull()).isTrue();
        assertThat(http.get("/v1/quests/week", admin()).json().path("image_url").asText())
                .isEqualTo("https://cdn.example.com/q.png");
        assertThat(http.get("/v1/rewards/mug", admin()).json().path("name").path("fr").asText()).isEqualTo("Tasse");
        // a plain name stays a string
        server.game().metric("quizzes");
        assertThat(http.get("/v1/metrics/quizzes", admin()).json().path("name").isTextual()).isTrue();
    }

    @Test
    void answersSpeakTheUsersLocaleThenAcceptLanguageThenTheApplicationsDefault() {
        assertThat(http.get("/v1/application", admin()).json().path("default_language").asText()).isEqualTo("en");
        Http.Answer put = http.send("PUT", "/v1/users/ana", "{\"locale\":\"pt-br\"}", service());
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        assertThat(put.json().path("locale").asText()).isEqualTo("pt-BR");
        JsonNode listed = http.get("/v1/users?id_prefix=ana", service()).json().path("items");
        assertThat(listed.get(0).path("locale").asText()).isEqualTo("pt-BR");

        // the user's locale beats the request's languages
        JsonNode ana = event("ana", "Accept-Language", "fr");
        assertThat(ana.path("achievements").get(0).path("name").asText()).isEqualTo("Primeira lição");
        assertThat(ana.path("achievements").get(0).path("image_url").asText()).isEqualTo(BADGE);
        // a name without the user's language: the request's, before the application's default
        assertThat(ana.path("quests").get(0).path("name").asText()).isEqualTo("Semaine chargée");
        assertThat(ana.path("quests").get(0).path("image_url").asText()).isEqualTo("https://cdn.example.com/q.png");

        // a user without a locale: Accept-Language, by weight
        JsonNode bob = event("bob", "Accept-Language", "de, fr;q=0.8, en;q=0.5");
        assertThat(bob.path("achievements").get(0).path("name").asText()).isEqualTo("Première leçon");
        assertThat(bob.path("quests").get(0).path("name").asText()).isEqualTo("Semaine chargée");
        // nothing asked for: the application's default language, which the application may change
        assertThat(event("cy").path("achievements").get(0).path("name").asText()).isEqualTo("First lesson");
        Http.Answer patched = http.patch("/v1/application", "{\"default_language\":\"FR\"}", admin());
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("default_language").asText()).isEqualTo("fr");
        assertThat(event("dee").path("achievements").get(0).path("name").asText()).isEqualTo("Première leçon");

        // reads about a user follow the same order
        JsonNode progress = http.get("/v1/users/bob/progress", service("Accept-Language", "en")).json();
        JsonNode first = progress.path("achievements").get(0);
        assertThat(first.path("name").asText()).isEqualTo("First lesson");
        assertThat(first.path("description").asText()).isEqualTo("Finish a lesson");
        assertThat(first.path("image_url").asText()).isEqualTo(BADGE);
        assertThat(progress.path("metrics").get(0).path("name").asText()).isEqualTo("Lessons");
        JsonNode xp = progress.path("points").get(0);
        assertThat(xp.path("name").asText()).isEqualTo("Experience");
        assertThat(xp.path("level").path("name").asText()).isEqualTo("Novice");
        assertThat(xp.path("level").path("image_url").asText()).isEqualTo("https://cdn.example.com/levels/novice.png");
        assertThat(xp.path("next_level").path("name").asText()).isEqualTo("Scholar");
        JsonNode anaProgress = http.get("/v1/users/ana/progress", service()).json();
        assertThat(anaProgress.path("metrics").get(0).path("name").asText()).isEqualTo("Lições");
        // pt-BR has no level name: the application's default (now fr) before the first given
        assertThat(anaProgress.path("points").get(0).path("level").path("name").asText()).isEqualTo("Débutant");
        JsonNode quests = http.get("/v1/users/bob/quests", service("Accept-Language", "fr")).json();
        assertThat(quests.path("quests").get(0).path("name").asText()).isEqualTo("Semaine chargée");
        assertThat(quests.path("quests").get(0).path("image_url").asText()).isEqualTo("https://cdn.example.com/q.png");

        // clearing the locale: the user falls back like anyone
        Http.Answer cleared = http.send("PUT", "/v1/users/ana", "{}", service());
        assertThat(cleared.json().path("locale").isNull()).isTrue();
        assertThat(http.get("/v1/users/ana/progress", service()).json().path("metrics").get(0).path("name").asText())
                .isEqualTo("Leçons");
    }

    @Test
    void webhooksAreWrittenInTheUsersLocale() {
        Http.Answer endpoint = http.post("/v1/webhooks", "{\"url\":\"" + server.receiver().url() + "\",\"event_types\":"
                + "[\"achievement.unlocked\"]}", admin());
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
        http.send("PUT", "/v1/users/fred", "{\"locale\":\"fr-CA\"}", service());
        event("fred", "Accept-Language", "pt-BR");
        event("gus", "Accept-Language", "fr");

        var messages = server.receiver().await(2);
        Map<String, String> names = new java.util.HashMap<>();
        messages.forEach(message -> names.put(message.json().path("data").path("user_id").asText(),
                message.json().path("data").path("achievement").path("name").asText()));
        // the user's locale, else the application's default: a webhook answers no request
        assertThat(names).containsEntry("fred", "Première leçon").containsEntry("gus", "First lesson");
        assertThat(messages.getFirst().json().path("data").path("achievement").path("image_url").asText())
                .isEqualTo(BADGE);
    }

    @Test
    void malformedTagsAndAddressesAreRefusedNamingTheMember() {
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("{\"name\":{\"english!\":\"First\"},\"trigger\":{\"type\":\"api\"}}", "name.english!");
        refused.put("{\"name\":{},\"trigger\":{\"type\":\"api\"}}", "name");
        refused.put("{\"name\":{\"en\":\"\"},\"trigger\":{\"type\":\"api\"}}", "name.en");
        refused.put("{\"name\":{\"en\":1},\"trigger\":{\"type\":\"api\"}}", "name.en");
        refused.put("{\"name\":{\"en\":\"A\",\"EN\":\"B\"},\"trigger\":{\"type\":\"api\"}}", "name.EN");
        refused.put("{\"name\":7,\"trigger\":{\"type\":\"api\"}}", "name");
        refused.put("{\"description\":{\"fr\":\"" + "x".repeat(2001) + "\"},\"trigger\":{\"type\":\"api\"}}",
                "description.fr");
        refused.put("{\"image_url\":\"http://cdn.example.com/a.png\",\"trigger\":{\"type\":\"api\"}}", "image_url");
        refused.put("{\"image_url\":\"https://user:pw@cdn.example.com/a.png\",\"trigger\":{\"type\":\"api\"}}",
                "image_url");
        refused.put("{\"image_url\":\"javascript:alert(1)\",\"trigger\":{\"type\":\"api\"}}", "image_url");
        refused.put("{\"image_url\":\"/relative.png\",\"trigger\":{\"type\":\"api\"}}", "image_url");
        server.refuses("PUT", "/v1/achievements/bad", refused);
        Http.Answer level = http.send("PUT", "/v1/points/bad", """
                {"levels":[{"name":"A","threshold":0,"image_url":"ftp://x.example/a.png"}]}""", admin());
        assertThat(level.status()).isEqualTo(400);
        assertThat(level.json().path("field").asText()).isEqualTo("levels[0].image_url");
        Http.Answer metricImage = http.send("PUT", "/v1/metrics/bad", "{\"image_url\":\"" + BADGE + "\"}", admin());
        assertThat(metricImage.status()).isEqualTo(400);
        Http.Answer locale = http.send("PUT", "/v1/users/zed", "{\"locale\":\"not a tag\"}", service());
        assertThat(locale.status()).isEqualTo(400);
        assertThat(locale.json().path("field").asText()).isEqualTo("locale");
        Http.Answer language = http.patch("/v1/application", "{\"default_language\":\"en_US\"}", admin());
        assertThat(language.status()).isEqualTo(400);
        assertThat(language.json().path("field").asText()).isEqualTo("default_language");
        assertThat(http.get("/v1/achievements/bad", admin()).status()).isEqualTo(404);
    }
}
