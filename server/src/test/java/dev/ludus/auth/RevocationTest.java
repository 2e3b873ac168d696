package dev.ludus.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Row 8 of the validation table: revoked tokens answer {@code token_revoked}, durably and on every node. */
class RevocationTest {

    private TestLudus ludus;
    private TestApp app;
    private String admin;

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        app = ludus.createApp();
        admin = app.tokenWith("admin");
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    private Http.Answer revoke(String body) {
        return ludus.http().post("/v1/auth/revocations", body, Http.bearer(admin));
    }

    private Http.Answer verify(String token) {
        return ludus.http().get("/v1/auth/verify", Http.bearer(token));
    }

    @Test
    void revokedJtiAnswersTokenRevoked() {
        String token = app.token().jti("t-1").build();
        String sibling = app.token().jti("t-2").build();

        Http.Answer answer = revoke("{\"jti\":\"t-1\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Http.Answer refused = verify(token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.error()).isEqualTo("token_revoked");
        assertThat(refused.header("WWW-Authenticate")).hasValueSatisfying(c -> assertThat(c).contains("error=\"invalid_token\""));
        assertThat(verify(sibling).status()).isEqualTo(200);
    }

    @Test
    void revokingAWholeTokenUsesItsJti() {
        String token = app.token().jti("whole-1").build();
        assertThat(revoke("{\"token\":\"" + token + "\"}").status()).isEqualTo(200);
        assertThat(verify(token).error()).isEqualTo("token_revoked");
    }

    @Test
    void refusesToRevokeATokenOfAnotherApplication() {
        TestApp other = ludus.createApp();
        Http.Answer answer = revoke("{\"token\":\"" + other.token().jti("x").build() + "\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("field").asText()).isEqualTo("token");
    }

    @Test
    void revokingASubjectRefusesItsEarlierTokensOnly() {
        String alice = app.token().subject("alice").build();
        String bob = app.token().subject("bob").build();

        assertThat(revoke("{\"subject\":\"alice\"}").status()).isEqualTo(200);

        assertThat(verify(alice).error()).isEqualTo("token_revoked");
        assertThat(verify(bob).status()).isEqualTo(200);
        ludus.clock().advance(Duration.ofSeconds(2));
        assertThat(verify(app.token().subject("alice").build()).status()).isEqualTo(200);
    }

    @Test
    void revokingAllRefusesEveryEarlierTokenOfTheApplication() {
        String alice = app.token().subject("alice").build();
        TestApp other = ludus.createApp();
        String otherToken = other.tokenWith("read");

        assertThat(revoke("{\"all\":true}").status()).isEqualTo(200);

        assertThat(verify(alice).error()).isEqualTo("token_revoked");
        assertThat(verify(admin).error()).isEqualTo("token_revoked");
        assertThat(verify(otherToken).status()).isEqualTo(200);
        ludus.clock().advance(Duration.ofSeconds(2));
        assertThat(verify(app.tokenWith("read")).status()).isEqualTo(200);
    }

    @Test
    void revocationNeedsTheAdminScope() {
        Http.Answer answer = ludus.http().post("/v1/auth/revocations", "{\"all\":true}", Http.bearer(app.tokenWith("write")));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.error()).isEqualTo("insufficient_permissions");
    }

    @Test
    void refusesRevocationBodiesThatAreNotExactlyOneKind() {
        assertThat(revoke("{}").status()).isEqualTo(400);
        assertThat(revoke("{\"jti\":\"a\",\"subject\":\"b\"}").status()).isEqualTo(400);
        assertThat(revoke("{\"all\":false}").json().path("field").asText()).isEqualTo("all");
        assertThat(revoke("{\"jti\":5}").json().path("field").asText()).isEqualTo("jti");
        assertThat(revoke("{\"everything\":true}").json().path("field").asText()).isEqualTo("everything");
    }

    @Test
    void revocationsSurviveARestart() {
        String token = app.token().jti("durable").build();
        String carol = app.token().subject("carol").build();
        revoke("{\"jti\":\"durable\"}");
        revoke("{\"subject\":\"carol\"}");

        ludus.restart();

        assertThat(verify(token).error()).isEqualTo("token_revoked");
        assertThat(verify(carol).error()).isEqualTo("token_revoked");
        assertThat(verify(app.token().jti("fresh").build()).status()).isEqualTo(200);
    }

    @Test
    void revocationMadeOnOneNodeHoldsOnAnotherWithinTheFeedInterval() throws InterruptedException {
        assumeThat(TestStore.postgresql()).as("nodes share a store only on PostgreSQL").isTrue();
        TestLudus other = ludus.secondNode();
        try {
            String token = app.token().jti("cross-node").build();
            assertThat(other.http().get("/v1/auth/verify", Http.bearer(token)).status()).isEqualTo(200);

            revoke("{\"jti\":\"cross-node\"}");

            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            Http.Answer answer;
            do {
                Thread.sleep(100);
                answer = other.http().get("/v1/auth/verify", Http.bearer(token));
            } while (answer.status() == 200 && System.nanoTime() < deadline);
            assertThat(answer.error()).isEqualTo("token_revoked");
        } finally {
            other.stop();
        }
    }
}
