package dev.ludus.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The catalog (completions, rarity, hidden achievements) and backfill on activation. */
class AchievementCatalogTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private TestApp app;
    private GameSetup setup;
    private String[] service;

    @BeforeEach
    void createApp() {
        app = server.ludus().createApp();
        setup = new GameSetup(server.http(), app).metric("steps")
                .put("/v1/points/xp", "{\"levels\":[{\"name\":\"One\",\"threshold\":0},{\"name\":\"Two\",\"threshold\":10}]}");
        service = Http.bearer(app.tokenWith("users:read", "users:write"));
    }

    private void steps(String user, int value) {
        Http.Answer answer = server.http().post("/v1/events",
                "{\"metric\":\"steps\",\"user_id\":\"" + user + "\",\"value\":" + value + "}", service);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private String[] userToken(String subject) {
        return Http.bearer(app.token().subject(subject).scopes("read", "write").build());
    }

    @Test
    void activatingAnAchievementBackfillsUsersWhoAlreadyQualify() {
        steps("ann", 500);
        steps("bob", 50);
        steps("cat", 100);

        Http.Answer put = server.http().send("PUT", "/v1/achievements/hundred", """
                {"trigger":{"type":"metric","metric":"steps","threshold":100},"reward":{"system":"xp","points":20}}""",
                setup.admin());

        assertThat(put.status()).as(put.body()).isEqualTo(201);
        assertThat(put.json().path("backfilled_users").asInt()).isEqualTo(2);
        JsonNode ann = server.http().get("/v1/users/ann/progress", service).json();
        JsonNode hundred = ann.path("achievements").get(0);
        assertThat(hundred.path("unlocked").asBoolean()).isTrue();
        assertThat(hundred.path("backfilled").asBoolean()).isTrue();
        assertThat(ann.path("points").get(0).path("balance").asInt()).isEqualTo(20);
        assertThat(ann.path("points").get(0).path("level").path("name").asText()).isEqualTo("Two");
        JsonNode bob = server.http().get("/v1/users/bob/progress", service).json();
        assertThat(bob.path("achievements").get(0).path("unlocked").asBoolean()).isFalse();
        assertThat(bob.path("achievements").get(0).path("progress").path("current").asInt()).isEqualTo(50);
        assertThat(bob.path("achievements").get(0).path("progress").path("target").asInt()).isEqualTo(100);

        Http.Answer again = server.http().send("PUT", "/v1/achievements/hundred", """
                {"trigger":{"type":"metric","metric":"steps","threshold":100},"reward":{"system":"xp","points":20}}""",
                setup.admin());
        assertThat(again.json().path("backfilled_users").asInt()).isZero();
        assertThat(server.http().get("/v1/users/ann/points/xp/history", service).json().path("items")).hasSize(1);
    }

    @Test
    void loweringAThresholdBackfillsTheUsersItNowCovers() {
        setup.put("/v1/achievements/big", "{\"trigger\":{\"type\":\"metric\",\"metric\":\"steps\",\"threshold\":1000}}");
        steps("ann", 500);
        Http.Answer lowered = server.http().send("PUT", "/v1/achievements/big",
                "{\"trigger\":{\"type\":\"metric\",\"metric\":\"steps\",\"threshold\":400}}", setup.admin());

        assertThat(lowered.status()).isEqualTo(200);
        assertThat(lowered.json().path("backfilled_users").asInt()).isEqualTo(1);
    }

    @Test
    void catalogCountsCompletionsAndRarity() {
        setup.put("/v1/achievements/ten", "{\"trigger\":{\"type\":\"metric\",\"metric\":\"steps\",\"threshold\":10}}");
        steps("ann", 10);
        steps("bob", 10);
        steps("cat", 1);
        steps("dan", 1);

        JsonNode item = server.http().get("/v1/achievements", service).json().path("items").get(0);

        assertThat(item.path("completions").asInt()).isEqualTo(2);
        assertThat(item.path("rarity").decimalValue()).isEqualByComparingTo("0.5");
    }

    @Test
    void pagesSkipHiddenAchievementsWithoutComingUpShort() {
        for (String key : new String[] {"a1", "a2", "h1", "h2", "h3", "z1", "z2"}) {
            setup.put("/v1/achievements/" + key, "{\"hidden\":" + key.startsWith("h")
                    + ",\"trigger\":{\"type\":\"metric\",\"metric\":\"steps\",\"threshold\":5}}");
        }
        String[] bob = userToken("bob");
        JsonNode first = server.http().get("/v1/achievements?limit=3", bob).json();
        JsonNode second = server.http().get("/v1/achievements?limit=3&cursor=" + first.path("next_cursor").asText(), bob)
                .json();

        assertThat(first.path("items").findValuesAsText("key")).containsExactly("a1", "a2", "z1");
        assertThat(second.path("items").findValuesAsText("key")).containsExactly("z2");
        assertThat(second.path("next_cursor").isNull()).isTrue();
    }

    @Test
    void hiddenAchievementIsListedOnlyToAdminOrToItsHolders() {
        setup.put("/v1/achievements/secret",
                "{\"hidden\":true,\"trigger\":{\"type\":\"metric\",\"metric\":\"steps\",\"threshold\":5}}");
        steps("ann", 5);

        assertThat(server.http().get("/v1/achievements", userToken("bob")).json().path("items")).isEmpty();
        assertThat(server.http().get("/v1/achievements/secret", userToken("bob")).status()).isEqualTo(404);
        assertThat(server.http().get("/v1/users/me/progress", userToken("ann")).json().path("achievements"))
                .hasSize(1);
        JsonNode annView = server.http().get("/v1/achievements", userToken("ann")).json().path("items");
        assertThat(annView).hasSize(1);
        assertThat(annView.get(0).path("unlocked").asBoolean()).isTrue();
        assertThat(server.http().get("/v1/achievements", setup.admin()).json().path("items")).hasSize(1);
        assertThat(server.http().get("/v1/achievements/secret", userToken("ann")).status()).isEqualTo(200);
    }
}
