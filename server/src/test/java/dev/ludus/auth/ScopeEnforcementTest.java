package dev.ludus.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Row 9 of the validation table: the endpoint's scope, and the application's default scopes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopeEnforcementTest {

    private TestLudus ludus;
    private Http http;

    @BeforeAll
    void start() {
        ludus = TestLudus.start();
        http = ludus.http();
    }

    @AfterAll
    void stop() {
        ludus.close();
    }

    @Test
    void refusesAdminEndpointToReadWriteTokenWith403() {
        TestApp app = ludus.createApp();
        Http.Answer answer = http.get("/v1/application", Http.bearer(app.tokenWith("read", "write")));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.error()).isEqualTo("insufficient_permissions");
        assertThat(answer.json().path("required_scope").asText()).isEqualTo("admin");
        assertThat(answer.header("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge)
                .startsWith("Bearer realm=\"ludus\"")
                .contains("error=\"insufficient_scope\"")
                .contains("scope=\"admin\""));
    }

    @Test
    void usersWriteDoesNotGrantAdmin() {
        TestApp app = ludus.createApp();
        assertThat(http.get("/v1/application", Http.bearer(app.tokenWith("users:read", "users:write"))).status())
                .isEqualTo(403);
    }

    @Test
    void grantsAdminEndpointToAdminToken() {
        TestApp app = ludus.createApp();
        assertThat(http.get("/v1/application", Http.bearer(app.tokenWith("admin"))).status()).isEqualTo(200);
    }

    @Test
    void tokenWithoutScopeGetsTheApplicationDefaults() {
        TestApp app = ludus.createApp();
        String unscoped = app.token().build();

        Http.Answer before = http.get("/v1/auth/verify", Http.bearer(unscoped));
        assertThat(before.json().path("scopes").toString()).isEqualTo("[\"read\",\"write\"]");
        assertThat(http.get("/v1/application", Http.bearer(unscoped)).status()).isEqualTo(403);

        Http.Answer patched = http.patch("/v1/application", "{\"default_scopes\":[\"users:read\",\"admin\"]}",
                Http.bearer(app.tokenWith("admin")));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);

        Http.Answer after = http.get("/v1/auth/verify", Http.bearer(unscoped));
        assertThat(after.json().path("scopes").toString()).isEqualTo("[\"users:read\",\"admin\"]");
        assertThat(http.get("/v1/application", Http.bearer(unscoped)).status()).isEqualTo(200);
    }

    @Test
    void emptyScopeArrayGrantsNothing() {
        TestApp app = ludus.createApp();
        String token = app.token().scopes().build();
        Http.Answer verify = http.get("/v1/auth/verify", Http.bearer(token));
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.json().path("scopes").size()).isZero();
        assertThat(http.get("/v1/application", Http.bearer(token)).status()).isEqualTo(403);
    }

    @Test
    void unknownScopeNamesAreIgnored() {
        TestApp app = ludus.createApp();
        Http.Answer verify = http.get("/v1/auth/verify", Http.bearer(app.tokenWith("read", "superuser")));
        assertThat(verify.json().path("scopes").toString()).isEqualTo("[\"read\"]");
    }

    @Test
    void authFailuresAreCountedByErrorCode() {
        TestApp app = ludus.createApp();
        http.get("/v1/application", Http.bearer(app.tokenWith("read")));
        http.get("/v1/auth/verify", Http.bearer(app.token().without("sub").build()));

        String metrics = http.get("/metrics").body();
        assertThat(metrics).containsPattern("ludus_auth_failures_total\\{error=\"insufficient_permissions\"} [1-9]");
        assertThat(metrics).containsPattern("ludus_auth_failures_total\\{error=\"missing_required_claim\"} [1-9]");
    }
}
