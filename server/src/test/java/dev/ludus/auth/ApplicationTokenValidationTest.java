package dev.ludus.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.Tokens;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row of the design's validation table, over real HTTP against {@code GET /v1/auth/verify}:
 * the error code, the status, the challenge, and that nothing echoes the token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplicationTokenValidationTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private TestApp app;

    @BeforeAll
    void start() {
        app = server.ludus().createApp();
    }

    private Http.Answer verify(String token) {
        Http.Answer answer = server.http().get("/v1/auth/verify", Http.bearer(token));
        if (token.length() > 20) {
            String signature = token.substring(token.lastIndexOf('.') + 1);
            assertThat(answer.body()).doesNotContain(token);
            if (signature.length() > 10) {
                assertThat(answer.body()).doesNotContain(signature);
                assertThat(answer.headers().map().toString()).doesNotContain(signature);
            }
        }
        return answer;
    }

    private static void assertRefused(Http.Answer answer, String error) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        assertThat(answer.error()).isEqualTo(error);
        assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.json().path("status").asInt()).isEqualTo(401);
        assertThat(answer.json().path("type").asText()).isNotEmpty();
        assertThat(answer.json().path("title").asText()).isNotEmpty();
        assertThat(answer.json().path("detail").asText()).isNotEmpty();
        assertThat(answer.header("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge)
                .startsWith("Bearer realm=\"ludus\"").contains("error=\"invalid_token\"").contains("error_description=\""));
    }

    @Test
    void acceptsTokenMadeLikeTheSpecNodeExample() {
        String token = app.token().scopes("read", "write").build();
        assertThat(token.split("\\.")[0]).isEqualTo(Tokens.base64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));

        Http.Answer answer = verify(token);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("authenticated").asBoolean()).isTrue();
        assertThat(answer.json().path("method").asText()).isEqualTo("jwt");
        assertThat(answer.json().path("tenant_id").asText()).isEqualTo(app.tenantId());
        assertThat(answer.json().path("application_id").asText()).isEqualTo(app.applicationId());
        assertThat(answer.json().path("subject").asText()).isEqualTo("user_123");
        assertThat(answer.json().path("scopes").toString()).isEqualTo("[\"read\",\"write\"]");
        long iat = server.ludus().clock().instant().getEpochSecond();
        assertThat(answer.json().path("issued_at").asText()).isEqualTo(java.time.Instant.ofEpochSecond(iat).toString());
        assertThat(answer.json().path("expires_at").asText()).isEqualTo(java.time.Instant.ofEpochSecond(iat + 3600).toString());
        assertThat(answer.json().has("token_id")).isTrue();
    }

    @Test
    void reportsTheTokenIdWhenTheTokenHasOne() {
        Http.Answer answer = verify(app.token().jti("abc-123").build());
        assertThat(answer.json().path("token_id").asText()).isEqualTo("abc-123");
    }

    @Test
    void acceptsAudienceAsOneElementArray() {
        String token = app.token().claimJson("aud", "[\"" + app.applicationId() + "\"]").build();
        assertThat(verify(token).status()).isEqualTo(200);
    }

    // Row 1: the header and the token's shape

    @Test
    void rejectsMissingAuthorizationWithChallengeWithoutErrorAttribute() {
        Http.Answer answer = server.http().get("/v1/auth/verify");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.error()).isEqualTo("invalid_token");
        assertThat(answer.header("WWW-Authenticate")).hasValue("Bearer realm=\"ludus\"");
    }

    @Test
    void rejectsEmptyAuthorizationHeader() {
        Http.Answer answer = server.http().get("/v1/auth/verify", "Authorization", "Bearer ");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.error()).isEqualTo("invalid_token");
    }

    @Test
    void rejectsOtherSchemes() {
        assertRefused(server.http().get("/v1/auth/verify", "Authorization", "Token " + app.tokenWith("read")), "invalid_token");
    }

    @Test
    void rejectsBasicWithDetailPointingToAuthToken() {
        String basic = Base64.getEncoder().encodeToString((app.clientId() + ":" + app.clientSecret()).getBytes());
        Http.Answer answer = server.http().get("/v1/auth/verify", "Authorization", "Basic " + basic);
        assertRefused(answer, "invalid_token");
        assertThat(answer.json().path("detail").asText()).contains("/v1/auth_token");
        assertThat(answer.body()).doesNotContain(app.clientSecret());
    }

    @Test
    void rejectsTokenLargerThan8KiB() {
        String token = app.token().claimJson("padding", "\"" + "x".repeat(8 * 1024) + "\"").build();
        assertRefused(verify(token), "invalid_token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a.b", "a.b.c.d", "not base64!.eyJ9.sig", "....", "e30.e30.", ".e30.c2ln"})
    void rejectsMalformedTokens(String token) {
        assertRefused(verify(token), "invalid_token");
    }

    @Test
    void rejectsHeaderThatIsNotJson() {
        String valid = app.tokenWith("read");
        String token = Tokens.base64url("not json") + valid.substring(valid.indexOf('.'));
        assertRefused(verify(token), "invalid_token");
    }

    @Test
    void rejectsPayloadThatIsNotAJsonObject() {
        String header = Tokens.base64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String input = header + "." + Tokens.base64url("[1,2,3]");
        String token = input + "." + Tokens.base64url(Tokens.hmacSha256(app.apiSecret(), input));
        assertRefused(verify(token), "invalid_token");
    }

    @Test
    void rejectsUnknownCriticalHeader() {
        String token = app.token().headerJson("crit", "[\"exp-policy\"]").headerJson("exp-policy", "1").build();
        assertRefused(verify(token), "invalid_token");
    }

    @Test
    void rejectsSqlInKeyIdAndStaysHealthy() {
        String token = app.token().headerJson("kid", "\"' OR 1=1; DROP TABLE applications; --\"").build();
        assertRefused(verify(token), "invalid_token");
        assertThat(verify(app.tokenWith("read")).status()).isEqualTo(200);
    }

    // Row 2: the algorithm is pinned, never taken from the token

    @ParameterizedTest
    @ValueSource(strings = {"none", "NONE", "None", "nOnE"})
    void rejectsAlgNoneInAnyCase(String alg) {
        String unsigned = app.token().alg(alg).signingInput() + ".";
        assertRefused(verify(unsigned), "invalid_token");
        String signed = app.token().alg(alg).build();
        assertRefused(verify(signed), "invalid_token");
    }

    @Test
    void rejectsHs512Token() {
        String input = app.token().alg("HS512").signingInput();
        byte[] signature;
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA512");
            mac.init(new javax.crypto.spec.SecretKeySpec(app.apiSecret().getBytes(), "HmacSHA512"));
            signature = mac.doFinal(input.getBytes());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        assertRefused(verify(input + "." + Tokens.base64url(signature)), "invalid_token");
    }

    @Test
    void rejectsEs256HeaderOnHmacSignature() {
        assertRefused(verify(app.token().alg("ES256").build()), "invalid_token");
    }

    @Test
    void rejectsHs256WithLowerCaseAlg() {
        assertRefused(verify(app.token().alg("hs256").build()), "invalid_token");
    }

    // Row 3: iss and aud name the key

    @Test
    void rejectsTokenWithoutIssuer() {
        Http.Answer answer = verify(app.token().without("iss").build());
        assertRefused(answer, "missing_required_claim");
        assertThat(answer.json().path("claim").asText()).isEqualTo("iss");
    }

    @Test
    void rejectsTokenWithoutAudience() {
        Http.Answer answer = verify(app.token().without("aud").build());
        assertRefused(answer, "missing_required_claim");
        assertThat(answer.json().path("claim").asText()).isEqualTo("aud");
    }

    @Test
    void rejectsIssuerOfWrongType() {
        assertRefused(verify(app.token().claimJson("iss", "42").build()), "invalid_token");
    }

    // Row 4: tenant and application exist and match

    @Test
    void rejectsUnknownApplication() {
        assertRefused(verify(app.token().audience("app_doesnotexist0000000").build()), "invalid_token");
    }

    @Test
    void rejectsApplicationOfAnotherTenant() {
        TestApp other = server.ludus().createApp();
        assertRefused(verify(app.token().issuer(other.tenantId()).build()), "invalid_token");
    }

    // Row 5: the signature

    @Test
    void rejectsTokenSignedWithAnotherSecret() {
        String token = app.token().secret("sk_thisIsNotTheSecretOfTheApplication0000000").build();
        assertRefused(verify(token), "invalid_signature");
    }

    @Test
    void rejectsTokenSignedWithAnotherApplicationsSecret() {
        TestApp other = server.ludus().createApp();
        assertRefused(verify(app.token().secret(other.apiSecret()).build()), "invalid_signature");
    }

    @Test
    void rejectsTamperedPayload() {
        String token = app.tokenWith("read");
        String[] parts = token.split("\\.");
        String forged = app.token().scopes("admin").signingInput().split("\\.")[1];
        assertRefused(verify(parts[0] + "." + forged + "." + parts[2]), "invalid_signature");
    }

    // Row 6: sub, iat, exp and scope

    @ParameterizedTest
    @ValueSource(strings = {"sub", "iat", "exp"})
    void rejectsTokenMissingRequiredClaim(String claim) {
        Http.Answer answer = verify(app.token().without(claim).build());
        assertRefused(answer, "missing_required_claim");
        assertThat(answer.json().path("claim").asText()).isEqualTo(claim);
    }

    @Test
    void rejectsExpirationOfWrongType() {
        assertRefused(verify(app.token().claimJson("exp", "\"tomorrow\"").build()), "invalid_token");
    }

    @Test
    void rejectsSubjectOfWrongType() {
        assertRefused(verify(app.token().claimJson("sub", "123").build()), "invalid_token");
    }

    @Test
    void rejectsScopeThatIsAString() {
        assertRefused(verify(app.token().claimJson("scope", "\"read write\"").build()), "invalid_token");
    }

    @Test
    void rejectsScopeArrayWithNonStrings() {
        assertRefused(verify(app.token().claimJson("scope", "[\"read\", 1]").build()), "invalid_token");
    }

    // Row 7: time, with 60 seconds of leeway

    @Test
    void acceptsTokenExpiredTwentySecondsAgo() {
        long now = server.ludus().clock().instant().getEpochSecond();
        String token = app.token().issuedAt(now - 3600).expiresAt(now - 20).build();
        assertThat(verify(token).status()).isEqualTo(200);
    }

    @Test
    void rejectsTokenExpiredAnHourAgo() {
        long now = server.ludus().clock().instant().getEpochSecond();
        String token = app.token().issuedAt(now - 7200).expiresAt(now - 3600).build();
        assertRefused(verify(token), "token_expired");
    }

    @Test
    void rejectsTokenExpiredSixtySecondsAgo() {
        long now = server.ludus().clock().instant().getEpochSecond();
        String token = app.token().issuedAt(now - 600).expiresAt(now - 60).build();
        assertRefused(verify(token), "token_expired");
    }

    @Test
    void acceptsIssuedAtThirtySecondsAhead() {
        long now = server.ludus().clock().instant().getEpochSecond();
        assertThat(verify(app.token().issuedAt(now + 30).expiresAt(now + 600).build()).status()).isEqualTo(200);
    }

    @Test
    void rejectsIssuedAtInTheFuture() {
        long now = server.ludus().clock().instant().getEpochSecond();
        assertRefused(verify(app.token().issuedAt(now + 120).expiresAt(now + 600).build()), "invalid_token");
    }

    @Test
    void rejectsLifetimeLongerThanTheApplicationAllows() {
        long now = server.ludus().clock().instant().getEpochSecond();
        String token = app.token().issuedAt(now).expiresAt(now + 86_400 + 1).build();
        assertRefused(verify(token), "invalid_token");
        assertThat(verify(app.token().issuedAt(now).expiresAt(now + 86_400).build()).status()).isEqualTo(200);
    }

    @Test
    void rejectsNotBeforeInTheFuture() {
        long now = server.ludus().clock().instant().getEpochSecond();
        assertRefused(verify(app.token().claimJson("nbf", Long.toString(now + 600)).build()), "invalid_token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1e30", "-1", "1e30", "253402300800"})
    void rejectsImplausibleTimesThatWouldOverflowTheLifetimeCheck(String iat) {
        assertRefused(verify(app.token().claimJson("iat", iat).build()), "invalid_token");
    }

    @Test
    void rejectsExpirationBeforeIssuedAt() {
        long now = server.ludus().clock().instant().getEpochSecond();
        assertRefused(verify(app.token().issuedAt(now).expiresAt(now - 10).build()), "invalid_token");
    }

    // Row 8 and 9 live in RevocationTest and ScopeEnforcementTest.

    @Test
    void checksRunInTheDesignOrder() {
        // a wrong signature and a missing sub: the signature (row 5) is reported, not the claim (row 6)
        String token = app.token().without("sub").secret("sk_wrongwrongwrongwrongwrongwrongwrongwrong0").build();
        assertRefused(verify(token), "invalid_signature");
        // HS512 and no iss: the algorithm (row 2) wins over the claim (row 3)
        assertRefused(verify(app.token().alg("HS512").without("iss").build()), "invalid_token");
        // expired and unknown application: the application (row 4) wins over the time (row 7)
        long now = server.ludus().clock().instant().getEpochSecond();
        String expired = app.token().audience("app_unknown").issuedAt(now - 7200).expiresAt(now - 3600).build();
        assertRefused(verify(expired), "invalid_token");
    }

    @Test
    void wrongMethodOnAKnownRouteIs405WithAllow() {
        Http.Answer answer = server.http().send("DELETE", "/v1/auth/verify", null, Http.bearer(app.tokenWith("read")));
        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.error()).isEqualTo("method_not_allowed");
        assertThat(answer.header("Allow")).hasValue("GET");
    }

    @Test
    void unknownV1RouteStillNeedsAToken() {
        assertThat(server.http().get("/v1/does-not-exist").status()).isEqualTo(401);
        Http.Answer answer = server.http().get("/v1/does-not-exist", Http.bearer(app.tokenWith("read")));
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.error()).isEqualTo("not_found");
    }
}
