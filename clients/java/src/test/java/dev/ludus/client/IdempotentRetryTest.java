package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.testing.LudusServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writes whose answer is lost on the way back (a {@link FaultyProxy} in front of the real server):
 * the client sends them again with the same idempotency key, and the server applies them once.
 */
class IdempotentRetryTest {

    @RegisterExtension
    static final LudusServer shared = new LudusServer();
    private Game game;
    private FaultyProxy proxy;
    private LudusClient client;

    @BeforeEach
    void proxiedClient() {
        game = Game.withRules(shared.ludus());
        proxy = new FaultyProxy(shared.ludus().baseUrl());
        client = Game.builder(shared.ludus(), game.app).baseUrl(proxy.baseUrl())
                .requestTimeout(Duration.ofSeconds(1))
                .build();
    }

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    @Test
    void aGeneratedKeyIsReusedWhenA503IsRetried() {
        proxy.failNext("POST", "/v1/events", FaultyProxy.Fault.ANSWER_503);

        EventAnswer answer = client.events().send(Event.builder("steps").userId("ann").value(1200).build());

        List<FaultyProxy.Seen> sent = proxy.seen("/v1/events");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).idempotencyKey()).isNotNull().isEqualTo(sent.get(1).idempotencyKey());
        assertThat(UUID.fromString(sent.get(0).idempotencyKey())).as("a UUID in canonical form")
                .hasToString(sent.get(0).idempotencyKey());
        assertThat(sent.get(1).body()).isEqualTo(sent.get(0).body());
        assertThat(answer.idempotentReplayed()).isTrue();
        assertThat(answer.metric().total()).isEqualByComparingTo("1200");
        assertThat(answer.points()).containsExactly(new PointsChange("xp", 220, 220, false));
        assertThat(totalOfSteps("ann")).isEqualByComparingTo("1200");
    }

    @Test
    void aGeneratedKeyIsReusedWhenATimeoutIsRetried() {
        proxy.failNext("POST", "/v1/events", FaultyProxy.Fault.ANSWER_LATE);

        EventAnswer answer = client.events().send(Event.builder("steps").userId("ben").value(300).build());

        List<FaultyProxy.Seen> sent = proxy.seen("/v1/events");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).idempotencyKey()).isEqualTo(sent.get(0).idempotencyKey());
        assertThat(answer.idempotentReplayed()).isTrue();
        assertThat(totalOfSteps("ben")).isEqualByComparingTo("300");
    }

    @Test
    void anExplicitKeyIsTheOneSentOnEveryAttempt() {
        proxy.failNext("POST", "/v1/events", FaultyProxy.Fault.ANSWER_503);

        EventAnswer answer = client.events().send(Event.builder("steps").userId("cy").idempotencyKey("order-42").build());

        assertThat(proxy.seen("/v1/events")).extracting(FaultyProxy.Seen::idempotencyKey)
                .containsExactly("order-42", "order-42");
        assertThat(answer.idempotentReplayed()).isTrue();
        assertThat(totalOfSteps("cy")).isEqualByComparingTo("1");
    }

    @Test
    void aBatchIsSentAgainWithTheSameKeys() {
        proxy.failNext("POST", "/v1/events/batch", FaultyProxy.Fault.ANSWER_LATE);

        List<BatchResult> results = client.events().sendBatch(List.of(
                Event.builder("steps").userId("dee").value(100).build(),
                Event.builder("steps").userId("eve").value(200).build()));

        List<FaultyProxy.Seen> sent = proxy.seen("/v1/events/batch");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).body()).isEqualTo(sent.get(0).body()).contains("\"idempotency_key\"");
        assertThat(results).allSatisfy(result -> assertThat(result.body().idempotentReplayed()).isTrue());
        assertThat(totalOfSteps("dee")).isEqualByComparingTo("100");
        assertThat(totalOfSteps("eve")).isEqualByComparingTo("200");
    }

    @Test
    void aGrantWhoseAnswerWasLostIsPaidOnce() {
        String path = "/v1/users/fay/points/coins/adjust";
        proxy.failNext("POST", path, FaultyProxy.Fault.ANSWER_503);

        PointsAdjustment grant = client.users().adjustPoints("fay", "coins", 100, "welcome");

        assertThat(proxy.seen(path)).hasSize(2);
        assertThat(proxy.seen(path).get(1).idempotencyKey()).isEqualTo(proxy.seen(path).get(0).idempotencyKey());
        assertThat(grant.idempotentReplayed()).isTrue();
        assertThat(game.server.users().progress("fay").points()).filteredOn(points -> points.system().equals("coins"))
                .singleElement().satisfies(coins -> assertThat(coins.balance()).isEqualTo(100));
    }

    @Test
    void aFreezeGrantWhoseAnswerWasLostIsGivenOnce() {
        game.admin.streaks().put("daily_walk", StreakDefinition.builder(StreakDefinition.Period.DAILY)
                .condition("steps", new BigDecimal("1000")).freezes(0, 0, 5).build());
        String path = "/v1/users/ivy/streaks/daily_walk/freezes";
        proxy.failNext("POST", path, FaultyProxy.Fault.ANSWER_LATE);

        FreezeGrant grant = client.users().grantFreezes("ivy", "daily_walk", 2);

        assertThat(proxy.seen(path)).hasSize(2);
        assertThat(proxy.seen(path).get(1).idempotencyKey()).isNotNull()
                .isEqualTo(proxy.seen(path).get(0).idempotencyKey());
        assertThat(grant.idempotentReplayed()).isTrue();
        assertThat(game.server.users().streak("ivy", "daily_walk").freezes()).isEqualTo(2);
    }

    @Test
    void callsWithoutAKeyAreNotSentAgainAfterATimeout() {
        proxy.failNext("PUT", "/v1/users/gil", FaultyProxy.Fault.ANSWER_LATE);

        assertThatThrownBy(() -> client.users().put("gil", new UserProfile("Gil", null, null, null)))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.error()).isEqualTo("timeout"));
        assertThat(proxy.seen("/v1/users/gil")).hasSize(1);
    }

    @Test
    void withoutRetriesTheTimeoutIsThrown() {
        LudusClient noRetries = Game.builder(shared.ludus(), game.app).baseUrl(proxy.baseUrl())
                .requestTimeout(Duration.ofSeconds(1)).maxRetries(0).build();
        proxy.failNext("POST", "/v1/events", FaultyProxy.Fault.ANSWER_LATE);

        assertThatThrownBy(() -> noRetries.events().send(Event.builder("steps").userId("hal").build()))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.error()).isEqualTo("timeout");
                });
        assertThat(proxy.seen("/v1/events")).hasSize(1);
    }

    private BigDecimal totalOfSteps(String userId) {
        return game.server.users().progress(userId).metrics().stream().filter(metric -> metric.key().equals("steps"))
                .findFirst().orElseThrow().total();
    }
}
