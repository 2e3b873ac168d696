package dev.ludus.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.WebhookReceiver;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rewards catalog over HTTP on a real store of this run's kind: definitions and their 400s,
 * redemptions and every refusal, fulfilment, cancellation with its refund, lists, scopes and the
 * {@code reward.redeemed} webhook.
 */
class RewardsApiTest {

    private static final Instant T0 = Instant.parse("2037-12-20T10:00:00Z");

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private TestLudus ludus;
    private TestApp app;
    private GameSetup game;
    private Http http;
    private String[] admin;
    private String[] service;

    @BeforeEach
    void start() {
        ludus = TestLudus.start(Map.of("LUDUS_WEBHOOK_ALLOW_PRIVATE", "true"));
        ludus.clock().advanceTo(T0);
        http = ludus.http();
        app = ludus.createApp();
        admin = Http.bearer(app.tokenWith("admin"));
        service = Http.bearer(app.tokenWith("users:write", "users:read"));
        game = new GameSetup(http, app).metric("steps").put("/v1/points/coins", """
                {"name":"Coins","triggers":[{"type":"metric","metric":"steps","points":1}],
                 "levels":[{"name":"Bronze","threshold":0},{"name":"Silver","threshold":500}]}""");
    }

    @AfterEach
    void stop() {
        receiver.close();
        ludus.close();
    }

    private void earn(String user, long coins) {
        game.event(user, "steps", coins);
    }

    private Http.Answer redeem(String user, String reward, String... headers) {
        return http.post("/v1/users/" + user + "/rewards/" + reward + "/redeem", "", headers.length == 0 ? service : headers);
    }

    private long balance(String user) {
        JsonNode progress = http.get("/v1/users/" + user + "/progress", service).json();
        for (JsonNode system : progress.path("points")) {
            if (system.path("system").asText().equals("coins")) {
                return system.path("balance").asLong();
            }
        }
        throw new AssertionError("no coins in " + progress);
    }

