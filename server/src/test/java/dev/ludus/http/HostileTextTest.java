package dev.ludus.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Input no store can keep or no CPU should chew on, sent as an attacker would: numbers with
 * exponents out of any range, NUL characters and unpaired UTF-16 surrogates in bodies, paths,
 * queries and token claims. Each is refused with 400 problem+json naming the field, on both stores,
 * and nothing is written.
 */
class HostileTextTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private TestApp app;
    private String[] service;
    private String[] admin;

    @BeforeEach
    void defineRules() {
        app = server.ludus().createApp();
        service = Http.bearer(app.tokenWith("users:read", "users:write"));
        admin = Http.bearer(app.tokenWith("admin"));
        new GameSetup(server.http(), app).metric("steps");
    }

    private static void assertRefused(Http.Answer answer, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).contains("application/problem+json");
        assertThat(answer.error()).isEqualTo("invalid_request");
        assertThat(answer.json().path("field").asText()).isEqualTo(field);
    }

    @Test
    @Timeout(10)
    void valueWithTinyExponentIsRefusedWithoutRescaling() {
        // rescaling 1e-30000000 to six decimal places took 17 to 52 s of CPU
        assertRefused(server.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"u1\",\"value\":1e-30000000}",
                service), "value");
        assertRefused(server.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"u1\",\"value\":1e+30000000}",
                service), "value");
    }

    @Test
    @Timeout(10)
    void thresholdsAndRatesWithHugeExponentsAreRefused() {
        assertRefused(server.http().send("PUT", "/v1/achievements/tiny", """
                {"name":"Tiny","trigger":{"type":"metric","metric":"steps","threshold":1e-30000000}}""", admin),
                "trigger.threshold");
        assertRefused(server.http().send("PUT", "/v1/points/xp", """
                {"name":"XP","triggers":[{"type":"metric","metric":"steps","points":1,"per":1e-30000000}]}""", admin),
                "triggers[0].per");
    }

    @Test
    void exponentBeyondAnIntIsRefusedInAnyBody() {
        // Jackson throws NumberFormatException for these; it used to answer 500
        Http.Answer event = server.http().post("/v1/events",
                "{\"metric\":\"steps\",\"user_id\":\"u1\",\"value\":1E-2147483648}", service);
        assertThat(event.status()).as(event.body()).isEqualTo(400);
        assertThat(event.error()).isEqualTo("invalid_request");
        Http.Answer tenant = server.http().post("/admin/v1/tenants", "{\"name\":\"t\",\"x\":1E+2147483648}",
                dev.ludus.testing.TestLudus.operator());
        assertThat(tenant.status()).as(tenant.body()).isEqualTo(400);
        assertThat(tenant.error()).isEqualTo("invalid_request");
    }

    @Test
    void unpairedSurrogatesInUserIdsAreRefusedAndDoNotMergeUsers() {
        assertRefused(server.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"x\\ud800\"}", service),
                "user_id");
        assertRefused(server.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"x\\udc01\"}", service),
                "user_id");
        Http.Answer plain = server.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"x?\"}", service);
        assertThat(plain.status()).as(plain.body()).isEqualTo(201);
        assertThat(plain.json().path("metric").path("total").asInt()).isEqualTo(1);
        // a pair is a character like any other
        Http.Answer pair = server.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"x\\ud83d\\ude00\"}",
                service);
        assertThat(pair.status()).as(pair.body()).isEqualTo(201);
        assertThat(pair.json().path("metric").path("total").asInt()).isEqualTo(1);
    }

    @Test
    void unpairedSurrogatesInKeysNamesAndMemberNamesAreRefused() {
        assertRefused(server.http().send("PUT", "/v1/metrics/laps", "{\"name\":\"Laps \\ud800\"}", admin), "name");
        Http.Answer memberName = server.http().send("PUT", "/v1/users/u1", "{\"attributes\":{\"k\\udfff\":\"v\"}}",
                service);
        assertThat(memberName.status()).as(memberName.body()).isEqualTo(400);
        assertThat(memberName.error()).isEqualTo("invalid_request");
        assertThat(server.http().get("/v1/users/u1", service).status()).isEqualTo(404);
    }

    /** An application token whose {@code sub} is written in the payload exactly as {@code jsonText}. */
    private String tokenWithRawSubject(String jsonText) {
        long now = server.ludus().clock().instant().getEpochSecond();
        String header = Tokens.base64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = Tokens.base64url("{\"iss\":\"" + app.tenantId() + "\",\"aud\":\"" + app.applicationId()
                + "\",\"sub\":\"" + jsonText + "\",\"iat\":" + now + ",\"exp\":" + (now + 600)
                + ",\"scope\":[\"read\",\"write\"]}");
        return header + "." + payload + "." + Tokens.base64url(Tokens.hmacSha256(app.apiSecret(), header + "." + payload));
    }

    @Test
    void tokenWhoseSubjectHasAnUnpairedSurrogateActsForNobody() {
        String token = tokenWithRawSubject("x\\ud800");
        Http.Answer verify = server.http().get("/v1/auth/verify", Http.bearer(token));
        assertThat(verify.status()).as(verify.body()).isEqualTo(400);
        assertThat(verify.error()).isEqualTo("invalid_request");
        assertThat(verify.json().path("claim").asText()).isEqualTo("sub");
        Http.Answer event = server.http().post("/v1/events", "{\"metric\":\"steps\"}", Http.bearer(token));
        assertThat(event.status()).isEqualTo(400);
        assertThat(server.http().get("/v1/users/x%3F", service).status()).isEqualTo(404);
    }

    @Test
    void nulInBodiesIsRefused() {
        assertRefused(server.http().send("PUT", "/v1/metrics/laps", "{\"name\":\"La\\u0000ps\"}", admin), "name");
        assertRefused(server.http().post("/v1/events", "{\"metric\":\"st\\u0000eps\",\"user_id\":\"u1\"}", service),
                "metric");
        assertRefused(server.http().send("PUT", "/v1/users/u1", "{\"name\":\"A\\u0000\"}", service), "name");
        assertRefused(server.http().post("/v1/events/batch",
                "{\"events\":[{\"metric\":\"steps\",\"user_id\":\"u1\",\"attributes\":{\"a\":\"\\u0000\"}}]}", service),
                "events[0].attributes.a");
        assertRefused(server.http().post("/admin/v1/tenants", "{\"name\":\"T\\u0000\"}",
                dev.ludus.testing.TestLudus.operator()), "name");
    }

    @Test
    void nulInPathsAndQueriesIsRefused() {
        assertRefused(server.http().send("PUT", "/v1/metrics/la%00ps", "{\"name\":\"Laps\"}", admin), "path");
        assertRefused(server.http().get("/v1/users/u%001", service), "path");
        assertRefused(server.http().get("/v1/metrics?cursor=a%00b", admin), "cursor");
        assertRefused(server.http().get("/admin/v1/tenants/ten%00", dev.ludus.testing.TestLudus.operator()), "path");
    }
}
