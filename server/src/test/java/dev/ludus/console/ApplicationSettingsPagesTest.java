package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An application's settings pages over HTTP, as the operator: settings with the API's refusals next to
 * the field, rotations whose new secret is shown once, the emergency refresh behind the typed name,
 * ECDSA keys, revocations, and the server's signing keys.
 */
class ApplicationSettingsPagesTest {

    private static final String ADDRESS = "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf";

    private TestLudus ludus;
    private Http http;
    private TestApp app;
    private ConsoleClient browser;
    private String settings;

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        http = ludus.http();
        app = ludus.createApp();
        browser = new ConsoleClient(ludus).signInWithOperatorKey();
        settings = "/console/apps/" + app.applicationId() + "/settings";
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    private JsonNode application() {
        return http.get("/admin/v1/applications/" + app.applicationId(), TestLudus.operator()).json();
    }

    private ConsoleClient.Page saveSettings(String... overrides) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("name", "App");
        fields.put("max_token_lifetime_seconds", "3600");
        fields.put("timezone", "Europe/Paris");
        for (int i = 0; i < overrides.length; i += 2) {
            fields.put(overrides[i], overrides[i + 1]);
        }
        java.util.List<String> pairs = new java.util.ArrayList<>();
        fields.forEach((name, value) -> {
            pairs.add(name);
            pairs.add(value);
        });
        pairs.addAll(java.util.List.of("default_scopes", "read", "default_scopes", "write", "client_scopes", "users:read"));
        browser.get(settings);
        return browser.post(settings, pairs.toArray(String[]::new));
    }

    private int verify(String apiSecret) {
        TestApp withSecret = new TestApp(app.tenantId(), app.applicationId(), apiSecret, app.clientId(),
                app.clientSecret(), ludus.clock());
        return http.get("/v1/auth/verify", Http.bearer(withSecret.tokenWith("read"))).status();
    }

    @Test
    void savesTheSettingsThroughTheApisService() {
        ConsoleClient.Page saved = saveSettings();

        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(browser.follow(saved.location()).body()).contains("Settings saved.");
        JsonNode after = application();
        assertThat(after.path("max_token_lifetime_seconds").asLong()).isEqualTo(3600);
        assertThat(after.path("timezone").asText()).isEqualTo("Europe/Paris");
        assertThat(after.path("default_scopes").toString()).isEqualTo("[\"read\",\"write\"]");
        assertThat(after.path("client_scopes").toString()).isEqualTo("[\"users:read\"]");
        assertThat(after.path("ecdsa_enabled").asBoolean()).as("unticked").isFalse();
        JsonNode entry = http.get("/admin/v1/audit?action=application.updated", TestLudus.operator()).json()
                .path("items").path(0);
        assertThat(entry.path("application_id").asText()).isEqualTo(app.applicationId());
        assertThat(entry.path("summary").asText()).contains("timezone to Europe/Paris");
    }

    @Test
    void theBrowserOriginsAreOnePerLineNormalisedAndABadOneIsShownNextToTheField() {
        ConsoleClient.Page saved = saveSettings("cors_origins", "https://App.Example.com:443\r\n\r\n  http://localhost:5173 \r\n");

        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(application().path("cors_origins").toString())
                .isEqualTo("[\"https://app.example.com\",\"http://localhost:5173\"]");
        assertThat(browser.get(settings).body()).contains("https://app.example.com\nhttp://localhost:5173</textarea>");
        Http.Answer preflight = http.send("OPTIONS", "/v1/users/u1", null, "Origin", "http://localhost:5173",
                "Access-Control-Request-Method", "GET");
        assertThat(preflight.header("Access-Control-Allow-Origin")).contains("http://localhost:5173");

        ConsoleClient.Page refused = saveSettings("cors_origins", "https://app.example.com\nhttps://*.example.com");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(Html.errorFor(refused.body(), "cors_origins")).contains("'https://*.example.com', which is not an origin");
        assertThat(application().path("cors_origins")).hasSize(2);

        assertThat(saveSettings("cors_origins", "").status()).isEqualTo(303);
        assertThat(application().path("cors_origins")).isEmpty();
    }

    @Test
    void theTeamLimitAndTheControlGroupAreSettingsToo() {
        assertThat(browser.get(settings).body()).contains("name=\"control_group_percent\"", "name=\"max_teams_per_user\"");
        ConsoleClient.Page saved = saveSettings("control_group_percent", "15", "max_teams_per_user", "3");

        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(application().path("control_group_percent").asInt()).isEqualTo(15);
        assertThat(application().path("max_teams_per_user").asInt()).isEqualTo(3);
        ConsoleClient.Page refused = saveSettings("control_group_percent", "150");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(Html.errorFor(refused.body(), "control_group_percent")).contains("control_group_percent");
        assertThat(application().path("control_group_percent").asInt()).isEqualTo(15);
    }

    @Test
    void theDefaultLanguageIsASettingToo() {
        assertThat(browser.get(settings).body()).contains("name=\"default_language\"", "value=\"en\"");
        ConsoleClient.Page saved = saveSettings("default_language", "pt-br");
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(application().path("default_language").asText()).isEqualTo("pt-BR");
        ConsoleClient.Page refused = saveSettings("default_language", "Portuguese (Brazil)");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(Html.errorFor(refused.body(), "default_language")).contains("BCP 47");
        assertThat(application().path("default_language").asText()).isEqualTo("pt-BR");
    }

    @Test
    void anUnknownTimezoneIsShownNextToTheFieldAndNothingChanges() {
        ConsoleClient.Page refused = saveSettings("timezone", "Mars/Olympus_Mons", "max_token_lifetime_seconds", "60");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(Html.errorFor(refused.body(), "timezone"))
                .isEqualTo("'timezone' must be an IANA time zone such as Europe/Paris or UTC");
        assertThat(refused.body()).as("what was typed is shown again").contains("value=\"Mars/Olympus_Mons\"");
        assertThat(application().path("timezone").asText()).isEqualTo("UTC");
        assertThat(application().path("max_token_lifetime_seconds").asLong()).isEqualTo(86_400);
    }

    @Test
    void theApisLimitsAreShownNextToTheirFields() {
        assertThat(Html.errorFor(saveSettings("max_token_lifetime_seconds", "ten").body(), "max_token_lifetime_seconds"))
                .isEqualTo("'max_token_lifetime_seconds' must be a whole number");
        assertThat(Html.errorFor(saveSettings("max_token_lifetime_seconds", "59").body(), "max_token_lifetime_seconds"))
                .isEqualTo("'max_token_lifetime_seconds' must be between 60 and 2592000");
        assertThat(Html.errorFor(saveSettings("name", " ").body(), "name")).isEqualTo("'name' must not be empty");
        browser.get(settings);
        ConsoleClient.Page noScope = browser.post(settings, "name", "App", "max_token_lifetime_seconds", "60",
                "timezone", "UTC", "client_scopes", "read");
        assertThat(Html.errorFor(noScope.body(), "default_scopes")).isEqualTo("'default_scopes' must name at least one scope");
        assertThat(application().path("max_token_lifetime_seconds").asLong()).isEqualTo(86_400);
    }

    @Test
    void aRotationShowsTheNewSecretOnceAndTheOldOneKeepsItsGrace() {
        browser.get(settings + "/credentials");

        ConsoleClient.Page rotated = browser.post(settings + "/credentials/rotate", "secret", "api_secret",
                "grace_seconds", "3600");

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.header("HX-Push-Url")).hasValue("false");
        assertThat(rotated.body()).contains("hx-history=\"false\"", "data-copy=\"api-secret\"");
        String secret = Html.text(rotated.body(), "api-secret");
        assertThat(secret).startsWith("sk_").isNotEqualTo(app.apiSecret());
        assertThat(verify(secret)).isEqualTo(200);
        assertThat(verify(app.apiSecret())).as("in its grace period").isEqualTo(200);
        assertThat(browser.get(settings + "/credentials").body()).doesNotContain(secret);
        assertThat(browser.get("/console/apps/" + app.applicationId()).body()).doesNotContain(secret);

        ConsoleClient.Page client = browser.post(settings + "/credentials/rotate", "secret", "client_secret",
                "grace_seconds", "86400");
        String clientSecret = Html.text(client.body(), "client-secret");
        assertThat(http.post("/v1/auth_token", "", Http.basic(app.clientId(), clientSecret)).status()).isEqualTo(200);
    }

    @Test
    void aRotationWithoutGraceIsRefusedOutsideTheEmergencyForm() {
        browser.get(settings + "/credentials");

        ConsoleClient.Page refused = browser.post(settings + "/credentials/rotate", "secret", "api_secret",
                "grace_seconds", "0");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(Html.errorFor(refused.body(), "grace_seconds")).contains("emergency refresh");
        assertThat(verify(app.apiSecret())).isEqualTo(200);
    }

    @Test
    void theEmergencyRefreshIsRefusedWithoutTheTypedName() {
        browser.get(settings + "/credentials");

        ConsoleClient.Page missing = browser.post(settings + "/credentials/refresh", "refresh_secret", "both");
        ConsoleClient.Page wrong = browser.post(settings + "/credentials/refresh", "refresh_secret", "api_secret",
                "confirm", "Ap");

        for (ConsoleClient.Page refused : new ConsoleClient.Page[] {missing, wrong}) {
            assertThat(refused.status()).isEqualTo(422);
            assertThat(Html.errorFor(refused.body(), "confirm")).contains("Nothing was changed");
            assertThat(refused.body()).doesNotContain("sk_").doesNotContain("cs_");
        }
        assertThat(verify(app.apiSecret())).isEqualTo(200);
        assertThat(http.post("/v1/auth_token", "", app.basic()).status()).isEqualTo(200);
        assertThat(http.get("/admin/v1/audit?action=application.", TestLudus.operator()).json().path("items")
                .findValuesAsText("action")).containsExactly("application.created");
    }

    @Test
    void theEmergencyRefreshWithTheTypedNameEndsTheOldSecretsAtOnce() {
        browser.get(settings + "/credentials");

        ConsoleClient.Page refreshed = browser.post(settings + "/credentials/refresh", "refresh_secret", "both",
                "confirm", "App");

        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String secret = Html.text(refreshed.body(), "api-secret");
        String clientSecret = Html.text(refreshed.body(), "client-secret");
        assertThat(verify(app.apiSecret())).isEqualTo(401);
        assertThat(verify(secret)).isEqualTo(200);
        assertThat(http.post("/v1/auth_token", "", app.basic()).status()).isEqualTo(401);
        assertThat(http.post("/v1/auth_token", "", Http.basic(app.clientId(), clientSecret)).status()).isEqualTo(200);
        assertThat(http.get("/admin/v1/audit?action=application.", TestLudus.operator()).json().path("items")
                .findValuesAsText("action")).contains("application.secret_refreshed", "application.client_secret_refreshed");
    }

    @Test
    void registersAndRemovesAnEcdsaKey() {
        String page = settings + "/ecdsa-keys";
        browser.get(page);

        ConsoleClient.Page bad = browser.post(page, "address", "0x1234", "scopes", "users:read");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(Html.errorFor(bad.body(), "address")).startsWith("'address' must be 0x and 40 hex digits");

        ConsoleClient.Page added = browser.post(page, "address", ADDRESS.toUpperCase().replace("0X", "0x"),
                "scopes", "users:read");
        assertThat(added.status()).as(added.body()).isEqualTo(303);
        String listed = browser.follow(added.location()).body();
        assertThat(listed).contains("ECDSA key registered.", ADDRESS, "<th>Last signed</th>");
        assertThat(listed).containsPattern("<td class=\"last-signed\">never</td>");
        JsonNode keys = http.get("/admin/v1/applications/" + app.applicationId() + "/ecdsa_keys", TestLudus.operator())
                .json().path("items");
        assertThat(keys.path(0).path("address").asText()).isEqualTo(ADDRESS);
        assertThat(keys.path(0).path("scopes").toString()).isEqualTo("[\"users:read\"]");

        ConsoleClient.Page again = browser.post(page, "address", ADDRESS, "scopes", "users:read");
        assertThat(Html.errorFor(again.body(), "address")).contains("already registered");

        ConsoleClient.Page removed = browser.post(page + "/remove", "address", ADDRESS);
        assertThat(removed.status()).isEqualTo(303);
        assertThat(http.get("/admin/v1/applications/" + app.applicationId() + "/ecdsa_keys", TestLudus.operator())
                .json().path("items")).isEmpty();
    }

    @Test
    void revokesAUsersTokensAndOneTokenById() {
        String page = settings + "/revocations";
        String alice = app.token().subject("alice").scopes("read").build();
        String bob = app.token().subject("bob").jti("bob-1").scopes("read").build();
        browser.get(page);

        ConsoleClient.Page blank = browser.post(page + "/subject", "subject", " ");
        assertThat(blank.status()).isEqualTo(422);
        assertThat(Html.errorFor(blank.body(), "subject")).isEqualTo("'subject' must not be empty");

        assertThat(browser.post(page + "/subject", "subject", "alice").status()).isEqualTo(303);
        assertThat(browser.post(page + "/token", "jti", "bob-1").status()).isEqualTo(303);

        assertThat(http.get("/v1/auth/verify", Http.bearer(alice)).status()).isEqualTo(401);
        assertThat(http.get("/v1/auth/verify", Http.bearer(bob)).status()).isEqualTo(401);
        assertThat(http.get("/admin/v1/audit?application_id=" + app.applicationId(), TestLudus.operator()).json()
                .path("items").findValuesAsText("action")).contains("subject.revoked", "token.revoked");
    }

    @Test
    void revokingEveryTokenNeedsTheTypedName() {
        String page = settings + "/revocations";
        String token = app.tokenWith("read");
        browser.get(page);

        assertThat(browser.post(page + "/all", "confirm", "").status()).isEqualTo(422);
        assertThat(http.get("/v1/auth/verify", Http.bearer(token)).status()).isEqualTo(200);

        assertThat(browser.post(page + "/all", "confirm", "App").status()).isEqualTo(303);
        assertThat(http.get("/v1/auth/verify", Http.bearer(token)).status()).isEqualTo(401);
    }

    @Test
    void rotatesTheSigningKeyAndWithdrawsOnlyWithTheTypedKeyId() {
        ConsoleClient.Page keys = browser.get("/console/signing-keys");
        assertThat(keys.status()).isEqualTo(200);
        String before = jwksKids().get(0);
        assertThat(keys.body()).contains(before, "signs new tokens", "stays published for 8 hours and 1 minute");

        assertThat(browser.post("/console/signing-keys/rotate").status()).isEqualTo(303);
        assertThat(jwksKids()).hasSize(2).contains(before);

        ConsoleClient.Page refused = browser.post("/console/signing-keys/withdraw", "confirm", before);
        assertThat(refused.status()).as("the old key's id is not the signing key's").isEqualTo(422);
        assertThat(jwksKids()).hasSize(2);

        String current = jwksKids().stream().filter(kid -> !kid.equals(before)).findFirst().orElseThrow();
        assertThat(browser.post("/console/signing-keys/withdraw", "confirm", current).status()).isEqualTo(303);
        assertThat(jwksKids()).hasSize(1).doesNotContain(before, current);
    }

    private java.util.List<String> jwksKids() {
        return http.get("/.well-known/jwks.json").json().path("keys").findValuesAsText("kid");
    }
}
