package dev.ludus.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.Http;
import dev.ludus.testing.LegacySigner;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Legacy ECDSA request signing over real HTTP, with an independent signer. */
class EcdsaRequestSigningTest {

    private TestLudus ludus;
    private TestApp app;
    private LegacySigner signer;

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        app = ludus.createApp();
        signer = LegacySigner.random();
        register(signer.address(), null);
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    private Http.Answer register(String address, String scopes) {
        String body = "{\"address\":\"" + address + "\"" + (scopes == null ? "" : ",\"scopes\":" + scopes) + "}";
        return ludus.http().post("/v1/application/ecdsa_keys", body, Http.bearer(app.tokenWith("admin")));
    }

    /** A signed request's headers: what a legacy SDK sends. */
    private String[] signed(LegacySigner by, String method, String pathWithQuery, long timestamp, String nonce, String body) {
        byte[] signature = by.sign(LegacySigner.message(method, pathWithQuery, timestamp, nonce,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
        return headers(HexFormat.of().formatHex(signature), timestamp, nonce);
    }

    private String[] headers(String signatureHex, long timestamp, String nonce) {
        return new String[] {"authsignature", signatureHex, "X-Ludus-App", app.applicationId(),
                "X-Ludus-Timestamp", Long.toString(timestamp), "X-Ludus-Nonce", nonce};
    }

    private long now() {
        return ludus.clock().instant().getEpochSecond();
    }

    private static String nonce() {
        return UUID.randomUUID().toString();
    }

    private Http.Answer getVerify(String[] headers) {
        return ludus.http().get("/v1/auth/verify", headers);
    }

    private static void assertRefused(Http.Answer answer, String error) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        assertThat(answer.error()).isEqualTo(error);
    }

    @Test
    void signedRequestAuthenticatesAsEcdsaWithDeprecationHeaders() {
        Http.Answer answer = getVerify(signed(signer, "GET", "/v1/auth/verify", now(), nonce(), null));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("method").asText()).isEqualTo("ecdsa");
        assertThat(answer.json().path("subject").asText()).isEqualTo(signer.address());
        assertThat(answer.json().path("application_id").asText()).isEqualTo(app.applicationId());
        assertThat(answer.json().path("scopes").toString()).isEqualTo("[\"users:read\",\"users:write\"]");
        assertThat(answer.header("Deprecation")).hasValueSatisfying(value -> assertThat(value).matches("@[0-9]+"));
        assertThat(answer.header("Sunset")).hasValue("Fri, 31 Dec 2027 00:00:00 GMT");
        assertThat(answer.header("Link")).hasValue("<https://ludus.dev/docs/migrating-from-ecdsa>; rel=\"deprecation\"");
        assertThat(getVerify(Http.bearer(app.tokenWith("read"))).header("Deprecation")).isEmpty();
    }

    @Test
    void sunsetIsAnHttpDateWithATwoDigitDay() {
        try (TestLudus other = TestLudus.start(java.util.Map.of("LUDUS_ECDSA_SUNSET", "2029-01-05T00:00:00Z"))) {
            TestApp otherApp = other.createApp();
            other.http().post("/v1/application/ecdsa_keys", "{\"address\":\"" + signer.address() + "\"}",
                    Http.bearer(otherApp.tokenWith("admin")));
            String nonce = nonce();
            long now = other.clock().instant().getEpochSecond();
            byte[] signature = signer.sign(LegacySigner.message("GET", "/v1/auth/verify", now, nonce, new byte[0]));
            Http.Answer answer = other.http().get("/v1/auth/verify", "authsignature", HexFormat.of().formatHex(signature),
                    "X-Ludus-App", otherApp.applicationId(), "X-Ludus-Timestamp", Long.toString(now), "X-Ludus-Nonce", nonce);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Sunset")).hasValue("Fri, 05 Jan 2029 00:00:00 GMT");
        }
    }

