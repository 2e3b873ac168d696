package dev.ludus.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Row 9 of the validation table: the endpoint's scope, and the application's default scopes. */
class ScopeEnforcementTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    @Test
    void refusesAdminEndpointToReadWriteTokenWith403() {
        TestApp app = server.ludus().createApp();
        Http.Answer answer = server.http().get("/v1/application", Http.bearer(app.tokenWith("read", "write")));

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
        TestApp app = server.ludus().createApp();
        assertThat(server.http().get("/v1/application", Http.bearer(app.tokenWith("users:read", "users:write"))).status())
                .isEqualTo(403);
    }

    @Test
    void grantsAdminEndpointToAdminToken() {
        TestApp app = server.ludus().createApp();
        assertThat(server.http().get("/v1/application", Http.bearer(app.tokenWith("admin"))).status()).isEqualTo(200);
    }

    @Test
    void tokenWithoutScopeGetsTheApplicationDefaults() {
        TestApp app = server.ludus().createApp();
        String unscoped = app.token().build();

        Http.Answer before = server.http().get("/v1/auth/verify", Http.bearer(unscoped));
        assertThat(before.json().path("scopes").toString()).isEqualTo("[\"read\",\"write\"]");
        assertThat(server.http().get("/v1/application", Http.bearer(unscoped)).status()).isEqualTo(403);

        Http.Answer patched = server.http().patch("/v1/application", "{\"default_scopes\":[\"users:read\",\"admin\"]}",
                Http.bearer(app.tokenWith("admin")));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);

        Http.Answer after = server.http().get("/v1/auth/verify", Http.bearer(unscoped));
        assertThat(after.json().path("scopes").toString()).isEqualTo("[\"users:read\",\"admin\"]");
        assertThat(server.http().get("/v1/application", Http.bearer(unscoped)).status()).isEqualTo(200);
    }

    @Test
    void emptyScopeArrayGrantsNothing() {
        TestApp app = server.ludus().createApp();
        String token = app.token().scopes().build();
        Http.Answer verify = server.http().get("/v1/auth/verify", Http.bearer(token));
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.json().path("scopes").size()).isZero();
        assertThat(server.http().get("/v1/application", Http.bearer(token)).status()).isEqualTo(403);
    }

    @Test
    void unknownScopeNamesAreIgnored() {
        TestApp app = server.ludus().createApp();
        Http.Answer verify = server.http().get("/v1/auth/verify", Http.bearer(app.tokenWith("read", "superuser")));
        assertThat(verify.json().path("scopes").toString()).isEqualTo("[\"read\"]");
    }

    @Test
    void authFailuresAreCountedByErrorCode() {
        TestApp app = server.ludus().createApp();
        server.http().get("/v1/application", Http.bearer(app.tokenWith("read")));
        server.http().get("/v1/auth/verify", Http.bearer(app.token().without("sub").build()));

        String metrics = server.http().get("/metrics").body();
        assertThat(metrics).containsPattern("ludus_auth_failures_total\\{error=\"insufficient_permissions\"} [1-9]");
        assertThat(metrics).containsPattern("ludus_auth_failures_total\\{error=\"missing_required_claim\"} [1-9]");
    }
}
