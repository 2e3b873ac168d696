package dev.ludus.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET} and {@code PATCH /v1/application}: settings, never secrets. */
class ApplicationSettingsTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    @Test
    void showsTheApplicationWithoutSecrets() {
        TestApp app = server.ludus().createApp();
        Http.Answer answer = server.http().get("/v1/application", Http.bearer(app.tokenWith("admin")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("id").asText()).isEqualTo(app.applicationId());
        assertThat(answer.json().path("tenant_id").asText()).isEqualTo(app.tenantId());
        assertThat(answer.json().path("name").asText()).isEqualTo("App");
        assertThat(answer.json().path("default_scopes").toString()).isEqualTo("[\"read\",\"write\"]");
        assertThat(answer.json().path("max_token_lifetime_seconds").asLong()).isEqualTo(86_400);
        assertThat(answer.json().path("ecdsa_enabled").asBoolean()).isTrue();
        assertThat(answer.json().path("client_id").asText()).isEqualTo(app.clientId());
        assertThat(answer.body()).doesNotContain(app.apiSecret()).doesNotContain(app.clientSecret());
    }

    @Test
    void patchChangesOnlyTheGivenSettings() {
        TestApp app = server.ludus().createApp();
        Http.Answer answer = server.http().patch("/v1/application", "{\"name\":\"Renamed\",\"ecdsa_enabled\":false}",
                Http.bearer(app.tokenWith("admin")));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("name").asText()).isEqualTo("Renamed");
        assertThat(answer.json().path("ecdsa_enabled").asBoolean()).isFalse();
        assertThat(answer.json().path("max_token_lifetime_seconds").asLong()).isEqualTo(86_400);
        assertThat(server.http().get("/v1/application", Http.bearer(app.tokenWith("admin"))).json().path("name").asText())
                .isEqualTo("Renamed");
    }

    @Test
    void timezoneIsUtcUntilSet() {
        TestApp app = server.ludus().createApp();
        Http.Answer answer = server.http().get("/v1/application", Http.bearer(app.tokenWith("admin")));

        assertThat(answer.json().path("timezone").asText()).isEqualTo("UTC");
    }

    @Test
    void patchSetsTheTimezoneAndLaterPatchesKeepIt() {
        TestApp app = server.ludus().createApp();
        Http.Answer answer = server.http().patch("/v1/application", "{\"timezone\":\" Europe/Paris \"}",
                Http.bearer(app.tokenWith("admin")));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("timezone").asText()).isEqualTo("Europe/Paris");
        server.http().patch("/v1/application", "{\"name\":\"Renamed\",\"timezone\":null}",
                Http.bearer(app.tokenWith("admin")));
        Http.Answer shown = server.http().get("/v1/application", Http.bearer(app.tokenWith("admin")));
        assertThat(shown.json().path("name").asText()).isEqualTo("Renamed");
        assertThat(shown.json().path("timezone").asText()).isEqualTo("Europe/Paris");

        server.http().patch("/v1/application", "{\"timezone\":\"UTC\"}", Http.bearer(app.tokenWith("admin")));
        assertThat(server.http().get("/v1/application", Http.bearer(app.tokenWith("admin"))).json().path("timezone")
                .asText()).isEqualTo("UTC");
    }

    @Test
    void shorterMaximumLifetimeRefusesLongerTokensAtOnce() {
        TestApp app = server.ludus().createApp();
        long now = server.ludus().clock().instant().getEpochSecond();
        String twoHours = app.token().issuedAt(now).expiresAt(now + 7200).build();
        assertThat(server.http().get("/v1/auth/verify", Http.bearer(twoHours)).status()).isEqualTo(200);

        server.http().patch("/v1/application", "{\"max_token_lifetime_seconds\":3600}", Http.bearer(app.tokenWith("admin")));

        Http.Answer answer = server.http().get("/v1/auth/verify", Http.bearer(twoHours));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.error()).isEqualTo("invalid_token");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"default_scopes\":[\"root\"]}|default_scopes",
        "{\"default_scopes\":[]}|default_scopes",
        "{\"default_scopes\":\"read\"}|default_scopes",
        "{\"max_token_lifetime_seconds\":0}|max_token_lifetime_seconds",
        "{\"max_token_lifetime_seconds\":2592001}|max_token_lifetime_seconds",
        "{\"max_token_lifetime_seconds\":\"1h\"}|max_token_lifetime_seconds",
        "{\"ecdsa_enabled\":\"yes\"}|ecdsa_enabled",
        "{\"timezone\":\"Mars/Olympus_Mons\"}|timezone",
        "{\"timezone\":\"+02:00\"}|timezone",
        "{\"timezone\":\"CET\"}|timezone",
        "{\"timezone\":\"\"}|timezone",
        "{\"timezone\":1}|timezone",
        "{\"name\":\"\"}|name",
        "{\"api_secret\":\"sk_mine\"}|api_secret"})
    void malformedPatchIs400NamingTheFieldAndChangesNothing(String body, String field) {
        TestApp app = server.ludus().createApp();
        Http.Answer answer = server.http().patch("/v1/application", body, Http.bearer(app.tokenWith("admin")));

        assertThat(answer.status()).as(body).isEqualTo(400);
        assertThat(answer.json().path("field").asText()).isEqualTo(field);
        Http.Answer unchanged = server.http().get("/v1/application", Http.bearer(app.tokenWith("admin")));
        assertThat(unchanged.json().path("default_scopes").toString()).isEqualTo("[\"read\",\"write\"]");
        assertThat(unchanged.json().path("max_token_lifetime_seconds").asLong()).isEqualTo(86_400);
        assertThat(unchanged.json().path("timezone").asText()).isEqualTo("UTC");
    }

    @Test
    void invalidTimezoneIs400SayingWhatAZoneLooksLike() {
        TestApp app = server.ludus().createApp();
        Http.Answer answer = server.http().patch("/v1/application", "{\"timezone\":\"Paris\"}",
                Http.bearer(app.tokenWith("admin")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("invalid_request");
        assertThat(answer.json().path("field").asText()).isEqualTo("timezone");
        assertThat(answer.json().path("detail").asText())
                .isEqualTo("'timezone' must be an IANA time zone such as Europe/Paris or UTC");
    }

    @Test
    void operatorCanPatchAnyApplication() {
        TestApp app = server.ludus().createApp();
        Http.Answer answer = server.http().patch("/admin/v1/applications/" + app.applicationId(),
                "{\"default_scopes\":[\"read\"]}", TestLudus.operator());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("default_scopes").toString()).isEqualTo("[\"read\"]");
    }
}