    @Test
    void signedPostCarriesItsBodyToTheHandler() {
        LegacySigner admin = LegacySigner.random();
        register(admin.address(), "[\"admin\"]");
        String body = "{\"jti\":\"signed-revocation\"}";
        Http.Answer answer = ludus.http().post("/v1/auth/revocations", body,
                signed(admin, "POST", "/v1/auth/revocations", now(), nonce(), body));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("jti").asText()).isEqualTo("signed-revocation");
    }

    @Test
    void acceptsVAsZeroOrOne() {
        String nonce = nonce();
        byte[] signature = signer.sign(LegacySigner.message("GET", "/v1/auth/verify", now(), nonce, new byte[0]));
        signature[64] -= 27;
        assertThat(getVerify(headers(HexFormat.of().formatHex(signature), now(), nonce)).status()).isEqualTo(200);
    }

    @Test
    void everyTamperedPartOfTheMessageFails() {
        long now = now();
        String body = "{\"jti\":\"x\"}";
        LegacySigner admin = LegacySigner.random();
        register(admin.address(), "[\"admin\"]");
        // signed for one thing, sent as another
        assertRefused(ludus.http().get("/v1/auth/verify", signed(signer, "POST", "/v1/auth/verify", now, nonce(), null)),
                "invalid_signature");
        assertRefused(ludus.http().get("/v1/auth/verify?x=1", signed(signer, "GET", "/v1/auth/verify", now, nonce(), null)),
                "invalid_signature");
        assertRefused(ludus.http().get("/v1/auth/verify", signed(signer, "GET", "/v1/application", now, nonce(), null)),
                "invalid_signature");
        assertRefused(ludus.http().post("/v1/auth/revocations", "{\"jti\":\"y\"}",
                signed(admin, "POST", "/v1/auth/revocations", now, nonce(), body)), "invalid_signature");
        String[] headers = signed(signer, "GET", "/v1/auth/verify", now, nonce(), null);
        headers[5] = Long.toString(now + 1);
        assertRefused(getVerify(headers), "invalid_signature");
        headers = signed(signer, "GET", "/v1/auth/verify", now, nonce(), null);
        headers[7] = nonce();
        assertRefused(getVerify(headers), "invalid_signature");
    }

    @Test
    void replayIsRefusedEvenAfterARestart() {
        String[] headers = signed(signer, "GET", "/v1/auth/verify", now(), nonce(), null);
        assertThat(getVerify(headers).status()).isEqualTo(200);
        assertRefused(getVerify(headers), "replayed_request");
        ludus.restart();
        assertRefused(getVerify(headers), "replayed_request");
    }

    @Test
    void highSTwinIsRefused() {
        String nonce = nonce();
        byte[] signature = signer.sign(LegacySigner.message("GET", "/v1/auth/verify", now(), nonce, new byte[0]));
        String twin = HexFormat.of().formatHex(LegacySigner.highSTwin(signature));
        assertRefused(getVerify(headers(twin, now(), nonce)), "invalid_signature");
    }

    @Test
    void unregisteredAndRemovedKeysAreRefused() {
        LegacySigner stranger = LegacySigner.random();
        assertRefused(getVerify(signed(stranger, "GET", "/v1/auth/verify", now(), nonce(), null)), "invalid_signature");

        Http.Answer removed = ludus.http().send("DELETE", "/v1/application/ecdsa_keys/" + signer.address().toUpperCase()
                .replace("0X", "0x"), null, Http.bearer(app.tokenWith("admin")));
        assertThat(removed.status()).isEqualTo(204);
        assertRefused(getVerify(signed(signer, "GET", "/v1/auth/verify", now(), nonce(), null)), "invalid_signature");
    }

    @Test
    void timestampsMoreThanFiveMinutesOffAreRefused() {
        assertThat(getVerify(signed(signer, "GET", "/v1/auth/verify", now() - 299, nonce(), null)).status()).isEqualTo(200);
        assertThat(getVerify(signed(signer, "GET", "/v1/auth/verify", now() + 299, nonce(), null)).status()).isEqualTo(200);
        assertRefused(getVerify(signed(signer, "GET", "/v1/auth/verify", now() - 301, nonce(), null)), "request_expired");
        assertRefused(getVerify(signed(signer, "GET", "/v1/auth/verify", now() + 301, nonce(), null)), "request_expired");
    }

    @Test
    void missingHeadersAreInvalidToken() {
        String[] full = signed(signer, "GET", "/v1/auth/verify", now(), nonce(), null);
        for (int drop = 2; drop < full.length; drop += 2) {
            List<String> headers = new ArrayList<>(List.of(full));
            headers.remove(drop);
            headers.remove(drop);
            assertRefused(getVerify(headers.toArray(String[]::new)), "invalid_token");
        }
    }

    @Test
    void turnedOffEcdsaAnswersMethodDisabled() {
        ludus.http().patch("/v1/application", "{\"ecdsa_enabled\":false}", Http.bearer(app.tokenWith("admin")));
        assertRefused(getVerify(signed(signer, "GET", "/v1/auth/verify", now(), nonce(), null)), "method_disabled");
    }

    @Test
    void usageIsVisibleToOperators() {
        assertThat(ludus.http().get("/v1/application", Http.bearer(app.tokenWith("admin"))).json()
                .path("ecdsa_last_used_at").isNull()).isTrue();
        getVerify(signed(signer, "GET", "/v1/auth/verify", now(), nonce(), null));
        getVerify(Http.bearer(app.tokenWith("read")));

        assertThat(ludus.http().get("/v1/application", Http.bearer(app.tokenWith("admin"))).json()
                .path("ecdsa_last_used_at").asText()).endsWith("Z");
        String metrics = ludus.http().get("/metrics").body();
        assertThat(metrics).containsPattern("ludus_auth_requests_total\\{application=\"" + app.applicationId()
                + "\",method=\"ecdsa\"} 1\\.0");
        assertThat(metrics).containsPattern("ludus_auth_requests_total\\{application=\"" + app.applicationId()
                + "\",method=\"jwt\"} [1-9]");
    }

    @Test
    void keyRegistrationChecksAddressesAndChecksums() {
        Http.Answer checksummed = register("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "[\"read\"]");
        assertThat(checksummed.status()).as(checksummed.body()).isEqualTo(201);
        assertThat(checksummed.json().path("address").asText()).isEqualTo("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        assertThat(checksummed.json().path("scopes").toString()).isEqualTo("[\"read\"]");

        assertThat(register("0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed", null).json().path("field").asText())
                .isEqualTo("address");
        assertThat(register("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", null).status()).as("the same key, any case")
                .isEqualTo(409);
        assertThat(register("0x1234", null).status()).isEqualTo(400);
        assertThat(register(signer.address(), "[\"root\"]").json().path("field").asText()).isEqualTo("scopes");
        Http.Answer listed = ludus.http().get("/v1/application/ecdsa_keys", Http.bearer(app.tokenWith("admin")));
        assertThat(listed.json().path("items")).hasSize(2);
        Http.Answer operator = ludus.http().get("/admin/v1/applications/" + app.applicationId() + "/ecdsa_keys",
                TestLudus.operator());
        assertThat(operator.json().path("items")).hasSize(2);
        assertThat(ludus.http().get("/v1/application/ecdsa_keys", Http.bearer(app.tokenWith("write"))).status())
                .isEqualTo(403);
        Http.Answer first = ludus.http().get("/v1/application/ecdsa_keys?limit=1", Http.bearer(app.tokenWith("admin")));
        assertThat(first.json().path("items")).hasSize(1);
        Http.Answer second = ludus.http().get("/v1/application/ecdsa_keys?limit=1&cursor="
                + first.json().path("next_cursor").asText(), Http.bearer(app.tokenWith("admin")));
        assertThat(second.json().path("items")).hasSize(1);
        assertThat(second.json().path("next_cursor").isNull()).isTrue();
        assertThat(second.json().path("items").get(0).path("address").asText())
                .isGreaterThan(first.json().path("items").get(0).path("address").asText());
    }

    @Test
    void garbageNeverCausesA5xxAndFuzzedHeadersOnlyGet401() {
        java.util.Random random = new java.util.Random(42);
        String[] valid = signed(signer, "GET", "/v1/auth/verify", now(), nonce(), null);
        assertThat(getVerify(valid).status()).as("used once, so an unchanged copy is a replay").isEqualTo(200);
        String alphabet = "0123456789abcdefABCDEF-_xyz!@#$%^&*() \t\u00e9\u4e2d";
        int statuses401 = 0;
        for (int i = 0; i < 2000; i++) {
            String[] headers = valid.clone();
            int which = 1 + 2 * random.nextInt(4);
            headers[which] = switch (random.nextInt(5)) {
                case 0 -> "";
                case 1 -> randomText(random, alphabet, random.nextInt(300));
                case 2 -> mutate(valid[which], random, alphabet);
                case 3 -> valid[which].substring(0, random.nextInt(valid[which].length() + 1));
                default -> valid[which] + randomText(random, alphabet, 1 + random.nextInt(5));
            };
            headers[which] = headers[which].replaceAll("[\\t\\u0000-\\u001f\\u007f-\\uffff]", "?");
            Http.Answer answer = getVerify(headers);
            assertThat(answer.status()).as("headers %s: %s", String.join("|", headers), answer.body()).isEqualTo(401);
            statuses401++;
        }
        assertThat(statuses401).isEqualTo(2000);
    }

    private static String mutate(String value, java.util.Random random, String alphabet) {
        if (value.isEmpty()) {
            return randomText(random, alphabet, 3);
        }
        char[] chars = value.toCharArray();
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
            chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }

    private static String randomText(java.util.Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