    private JsonNode reward(String key) {
        Http.Answer answer = http.get("/v1/rewards/" + key, admin);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void aRedemptionSpendsThePointsTakesAUnitAndIsPendingUntilFulfilled() {
        game.put("/v1/rewards/mug", """
                {"name":"Mug","points_system":"coins","cost":100,"stock":5,"per_user_limit":2}""");
        assertThat(reward("mug").path("redeemed").asLong()).isZero();
        assertThat(reward("mug").path("remaining").asLong()).isEqualTo(5);
        earn("ann", 250);

        Http.Answer redeemed = redeem("ann", "mug");

        assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(201);
        JsonNode answer = redeemed.json();
        JsonNode redemption = answer.path("redemption");
        assertThat(redemption.path("id").asText()).startsWith("rdm_");
        assertThat(redemption.path("user_id").asText()).isEqualTo("ann");
        assertThat(redemption.path("reward").asText()).isEqualTo("mug");
        assertThat(redemption.path("points_system").asText()).isEqualTo("coins");
        assertThat(redemption.path("cost").asLong()).isEqualTo(100);
        assertThat(redemption.path("status").asText()).isEqualTo("pending");
        assertThat(Instant.parse(redemption.path("created_at").asText())).isEqualTo(T0);
        assertThat(answer.path("points").path("amount").asLong()).isEqualTo(-100);
        assertThat(answer.path("points").path("balance").asLong()).isEqualTo(150);
        assertThat(answer.path("remaining").asLong()).isEqualTo(4);
        assertThat(answer.path("idempotent_replayed").asBoolean()).isFalse();
        assertThat(balance("ann")).isEqualTo(150);
        assertThat(reward("mug").path("redeemed").asLong()).isEqualTo(1);
        assertThat(reward("mug").path("remaining").asLong()).isEqualTo(4);

        JsonNode history = http.get("/v1/users/ann/points/coins/history", service).json().path("items");
        assertThat(history.get(0).path("amount").asLong()).isEqualTo(-100);
        assertThat(history.get(0).path("source").asText()).isEqualTo("reward");
        assertThat(history.get(0).path("reference").asText()).isEqualTo(redemption.path("id").asText());

        String id = redemption.path("id").asText();
        assertThat(http.get("/v1/redemptions/" + id, service).json().path("status").asText()).isEqualTo("pending");
        Http.Answer fulfilled = http.post("/v1/redemptions/" + id + "/fulfill", "", service);
        assertThat(fulfilled.status()).as(fulfilled.body()).isEqualTo(200);
        assertThat(fulfilled.json().path("redemption").path("status").asText()).isEqualTo("fulfilled");
        assertThat(http.get("/v1/redemptions/" + id, service).json().path("status").asText()).isEqualTo("fulfilled");

        Http.Answer again = http.post("/v1/redemptions/" + id + "/fulfill", "", service);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("redemption_not_pending");
        Http.Answer cancelFulfilled = http.post("/v1/redemptions/" + id + "/cancel", "", service);
        assertThat(cancelFulfilled.status()).isEqualTo(409);
        assertThat(cancelFulfilled.error()).isEqualTo("redemption_not_pending");
        assertThat(balance("ann")).as("a fulfilled redemption is not refunded").isEqualTo(150);
    }

    @Test
    void cancellingRefundsThePointsAndReturnsTheUnit() {
        game.put("/v1/rewards/mug", """
                {"points_system":"coins","cost":100,"stock":1}""");
        earn("ann", 550);
        String id = redeem("ann", "mug").json().path("redemption").path("id").asText();
        earn("bob", 600);
        assertThat(redeem("bob", "mug").error()).isEqualTo("out_of_stock");

        Http.Answer cancelled = http.post("/v1/redemptions/" + id + "/cancel", "", service);

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().path("redemption").path("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.json().path("points").path("amount").asLong()).isEqualTo(100);
        assertThat(cancelled.json().path("points").path("balance").asLong()).isEqualTo(550);
        assertThat(cancelled.json().path("remaining").asLong()).isEqualTo(1);
        assertThat(cancelled.json().path("levels").get(0).path("current").path("name").asText()).isEqualTo("Silver");
        assertThat(balance("ann")).isEqualTo(550);
        JsonNode refund = http.get("/v1/users/ann/points/coins/history", service).json().path("items").get(0);
        assertThat(refund.path("source").asText()).isEqualTo("refund");
        assertThat(refund.path("reference").asText()).isEqualTo(id);
        assertThat(redeem("bob", "mug").status()).as("the unit came back").isEqualTo(201);
        assertThat(http.post("/v1/redemptions/" + id + "/cancel", "", service).error()).isEqualTo("redemption_not_pending");
        assertThat(balance("ann")).as("refunded once").isEqualTo(550);
    }

    @Test
    void everyRefusalNamesItsReasonAndWritesNothing() {
        game.put("/v1/rewards/mug", """
                {"points_system":"coins","cost":100,"per_user_limit":1}""")
                .put("/v1/rewards/gold", """
                        {"points_system":"coins","cost":10,"level_required":2}""")
                .put("/v1/rewards/later", """
                        {"points_system":"coins","cost":10,"available_from":"2037-12-21T00:00:00Z"}""")
                .put("/v1/rewards/gone", """
                        {"points_system":"coins","cost":10,"available_until":"2037-12-20T09:00:00Z"}""")
                .put("/v1/rewards/none", """
                        {"points_system":"coins","cost":10,"stock":0}""");
        earn("ann", 150);

        assertRefused(redeem("ann", "gold"), 409, "level_required");
        assertRefused(redeem("ann", "later"), 409, "reward_unavailable");
        assertRefused(redeem("ann", "gone"), 409, "reward_unavailable");
        assertRefused(redeem("ann", "none"), 409, "out_of_stock");
        assertRefused(redeem("ann", "nothing"), 404, "not_found");
        assertRefused(redeem("nobody", "mug"), 404, "not_found");
        assertThat(redeem("ann", "mug").status()).isEqualTo(201);
        assertRefused(redeem("ann", "mug"), 409, "limit_reached");
        earn("bob", 99);
        assertRefused(redeem("bob", "mug"), 409, "insufficient_points");

        assertThat(balance("ann")).isEqualTo(50);
        assertThat(balance("bob")).isEqualTo(99);
        assertThat(http.get("/v1/users/ann/redemptions", service).json().path("items")).hasSize(1);
        assertThat(http.get("/v1/users/bob/redemptions", service).json().path("items")).isEmpty();
        assertThat(reward("none").path("remaining").asLong()).isZero();
        assertThat(reward("mug").path("redeemed").asLong()).isEqualTo(1);
        assertThat(reward("mug").path("remaining").isNull()).isTrue();
    }

    private static void assertRefused(Http.Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.error()).as(answer.body()).isEqualTo(error);
        assertThat(answer.header("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
    }

    @Test
    void badDefinitionsAnswer400NamingTheMember() {
        assertInvalid("{\"cost\":100}", "points_system");
        assertInvalid("{\"points_system\":\"coins\"}", "cost");
        assertInvalid("{\"points_system\":\"coins\",\"cost\":0}", "cost");
        assertInvalid("{\"points_system\":\"coins\",\"cost\":\"ten\"}", "cost");
        assertInvalid("{\"points_system\":\"coins\",\"cost\":1,\"stock\":-1}", "stock");
        assertInvalid("{\"points_system\":\"coins\",\"cost\":1,\"per_user_limit\":0}", "per_user_limit");
        assertInvalid("{\"points_system\":\"coins\",\"cost\":1,\"available_from\":\"tomorrow\"}", "available_from");
        assertInvalid("{\"points_system\":\"coins\",\"cost\":1,\"available_from\":\"2037-12-21T00:00:00Z\","
                + "\"available_until\":\"2037-12-20T00:00:00Z\"}", "available_until");
        assertInvalid("{\"points_system\":\"coins\",\"cost\":1,\"level_required\":3}", "level_required");
        assertInvalid("{\"points_system\":\"coins\",\"cost\":1,\"colour\":\"red\"}", "colour");
        Http.Answer unknown = http.send("PUT", "/v1/rewards/mug", "{\"points_system\":\"gems\",\"cost\":1}", admin);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.error()).isEqualTo("unknown_rule");
        assertThat(unknown.json().path("field").asText()).isEqualTo("points_system");
        assertThat(http.get("/v1/rewards/mug", admin).status()).as("nothing was written").isEqualTo(404);
        assertThat(http.send("PUT", "/v1/rewards/mug", "{\"points_system\":\"coins\",\"cost\":1}", service).status())
                .as("defining needs admin").isEqualTo(403);
        assertThat(http.get("/v1/users/ann/redemptions?status=lost", service).json().path("field").asText())
                .isEqualTo("status");
    }

    private void assertInvalid(String body, String field) {
        Http.Answer answer = http.send("PUT", "/v1/rewards/mug", body, admin);
        assertThat(answer.status()).as(body + " -> " + answer.body()).isEqualTo(400);
        assertThat(answer.json().path("field").asText()).as(answer.body()).isEqualTo(field);
    }

    @Test
    void theSameIdempotencyKeyChargesOnceAndReplaysTheAnswer() {
        game.put("/v1/rewards/mug", "{\"points_system\":\"coins\",\"cost\":100}");
        earn("ann", 500);
        String[] headers = {"Authorization", service[1], "Idempotency-Key", "redeem-1"};

        Http.Answer first = redeem("ann", "mug", headers);
        Http.Answer second = redeem("ann", "mug", headers);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().path("idempotent_replayed").asBoolean()).isTrue();
        assertThat(second.json().path("redemption").path("id")).isEqualTo(first.json().path("redemption").path("id"));
        assertThat(balance("ann")).isEqualTo(400);
        Http.Answer reused = http.post("/v1/users/ann/rewards/other/redeem", "", headers);
        assertThat(reused.error()).isEqualTo("idempotency_conflict");
    }

    @Test
    void aUserRedeemsForThemselvesButNotForAnother() {
        game.put("/v1/rewards/mug", "{\"points_system\":\"coins\",\"cost\":100}");
        earn("ann", 500);
        earn("bob", 500);
        String[] ann = Http.bearer(app.token().subject("ann").scopes("read", "write").build());

        assertThat(redeem("me", "mug", ann).status()).isEqualTo(201);
        assertThat(redeem("bob", "mug", ann).status()).isEqualTo(403);
        assertThat(http.get("/v1/users/me/redemptions", ann).json().path("items")).hasSize(1);
        assertThat(http.post("/v1/redemptions/" + http.get("/v1/users/me/redemptions", ann).json().path("items").get(0)
                .path("id").asText() + "/cancel", "", ann).status()).as("cancelling is the application's").isEqualTo(403);
        assertThat(balance("bob")).isEqualTo(500);
    }

    @Test
    void listsAreNewestFirstPagedAndFiltered() {
        game.put("/v1/rewards/mug", "{\"points_system\":\"coins\",\"cost\":10}")
                .put("/v1/rewards/pen", "{\"points_system\":\"coins\",\"cost\":10}");
        earn("ann", 100);
        earn("bob", 100);
        for (String[] redemption : new String[][] {{"ann", "mug"}, {"ann", "pen"}, {"bob", "mug"}, {"ann", "mug"}}) {
            ludus.clock().advance(java.time.Duration.ofSeconds(1));
            assertThat(redeem(redemption[0], redemption[1]).status()).isEqualTo(201);
        }
        List<String> annIds = ids(http.get("/v1/users/ann/redemptions?limit=2", service).json());
        JsonNode firstPage = http.get("/v1/users/ann/redemptions?limit=2", service).json();
        JsonNode secondPage = http.get("/v1/users/ann/redemptions?limit=2&cursor="
                + firstPage.path("next_cursor").asText(), service).json();
        assertThat(annIds).hasSize(2);
        assertThat(secondPage.path("items")).hasSize(1);
        assertThat(secondPage.path("next_cursor").isNull()).isTrue();
        assertThat(secondPage.path("items").get(0).path("reward").asText()).as("the oldest last").isEqualTo("mug");
        assertThat(firstPage.path("items").get(0).path("created_at").asText())
                .isGreaterThan(firstPage.path("items").get(1).path("created_at").asText());

        JsonNode mugs = http.get("/v1/rewards/mug/redemptions", service).json();
        assertThat(mugs.path("items")).extracting(item -> item.path("user_id").asText()).containsExactly("ann", "bob", "ann");
        String bobs = mugs.path("items").get(1).path("id").asText();
        http.post("/v1/redemptions/" + bobs + "/cancel", "", service);
        assertThat(ids(http.get("/v1/rewards/mug/redemptions?status=cancelled", service).json())).containsExactly(bobs);
        assertThat(ids(http.get("/v1/rewards/mug/redemptions?status=pending", service).json())).hasSize(2);
        assertThat(http.get("/v1/redemptions/rdm_unknown", service).status()).isEqualTo(404);
    }

    @Test
    void redemptionsOfOneInstantListInTheOrderTheyWereMade() {
        game.put("/v1/rewards/mug", "{\"points_system\":\"coins\",\"cost\":1}");
        earn("ann", 100);
        List<String> made = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            made.add(0, redeem("ann", "mug").json().path("redemption").path("id").asText());
        }

        assertThat(ids(http.get("/v1/users/ann/redemptions?limit=100", service).json())).containsExactlyElementsOf(made);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new java.util.ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    @Test
    void aRedemptionIsAnnouncedByWebhook() {
        game.put("/v1/rewards/mug", "{\"points_system\":\"coins\",\"cost\":100}");
        Http.Answer endpoint = http.post("/v1/webhooks", "{\"url\":\"" + receiver.url()
                + "\",\"event_types\":[\"reward.redeemed\"]}", admin);
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
        earn("ann", 500);

        String id = redeem("ann", "mug").json().path("redemption").path("id").asText();

        WebhookReceiver.Received received = receiver.await(1).getFirst();
        assertThat(received.type()).isEqualTo("reward.redeemed");
        JsonNode data = received.json().path("data");
        assertThat(data.path("user_id").asText()).isEqualTo("ann");
        assertThat(data.path("redemption").path("id").asText()).isEqualTo(id);
        assertThat(data.path("redemption").path("reward").asText()).isEqualTo("mug");
        assertThat(data.path("redemption").path("cost").asLong()).isEqualTo(100);
        assertThat(data.path("redemption").path("status").asText()).isEqualTo("pending");
    }
}
