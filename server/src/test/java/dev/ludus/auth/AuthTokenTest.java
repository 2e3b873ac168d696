package dev.ludus.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec 003's {@code /v1/auth_token}: issue, the 30-minute rule, 8 hours, invalidation, errors. */
class AuthTokenTest {

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

    private Http.Answer issue() {
        return ludus.http().post("/v1/auth_token", null, app.basic());
    }

    private String token() {
        Http.Answer answer = issue();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("token").asText();
    }

    private Http.Answer verify(String token) {
        return ludus.http().get("/v1/auth/verify", Http.bearer(token));
    }

    private static JsonNode part(String token, int index) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }

    @Test
    void issuesAnEightHourBearerTokenForBasicCredentials() {
        Http.Answer answer = issue();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Cache-Control")).hasValue("no-store");
        JsonNode body = answer.json();
        long expected = ludus.clock().instant().plus(Duration.ofHours(8)).getEpochSecond();
        assertThat(body.path("expiration").isIntegralNumber()).isTrue();
        assertThat(body.path("expiration").asLong()).isEqualTo(expected);
        assertThat(body.path("expiration_dt").asText()).isEqualTo(Instant.ofEpochSecond(expected).toString()).endsWith("Z");
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("token").asText()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    void tokenCarriesTheDocumentedHeaderAndClaims() throws Exception {
        String token = token();
        JsonNode header = part(token, 0);
        JsonNode claims = part(token, 1);

        assertThat(header.path("alg").asText()).isEqualTo("EdDSA");
        assertThat(header.path("kid").asText()).startsWith("lk_");
        assertThat(claims.path("iss").asText()).isEqualTo(TestLudus.ISSUER);
        assertThat(claims.path("aud").asText()).isEqualTo(app.applicationId());
        assertThat(claims.path("sub").asText()).isEqualTo(app.clientId());
        assertThat(claims.path("jti").asText()).isNotEmpty();
        assertThat(claims.path("scope").toString()).isEqualTo("[\"users:read\",\"users:write\"]");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(8 * 3600);
    }

    @Test
    void authenticatesV1AndVerifyReportsTheAuthTokenMethod() {
        Http.Answer answer = verify(token());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("method").asText()).isEqualTo("auth_token");
        assertThat(answer.json().path("subject").asText()).isEqualTo(app.clientId());
        assertThat(answer.json().path("application_id").asText()).isEqualTo(app.applicationId());
        assertThat(answer.json().path("tenant_id").asText()).isEqualTo(app.tenantId());
        assertThat(answer.json().path("scopes").toString()).isEqualTo("[\"users:read\",\"users:write\"]");
    }

    @Test
    void sameTokenWhileMoreThanThirtyMinutesRemainThenAFreshEightHours() {
        String first = token();

        ludus.clock().advance(Duration.ofHours(7).plusMinutes(29)); // 31 minutes left
        assertThat(token()).isEqualTo(first);

        ludus.clock().advance(Duration.ofMinutes(1)); // 30 minutes left
        Http.Answer renewed = issue();
        String second = renewed.json().path("token").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(renewed.json().path("expiration").asLong())
                .isEqualTo(ludus.clock().instant().plus(Duration.ofHours(8)).getEpochSecond());
        assertThat(verify(second).status()).isEqualTo(200);
        assertThat(verify(first).status()).as("the old token lives out its time").isEqualTo(200);
        assertThat(token()).isEqualTo(second);
    }

    @Test
    void tokenExpiresAfterEightHours() {
        String token = token();
        ludus.clock().advance(Duration.ofHours(8).plusSeconds(59));
        assertThat(verify(token).status()).isEqualTo(200);
        ludus.clock().advance(Duration.ofSeconds(1));
        Http.Answer answer = verify(token);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.error()).isEqualTo("token_expired");
    }

    @Test
    void invalidatedTokenIsRefusedAndTheNextRequestGetsANewOne() {
        String token = token();

        Http.Answer deleted = ludus.http().send("DELETE", "/v1/auth_token", null, Http.bearer(token));

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(verify(token).error()).isEqualTo("token_revoked");
        String next = token();
        assertThat(next).isNotEqualTo(token);
        assertThat(verify(next).status()).isEqualTo(200);
        assertThat(token()).isEqualTo(next);
    }

    @Test
    void invalidationHoldsAcrossARestartAndTheCurrentTokenIsReissuedIdentically() {
        String current = token();
        ludus.restart();
        assertThat(token()).as("same claims and key re-sign to the same token").isEqualTo(current);

        ludus.http().send("DELETE", "/v1/auth_token", null, Http.bearer(current));
        ludus.restart();
        assertThat(verify(current).error()).isEqualTo("token_revoked");
        assertThat(token()).isNotEqualTo(current);
    }

    @Test
    void deleteWithAnApplicationTokenIsRefused() {
        Http.Answer answer = ludus.http().send("DELETE", "/v1/auth_token", null, Http.bearer(app.tokenWith("read")));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("invalid_request");
    }

    @Test
    void revokingTheClientAsSubjectOrAllCoversServerTokens() {
        String admin = app.tokenWith("admin");
        String first = token();
        ludus.http().post("/v1/auth/revocations", "{\"subject\":\"" + app.clientId() + "\"}", Http.bearer(admin));
        assertThat(verify(first).error()).isEqualTo("token_revoked");
        String second = token();
        assertThat(second).isNotEqualTo(first);
        assertThat(verify(second).status()).as("issued after the watermark").isEqualTo(200);

        ludus.clock().advance(Duration.ofSeconds(5));
        ludus.http().post("/v1/auth/revocations", "{\"all\":true}", Http.bearer(app.tokenWith("admin")));
        assertThat(verify(second).error()).isEqualTo("token_revoked");
        String third = token();
        assertThat(third).isNotEqualTo(second);
        assertThat(verify(third).status()).isEqualTo(200);
    }

    @Test
    void wrongOrUnknownClientCredentialsAreInvalidClientWithABasicChallenge() {
        for (String[] headers : new String[][] {
                Http.basic(app.clientId(), app.clientSecret() + "x"),
                Http.basic("cid_unknown", app.clientSecret()),
                Http.basic(app.clientId(), app.apiSecret()),
                {"Authorization", "Basic %%%notbase64"},
                {"Authorization", "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes())},
                {"Authorization", "Basic " + Base64.getEncoder().encodeToString(HexFormat.of().parseHex("c328"))},
                Http.bearer(app.tokenWith("admin"))}) {
            Http.Answer answer = ludus.http().post("/v1/auth_token", null, headers);
            assertThat(answer.status()).as(headers[1]).isEqualTo(401);
            assertThat(answer.error()).isEqualTo("invalid_client");
            assertThat(answer.header("WWW-Authenticate")).hasValue("Basic realm=\"ludus\", charset=\"UTF-8\"");
            assertThat(answer.body()).doesNotContain(app.clientSecret());
        }
    }

    @Test
    void noCredentialsIs401() {
        Http.Answer answer = ludus.http().post("/v1/auth_token", null);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.error()).isEqualTo("invalid_client");
    }

    @Test
    void tooManyRequestsForOneClientAre429WithRetryAfter() {
        for (int i = 0; i < 20; i++) {
            assertThat(issue().status()).isEqualTo(200);
        }
        Http.Answer limited = issue();
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.error()).isEqualTo("rate_limited");
        assertThat(limited.header("Retry-After")).hasValue("1");

        TestApp other = ludus.createApp();
        assertThat(ludus.http().post("/v1/auth_token", null, other.basic()).status()).as("per client").isEqualTo(200);

        ludus.clock().advance(Duration.ofMillis(100)); // 10 per second: one token back
        assertThat(issue().status()).isEqualTo(200);
        assertThat(issue().status()).isEqualTo(429);
    }

    @Test
    void clientSecretRotationKeepsTheOldSecretForItsGraceOnly() {
        Http.Answer rotated = ludus.http().post("/admin/v1/applications/" + app.applicationId() + "/client_secret/rotate",
                "{\"grace_seconds\":60}", TestLudus.operator());
        assertThat(rotated.status()).isEqualTo(200);
        String fresh = rotated.json().path("client_secret").asText();
        assertThat(fresh).startsWith("cs_");

        assertThat(ludus.http().post("/v1/auth_token", null, Http.basic(app.clientId(), fresh)).status()).isEqualTo(200);
        assertThat(issue().status()).isEqualTo(200);
        ludus.clock().advance(Duration.ofSeconds(60));
        assertThat(issue().error()).isEqualTo("invalid_client");
        assertThat(ludus.http().post("/v1/auth_token", null, Http.basic(app.clientId(), fresh)).status()).isEqualTo(200);

        String obtainedWithFresh = ludus.http().post("/v1/auth_token", null, Http.basic(app.clientId(), fresh))
                .json().path("token").asText();
        Http.Answer emergency = ludus.http().post("/v1/application/client_secret/rotate", "{\"grace_seconds\":0}",
                Http.bearer(app.tokenWith("admin")));
        assertThat(emergency.status()).isEqualTo(200);
        assertThat(ludus.http().post("/v1/auth_token", null, Http.basic(app.clientId(), fresh)).error())
                .isEqualTo("invalid_client");
        assertThat(verify(obtainedWithFresh).error()).as("an emergency refresh kills the tokens of the old secret")
                .isEqualTo("token_revoked");
        String afterRefresh = ludus.http().post("/v1/auth_token", null,
                Http.basic(app.clientId(), emergency.json().path("client_secret").asText())).json().path("token").asText();
        assertThat(afterRefresh).isNotEqualTo(obtainedWithFresh);
        assertThat(verify(afterRefresh).status()).isEqualTo(200);
    }

    @Test
    void clientScopesAreConfigurableAndChangeTheNextToken() {
        String before = token();
        Http.Answer patched = ludus.http().patch("/v1/application", "{\"client_scopes\":[\"users:read\"]}",
                Http.bearer(app.tokenWith("admin")));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("client_scopes").toString()).isEqualTo("[\"users:read\"]");

        String after = token();
        assertThat(after).isNotEqualTo(before);
        assertThat(verify(after).json().path("scopes").toString()).isEqualTo("[\"users:read\"]");
    }

    @Test
    void serverTokenVerifiesWithThePublishedJwk() throws Exception {
        String token = token();
        String kid = part(token, 0).path("kid").asText();
        Http.Answer jwks = ludus.http().get("/.well-known/jwks.json");
        assertThat(jwks.status()).isEqualTo(200);
        JsonNode key = jwks.json().path("keys").get(0);
        assertThat(key.path("kid").asText()).isEqualTo(kid);
        assertThat(key.path("kty").asText()).isEqualTo("OKP");
        assertThat(key.path("crv").asText()).isEqualTo("Ed25519");
        assertThat(key.has("d")).as("never the private key").isFalse();

        byte[] x = Base64.getUrlDecoder().decode(key.path("x").asText());
        byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] der = new byte[prefix.length + x.length];
        System.arraycopy(prefix, 0, der, 0, prefix.length);
        System.arraycopy(x, 0, der, prefix.length, x.length);
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(publicKey);
        String input = token.substring(0, token.lastIndexOf('.'));
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        assertThat(signature.verify(Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1)))).isTrue();
    }

    @Test
    void serverTokensAreNeverAcceptedAsApplicationTokensNorTheReverse() throws Exception {
        String token = token();
        String kid = part(token, 0).path("kid").asText();
        String[] parts = token.split("\\.");

        // the server token without its kid: an application token with alg EdDSA
        String noKid = Tokens.base64url("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2];
        assertThat(verify(noKid).error()).isEqualTo("invalid_token");

        // an HS256 token that claims Ludus's kid, signed with the API secret
        String hsWithLudusKid = app.token().headerJson("kid", "\"" + kid + "\"").build();
        assertThat(verify(hsWithLudusKid).error()).isEqualTo("invalid_token");

        // HS256 keyed with the public key, the classic confusion
        String x = ludus.http().get("/.well-known/jwks.json").json().path("keys").get(0).path("x").asText();
        String confused = app.token().headerJson("kid", "\"" + kid + "\"").issuer(TestLudus.ISSUER)
                .subject(app.clientId()).secret(x).build();
        assertThat(verify(confused).error()).isEqualTo("invalid_token");

        // an application token presented to the server-token path with an unknown Ludus kid
        String unknownKid = Tokens.base64url("{\"alg\":\"EdDSA\",\"kid\":\"lk_unknown\"}") + "." + parts[1] + "." + parts[2];
        assertThat(verify(unknownKid).error()).isEqualTo("invalid_token");
    }

    @Test
    void emergencySigningKeyRotationWithdrawsTheOldKeyAtOnce() throws Exception {
        String old = token();
        Http.Answer rotated = ludus.http().post("/admin/v1/signing_keys/rotate", "{\"grace_seconds\":0}",
                TestLudus.operator());
        assertThat(rotated.status()).isEqualTo(200);

        assertThat(verify(old).error()).isEqualTo("invalid_token");
        JsonNode keys = ludus.http().get("/.well-known/jwks.json").json().path("keys");
        assertThat(keys).hasSize(1);
        String fresh = token();
        assertThat(part(fresh, 0).path("kid").asText()).isEqualTo(rotated.json().path("kid").asText());
        assertThat(verify(fresh).status()).isEqualTo(200);
        assertThat(ludus.http().post("/admin/v1/signing_keys/rotate", "{\"grace_seconds\":-1}", TestLudus.operator())
                .json().path("field").asText()).isEqualTo("grace_seconds");
    }

    @Test
    void tamperedServerTokenIsInvalidSignature() throws Exception {
        String token = token();
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"users:read\"", "\"admin\"");
        String forged = parts[0] + "." + Tokens.base64url(claims) + "." + parts[2];
        assertThat(verify(forged).error()).isEqualTo("invalid_signature");
    }

    @Test
    void rotatedSigningKeyStaysPublishedUntilItsLastTokenExpired() throws Exception {
        String old = token();
        String oldKid = part(old, 0).path("kid").asText();

        Http.Answer rotated = ludus.http().post("/admin/v1/signing_keys/rotate", null, TestLudus.operator());
        assertThat(rotated.status()).isEqualTo(200);
        String newKid = rotated.json().path("kid").asText();
        assertThat(newKid).startsWith("lk_").isNotEqualTo(oldKid);

        assertThat(ludus.http().get("/.well-known/jwks.json").json().path("keys")).hasSize(2);
        assertThat(verify(old).status()).isEqualTo(200);
        assertThat(token()).as("the current token is still handed out").isEqualTo(old);

        ludus.clock().advance(Duration.ofHours(7).plusMinutes(31));
        String renewed = token();
        assertThat(part(renewed, 0).path("kid").asText()).isEqualTo(newKid);

        ludus.clock().advance(Duration.ofMinutes(30).plusSeconds(61));
        JsonNode keys = ludus.http().get("/.well-known/jwks.json").json().path("keys");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).path("kid").asText()).isEqualTo(newKid);
        assertThat(verify(renewed).status()).isEqualTo(200);
    }
}
