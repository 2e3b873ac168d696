package dev.ludus.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A token verified once is remembered; each of these changes must still refuse it on its next use,
 * exactly as if it had never been seen.
 */
class RememberedVerdictTest {

    private TestLudus ludus;
    private TestApp app;

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        app = ludus.createApp();
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    private Http.Answer verifyTwice(String token) {
        Http.Answer first = ludus.http().get("/v1/auth/verify", Http.bearer(token));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        return ludus.http().get("/v1/auth/verify", Http.bearer(token));
    }

    private String error(String token) {
        return ludus.http().get("/v1/auth/verify", Http.bearer(token)).error();
    }

    @Test
    void rememberedTokenStillExpires() {
        long now = ludus.clock().instant().getEpochSecond();
        String token = app.token().issuedAt(now).expiresAt(now + 120).build();
        assertThat(verifyTwice(token).status()).isEqualTo(200);
        ludus.clock().advance(Duration.ofSeconds(180));
        assertThat(error(token)).isEqualTo("token_expired");
    }

    @Test
    void rememberedTokenIsRefusedOnceRevoked() {
        String token = app.token().jti("seen-before").build();
        verifyTwice(token);
        ludus.http().post("/v1/auth/revocations", "{\"jti\":\"seen-before\"}", Http.bearer(app.tokenWith("admin")));
        assertThat(error(token)).isEqualTo("token_revoked");
    }

    @Test
    void rememberedTokenIsRefusedAfterAnEmergencySecretRefresh() {
        String token = app.token().build();
        verifyTwice(token);
        ludus.http().post("/admin/v1/applications/" + app.applicationId() + "/secret/rotate", "{\"grace_seconds\":0}",
                TestLudus.operator());
        assertThat(error(token)).isEqualTo("invalid_signature");
    }

    @Test
    void rememberedTokenIsRefusedWhenItsSecretsGraceEnds() {
        String token = app.token().build();
        ludus.http().post("/admin/v1/applications/" + app.applicationId() + "/secret/rotate", "{\"grace_seconds\":300}",
                TestLudus.operator());
        verifyTwice(token);
        ludus.clock().advance(Duration.ofSeconds(300));
        assertThat(error(token)).isEqualTo("invalid_signature");
    }

    @Test
    void rememberedTokenIsRefusedWhenTheApplicationShortensTheLifetime() {
        long now = ludus.clock().instant().getEpochSecond();
        String token = app.token().issuedAt(now).expiresAt(now + 7200).build();
        verifyTwice(token);
        ludus.http().patch("/v1/application", "{\"max_token_lifetime_seconds\":3600}", Http.bearer(app.tokenWith("admin")));
        assertThat(error(token)).isEqualTo("invalid_token");
    }

    @Test
    void rememberedServerTokenSurvivesKeyRotationAndIsInvalidatedLikeAnyOther() {
        String token = ludus.http().post("/v1/auth_token", null, app.basic()).json().path("token").asText();
        verifyTwice(token);
        ludus.http().post("/admin/v1/signing_keys/rotate", null, TestLudus.operator());
        assertThat(verifyTwice(token).status()).isEqualTo(200);
        ludus.http().send("DELETE", "/v1/auth_token", null, Http.bearer(token));
        assertThat(error(token)).isEqualTo("token_revoked");
    }
}
