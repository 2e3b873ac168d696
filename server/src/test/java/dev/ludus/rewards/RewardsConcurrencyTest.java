package dev.ludus.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.AtOnce;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Redemptions at once: the last unit of stock goes to exactly one of 200 users, a user who redeems
 * twice at once with one idempotency key is charged once, and a cancellation raced by a fulfilment
 * settles once; on one node, and on two nodes sharing one PostgreSQL.
 */
class RewardsConcurrencyTest {

    private static final int USERS = 200;

    @Test
    void theLastUnitGoesToExactlyOneOf200ConcurrentRedemptions() throws Exception {
        try (TestLudus ludus = TestLudus.start()) {
            lastUnit(ludus, i -> ludus.http());
        }
    }

    @Test
    void theLastUnitGoesToExactlyOneAcrossTwoNodes() throws Exception {
        assumeTrue(TestStore.postgresql(), "two nodes need a shared PostgreSQL; SQLite is single-node");
        try (TestLudus first = TestLudus.start()) {
            TestLudus second = first.secondNode();
            try {
                lastUnit(first, i -> i % 2 == 0 ? first.http() : second.http());
            } finally {
                second.stop();
            }
        }
    }

    @Test
    void oneKeyTwiceAtOnceChargesOnce() throws Exception {
        try (TestLudus ludus = TestLudus.start()) {
            sameKeyAtOnce(ludus, i -> ludus.http());
        }
    }

    @Test
    void oneKeyTwiceAtOnceOnTwoNodesChargesOnce() throws Exception {
        assumeTrue(TestStore.postgresql(), "two nodes need a shared PostgreSQL; SQLite is single-node");
        try (TestLudus first = TestLudus.start()) {
            TestLudus second = first.secondNode();
            try {
                sameKeyAtOnce(first, i -> i % 2 == 0 ? first.http() : second.http());
            } finally {
                second.stop();
            }
        }
    }

    private static void lastUnit(TestLudus ludus, IntFunction<Http> node) throws Exception {
        TestApp app = ludus.createApp();
        String[] service = Http.bearer(app.tokenWith("users:write", "users:read"));
        GameSetup game = game(ludus, app).put("/v1/rewards/last", "{\"points_system\":\"coins\",\"cost\":100,\"stock\":1}");
        StringBuilder events = new StringBuilder("{\"events\":[");
        for (int i = 0; i < USERS; i++) {
            events.append(i == 0 ? "" : ",").append("{\"metric\":\"steps\",\"user_id\":\"u").append(i)
                    .append("\",\"value\":100}");
        }
        Http.Answer earned = ludus.http().post("/v1/events/batch", events.append("]}").toString(), service);
        assertThat(earned.status()).as(earned.body()).isEqualTo(200);

        List<Http.Answer> answers = AtOnce.run(USERS, i -> node.apply(i).post("/v1/users/u" + i + "/rewards/last/redeem",
                "", service));

        assertThat(answers).filteredOn(answer -> answer.status() == 201).as("exactly one wins").hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.status() == 409)
                .extracting(Http.Answer::error).hasSize(USERS - 1).containsOnly("out_of_stock");
        String winner = answers.stream().filter(answer -> answer.status() == 201).findFirst().orElseThrow()
                .json().path("redemption").path("user_id").asText();
        JsonNode reward = ludus.http().get("/v1/rewards/last", game.admin()).json();
        assertThat(reward.path("redeemed").asLong()).isEqualTo(1);
        assertThat(reward.path("remaining").asLong()).isZero();
        assertThat(ludus.http().get("/v1/rewards/last/redemptions", service).json().path("items")).hasSize(1);
        for (int i = 0; i < USERS; i++) {
            long expected = ("u" + i).equals(winner) ? 0 : 100;
            assertThat(balance(ludus.http(), "u" + i, service)).as("u%d's balance", i).isEqualTo(expected);
        }
    }

    private static void sameKeyAtOnce(TestLudus ludus, IntFunction<Http> node) throws Exception {
        TestApp app = ludus.createApp();
        String[] service = Http.bearer(app.tokenWith("users:write", "users:read"));
        game(ludus, app).put("/v1/rewards/mug", "{\"points_system\":\"coins\",\"cost\":100}").event("ann", "steps", 1_000);
        for (int round = 0; round < 10; round++) {
            String key = "key-" + round;
            List<Http.Answer> answers = AtOnce.run(2, i -> node.apply(i).post("/v1/users/ann/rewards/mug/redeem", "",
                    "Authorization", service[1], "Idempotency-Key", key));
            assertThat(answers).extracting(Http.Answer::status).containsOnly(201);
            assertThat(answers.stream().map(answer -> answer.json().path("redemption").path("id").asText()).distinct())
                    .as("one redemption, answered twice").hasSize(1);
            assertThat(answers).extracting(answer -> answer.json().path("idempotent_replayed").asBoolean())
                    .as("the second is the first's answer, replayed").containsExactlyInAnyOrder(false, true);
        }
        assertThat(balance(ludus.http(), "ann", service)).as("ten keys, ten charges").isEqualTo(0);
        assertThat(ludus.http().get("/v1/users/ann/redemptions?limit=100", service).json().path("items")).hasSize(10);
    }

    private static GameSetup game(TestLudus ludus, TestApp app) {
        return new GameSetup(ludus.http(), app).metric("steps")
                .put("/v1/points/coins", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}");
    }

    private static long balance(Http http, String user, String[] headers) {
        JsonNode points = http.get("/v1/users/" + user + "/progress", headers).json().path("points");
        return points.get(0).path("balance").asLong();
    }
}
