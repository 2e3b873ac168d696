package dev.ludus.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RFC 6749 client credentials, RFC 7009 revocation and RFC 7662 introspection beside spec 003. */
class OAuthEndpointsTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer(java.util.Map.of("LUDUS_AUTH_TOKEN_BURST", "1000"));

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void assertOAuthError(Http.Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).hasValue("application/json");
        assertThat(answer.json().path("error").asText()).isEqualTo(error);
        assertThat(answer.json().path("error_description").asText()).isNotEmpty();
    }

    @Test
    void clientCredentialsGrantAnswersTheSameTokenAsAuthToken() {
        TestApp app = server.ludus().createApp();
        Http.Answer answer = server.http().form("/oauth/token", "grant_type=client_credentials", app.basic());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("Cache-Control")).hasValue("no-store");
        JsonNode body = answer.json();
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(8 * 3600);
        assertThat(body.path("scope").asText()).isEqualTo("users:read users:write");
        String viaAuthToken = server.http().post("/v1/auth_token", null, app.basic()).json().path("token").asText();
        assertThat(body.path("access_token").asText()).isEqualTo(viaAuthToken);
    }

    @Test
    void clientMayAuthenticateWithFormMembers() {
        TestApp app = server.ludus().createApp();
        Http.Answer answer = server.http().form("/oauth/token", "grant_type=client_credentials&client_id=" + encode(app.clientId())
                + "&client_secret=" + encode(app.clientSecret()));
        assertThat(answer.status()).isEqualTo(200);
    }

    /** Percent-encodes every character but letters and digits, as oauth4webapi (openid-client) does for Basic. */
    private static String strictFormEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            out.append(c < 128 && Character.isLetterOrDigit(c) ? String.valueOf(c) : String.format("%%%02X", b & 0xff));
        }
        return out.toString();
    }

    @Test
    void basicClientIdAndSecretAreFormUrlDecoded() {
        TestApp app = server.ludus().createApp();
        String encodedId = strictFormEncode(app.clientId());
        String encodedSecret = strictFormEncode(app.clientSecret());
        assertThat(encodedId).contains("%5F");
        assertThat(encodedSecret).contains("%5F");
        String[] basic = Http.basic(encodedId, encodedSecret);

        Http.Answer token = server.http().form("/oauth/token", "grant_type=client_credentials", basic);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        String accessToken = token.json().path("access_token").asText();
        Http.Answer introspection = server.http().form("/oauth/introspect", "token=" + accessToken, basic);
        assertThat(introspection.json().path("active").asBoolean()).as(introspection.body()).isTrue();
        assertThat(server.http().form("/oauth/revoke", "token=" + accessToken, basic).status()).isEqualTo(200);
    }

    @Test
    void basicCredentialsThatAreNotFormUrlEncodingAreRefused() {
        TestApp app = server.ludus().createApp();
        assertOAuthError(server.http().form("/oauth/token", "grant_type=client_credentials",
                Http.basic(app.clientId(), app.clientSecret() + "%ZZ")), 401, "invalid_client");
    }

    @Test
    void narrowerScopeGetsItsOwnToken() {
        TestApp app = server.ludus().createApp();
        Http.Answer full = server.http().form("/oauth/token", "grant_type=client_credentials", app.basic());
        Http.Answer narrow = server.http().form("/oauth/token", "grant_type=client_credentials&scope=users%3Aread", app.basic());

        assertThat(narrow.status()).isEqualTo(200);
        assertThat(narrow.json().path("scope").asText()).isEqualTo("users:read");
        String token = narrow.json().path("access_token").asText();
        assertThat(token).isNotEqualTo(full.json().path("access_token").asText());
        assertThat(server.http().get("/v1/auth/verify", Http.bearer(token)).json().path("scopes").toString())
                .isEqualTo("[\"users:read\"]");
    }

    @Test
    void errorsFollowRfc6749() {
        TestApp app = server.ludus().createApp();
        assertOAuthError(server.http().form("/oauth/token", "", app.basic()), 400, "invalid_request");
        assertOAuthError(server.http().form("/oauth/token", "grant_type=password", app.basic()), 400, "unsupported_grant_type");
        assertOAuthError(server.http().form("/oauth/token", "grant_type=client_credentials&scope=admin", app.basic()), 400,
                "invalid_scope");
        assertOAuthError(server.http().form("/oauth/token", "grant_type=client_credentials&grant_type=client_credentials",
                app.basic()), 400, "invalid_request");
        assertOAuthError(server.http().form("/oauth/token", "grant_type=client_credentials&client_id=" + encode(app.clientId())
                + "&client_secret=" + encode(app.clientSecret()), app.basic()), 400, "invalid_request");
        assertOAuthError(server.http().post("/oauth/token", "{\"grant_type\":\"client_credentials\"}", app.basic()), 400,
                "invalid_request");

        Http.Answer wrong = server.http().form("/oauth/token", "grant_type=client_credentials",
                Http.basic(app.clientId(), "cs_wrong"));
        assertOAuthError(wrong, 401, "invalid_client");
        assertThat(wrong.header("WWW-Authenticate")).hasValueSatisfying(c -> assertThat(c).startsWith("Basic "));
        assertOAuthError(server.http().form("/oauth/token", "grant_type=client_credentials"), 401, "invalid_client");
    }

    @Test
    void introspectionDescribesActiveTokensOfTheClientsApplication() {
        TestApp app = server.ludus().createApp();
        String token = server.http().post("/v1/auth_token", null, app.basic()).json().path("token").asText();

        Http.Answer answer = server.http().form("/oauth/introspect", "token=" + token, app.basic());

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.path("active").asBoolean()).isTrue();
        assertThat(body.path("scope").asText()).isEqualTo("users:read users:write");
        assertThat(body.path("client_id").asText()).isEqualTo(app.clientId());
        assertThat(body.path("sub").asText()).isEqualTo(app.clientId());
        assertThat(body.path("aud").asText()).isEqualTo(app.applicationId());
        assertThat(body.path("iss").asText()).isEqualTo(TestLudus.ISSUER);
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("exp").asLong()).isGreaterThan(body.path("iat").asLong());

        Http.Answer applicationToken = server.http().form("/oauth/introspect", "token=" + app.tokenWith("read"), app.basic());
        assertThat(applicationToken.json().path("active").asBoolean()).isTrue();
        assertThat(applicationToken.json().path("sub").asText()).isEqualTo("user_123");
    }

    @Test
    void inactiveTokensAnswerActiveFalseAndNothingElse() {
        TestApp app = server.ludus().createApp();
        TestApp other = server.ludus().createApp();
        String othersToken = server.http().post("/v1/auth_token", null, other.basic()).json().path("token").asText();

        for (String token : new String[] {"garbage", othersToken, app.token().secret("sk_notTheSecret000000000000000000000000000").build()}) {
            Http.Answer answer = server.http().form("/oauth/introspect", "token=" + encode(token), app.basic());
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"active\":false}");
        }
        assertOAuthError(server.http().form("/oauth/introspect", "", app.basic()), 400, "invalid_request");
        assertOAuthError(server.http().form("/oauth/introspect", "token=x"), 401, "invalid_client");
    }

    @Test
    void revocationInvalidatesAndAlwaysAnswers200() {
        TestApp app = server.ludus().createApp();
        String token = server.http().post("/v1/auth_token", null, app.basic()).json().path("token").asText();

        assertThat(server.http().form("/oauth/revoke", "token=" + token + "&token_type_hint=access_token", app.basic()).status())
                .isEqualTo(200);

        assertThat(server.http().get("/v1/auth/verify", Http.bearer(token)).error()).isEqualTo("token_revoked");
        assertThat(server.http().form("/oauth/introspect", "token=" + token, app.basic()).body()).isEqualTo("{\"active\":false}");
        assertThat(server.http().post("/v1/auth_token", null, app.basic()).json().path("token").asText()).isNotEqualTo(token);
        assertThat(server.http().form("/oauth/revoke", "token=garbage", app.basic()).status()).isEqualTo(200);
        assertOAuthError(server.http().form("/oauth/revoke", "", app.basic()), 400, "invalid_request");
    }
}
