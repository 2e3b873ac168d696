package dev.ludus.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.Tokens;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API secret rotation with a grace period, and the emergency refresh that kills the old secret at once. */
class SecretRotationTest {

    private TestLudus ludus;
    private TestApp app;
    private Http http;

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        app = ludus.createApp();
        http = ludus.http();
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    private String rotate(String body) {
        Http.Answer answer = http.post("/admin/v1/applications/" + app.applicationId() + "/secret/rotate", body,
                TestLudus.operator());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("api_secret").asText();
    }

    private int verifyWith(String secret) {
        return ludus.http().get("/v1/auth/verify", Http.bearer(app.token().secret(secret).build())).status();
    }

    private String errorWith(String secret) {
        return ludus.http().get("/v1/auth/verify", Http.bearer(app.token().secret(secret).build())).error();
    }

    @Test
    void rotationKeepsTheOldSecretValidForTheDefaultDay() {
        Http.Answer answer = http.post("/admin/v1/applications/" + app.applicationId() + "/secret/rotate", null,
                TestLudus.operator());
        assertThat(answer.status()).isEqualTo(200);
        String fresh = answer.json().path("api_secret").asText();
        assertThat(fresh).startsWith("sk_").isNotEqualTo(app.apiSecret());
        assertThat(Instant.parse(answer.json().path("previous_secret_expires_at").asText()))
                .isEqualTo(ludus.clock().instant().plus(Duration.ofHours(24)));

        assertThat(verifyWith(fresh)).isEqualTo(200);
        assertThat(verifyWith(app.apiSecret())).isEqualTo(200);

        ludus.clock().advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(verifyWith(app.apiSecret())).isEqualTo(200);
        ludus.clock().advance(Duration.ofSeconds(1));
        assertThat(errorWith(app.apiSecret())).isEqualTo("invalid_signature");
        assertThat(verifyWith(fresh)).isEqualTo(200);
    }

    @Test
    void rotationWithCustomGraceEndsWhenItSays() {
        rotate("{\"grace_seconds\":60}");
        ludus.clock().advance(Duration.ofSeconds(59));
        assertThat(verifyWith(app.apiSecret())).isEqualTo(200);
        ludus.clock().advance(Duration.ofSeconds(1));
        assertThat(errorWith(app.apiSecret())).isEqualTo("invalid_signature");
    }

    @Test
    void emergencyRefreshKillsTheOldSecretAtOnce() {
        String old = app.token().build();
        String fresh = rotate("{\"grace_seconds\":0}");

        Http.Answer answer = http.get("/v1/auth/verify", Http.bearer(old));
        assertThat(answer.error()).isEqualTo("invalid_signature");
        assertThat(verifyWith(fresh)).isEqualTo(200);
    }

    @Test
    void aSecondRotationEndsTheFirstGracePeriod() {
        String second = rotate("{}");
        String third = rotate("{}");

        assertThat(errorWith(app.apiSecret())).isEqualTo("invalid_signature");
        assertThat(verifyWith(second)).isEqualTo(200);
        assertThat(verifyWith(third)).isEqualTo(200);
    }

    @Test
    void adminTokenCanRotateItsOwnApplicationsSecret() {
        Http.Answer answer = http.post("/v1/application/secret/rotate", "{\"grace_seconds\":0}",
                Http.bearer(app.tokenWith("admin")));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(errorWith(app.apiSecret())).isEqualTo("invalid_signature");
        assertThat(verifyWith(answer.json().path("api_secret").asText())).isEqualTo(200);
    }

    @Test
    void rotationSurvivesARestart() {
        String fresh = rotate("{\"grace_seconds\":3600}");
        ludus.restart();
        assertThat(verifyWith(fresh)).isEqualTo(200);
        assertThat(verifyWith(app.apiSecret())).isEqualTo(200);
    }

    @Test
    void refusesBadGracePeriods() {
        String path = "/admin/v1/applications/" + app.applicationId() + "/secret/rotate";
        for (String body : new String[] {"{\"grace_seconds\":-1}", "{\"grace_seconds\":\"soon\"}",
                "{\"grace_seconds\":1.5}", "{\"grace_seconds\":99999999999}"}) {
            Http.Answer answer = http.post(path, body, TestLudus.operator());
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().path("field").asText()).isEqualTo("grace_seconds");
        }
        assertThat(verifyWith(app.apiSecret())).isEqualTo(200);
    }

    @Test
    void rotatingAnUnknownApplicationIs404() {
        Http.Answer answer = http.post("/admin/v1/applications/app_nope/secret/rotate", "{}", TestLudus.operator());
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.error()).isEqualTo("not_found");
    }

    @Test
    void secretsAreLongRandomStrings() {
        assertThat(app.apiSecret()).matches("sk_[A-Za-z0-9_-]{43}");
        assertThat(app.clientSecret()).matches("cs_[A-Za-z0-9_-]{43}");
        assertThat(Tokens.base64url(new byte[32])).hasSize(43);
    }
}
