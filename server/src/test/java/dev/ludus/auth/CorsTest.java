package dev.ludus.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CORS for browser clients (docs/cors.md), on both stores: origins set per application and refused
 * when malformed, preflights answered without a token from the union of the applications' lists,
 * the answer itself opened only to the origins of the token's application, errors opened too, and
 * the routes that are never opened to browsers.
 */
class CorsTest {

    private static final String A = "https://a.example";
    private static final String B = "https://b.example";
    private static final String EVIL = "https://evil.example";

    @RegisterExtension
    static final LudusServer server = new LudusServer(Map.of("LUDUS_CORS_ORIGINS", "http://localhost:5173"));

    private static TestApp appA;
    private static TestApp appB;

    @BeforeAll
    static void applications() {
        appA = server.ludus().createApp();
        appB = server.ludus().createApp();
        assertThat(origins(appA, "[\"https://A.example:443\", \"https://a.example\", \"http://127.0.0.1:8081\"]"))
                .as("normalised as browsers send them, without repeats")
                .containsExactly(A, "http://127.0.0.1:8081");
        assertThat(origins(appB, "[\"" + B + "\"]")).containsExactly(B);
        new dev.ludus.testing.GameSetup(server.http(), appA).metric("steps");
        Http.Answer event = server.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"user_123\","
                + "\"value\":3}", Http.bearer(appA.tokenWith("users:write")));
        assertThat(event.status()).as(event.body()).isEqualTo(201);
    }

    private static List<String> origins(TestApp app, String list) {
        Http.Answer patched = server.http().patch("/admin/v1/applications/" + app.applicationId(),
                "{\"cors_origins\": " + list + "}", TestLudus.operator());
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        List<String> origins = new java.util.ArrayList<>();
        patched.json().path("cors_origins").forEach(origin -> origins.add(origin.asText()));
        return origins;
    }

    private static Http.Answer preflight(String path, String origin, String method, String headers) {
        return server.http().unchecked().send("OPTIONS", path, null, "Origin", origin,
                "Access-Control-Request-Method", method, "Access-Control-Request-Headers", headers);
    }

    private static Http.Answer get(String path, String origin, String token) {
        return server.http().get(path, "Origin", origin, "Authorization", "Bearer " + token);
    }

    @Test
    void malformedOriginsAreRefusedNamingThem() {
        for (String bad : List.of("https://a.example/app", "*", "https://*.example.com", "ftp://a.example",
                "a.example", "https://user@a.example", "https://a.example/")) {
            Http.Answer refused = server.http().patch("/admin/v1/applications/" + appA.applicationId(),
                    "{\"cors_origins\": [\"" + bad + "\"]}", TestLudus.operator());
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().path("field").asText()).isEqualTo("cors_origins");
            assertThat(refused.json().path("detail").asText()).contains("'" + bad + "'");
        }
        assertThat(server.http().get("/admin/v1/applications/" + appA.applicationId(), TestLudus.operator()).json()
                .path("cors_origins").toString()).as("unchanged").isEqualTo("[\"" + A + "\",\"http://127.0.0.1:8081\"]");
    }

    @Test
    void theApplicationSetsItsOwnOriginsWithAnAdminToken() {
        TestApp app = server.ludus().createApp();
        Http.Answer patched = server.http().patch("/v1/application", "{\"cors_origins\": [\"https://own.example\"]}",
                "Authorization", "Bearer " + app.tokenWith("admin"));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("cors_origins").get(0).asText()).isEqualTo("https://own.example");
        assertThat(preflight("/v1/users/u1/progress", "https://own.example", "GET", "authorization").status())
                .as("in force at once on this node").isEqualTo(204);
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithoutAToken() {
        Http.Answer answer = preflight("/v1/users/u1/progress", B, "GET", "authorization");
        assertThat(answer.status()).as(answer.body()).isEqualTo(204);
        assertThat(answer.header("Access-Control-Allow-Origin")).hasValue(B);
        assertThat(answer.header("Access-Control-Allow-Methods")).hasValue("GET");
        assertThat(answer.header("Access-Control-Allow-Headers").orElseThrow())
                .contains("Authorization", "Content-Type", "Idempotency-Key", "Accept-Language");
        assertThat(answer.header("Access-Control-Max-Age")).hasValue("600");
        assertThat(answer.headers().allValues("Vary")).contains("Origin");

        Http.Answer events = preflight("/v1/events", "http://localhost:5173", "POST", "authorization, content-type,"
                + " idempotency-key");
        assertThat(events.status()).as("the server-wide default origin").isEqualTo(204);
        assertThat(events.header("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
    }

    @Test
    void aPreflightFromAnOriginNoApplicationAllowsIsRefused() {
        for (Http.Answer refused : List.of(
                preflight("/v1/users/u1/progress", EVIL, "GET", "authorization"),
                preflight("/v1/users/u1/progress", "https://a.example.evil.example", "GET", "authorization"),
                preflight("/v1/users/u1/progress", B, "GET", "x-custom"),
                preflight("/v1/users/u1/progress", B, "PATCH", "authorization"))) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().path("error").asText()).isEqualTo("cors_refused");
            assertThat(refused.header("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void theAnswerIsOpenedOnlyToTheOriginsOfTheTokensApplication() {
        String token = appA.tokenWith("read");
        Http.Answer own = get("/v1/users/user_123/progress", A, token);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.header("Access-Control-Allow-Origin")).as(own.toString()).hasValue(A);
        assertThat(own.header("Access-Control-Expose-Headers").orElseThrow())
                .contains("Retry-After", "X-Request-Id", "Deprecation", "Sunset", "Link");
        assertThat(own.headers().allValues("Vary")).contains("Origin");

        Http.Answer other = get("/v1/users/user_123/progress", B, token);
        assertThat(other.status()).as("the request is served; the browser refuses to show the answer")
                .isEqualTo(own.status());
        assertThat(other.header("Access-Control-Allow-Origin")).as("B's origin with A's token").isEmpty();
        assertThat(get("/v1/users/user_123/progress", "http://localhost:5173", token).header("Access-Control-Allow-Origin"))
                .as("the server-wide default").hasValue("http://localhost:5173");
        assertThat(server.http().get("/v1/users/user_123/progress", "Authorization", "Bearer " + token)
                .header("Access-Control-Allow-Origin")).as("no Origin, no CORS").isEmpty();
    }

    @Test
    void errorsCarryTheHeadersSoTheBrowserCanReadWhy() {
        Http.Answer noToken = server.http().get("/v1/users/u1/progress", "Origin", A);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.header("Access-Control-Allow-Origin")).hasValue(A);
        Http.Answer badToken = get("/v1/users/u1/progress", B, "not.a.token");
        assertThat(badToken.status()).isEqualTo(401);
        assertThat(badToken.header("Access-Control-Allow-Origin")).hasValue(B);
        JsonNode problem = badToken.json();
        assertThat(problem.path("error").asText()).isEqualTo("invalid_token");
        Http.Answer notFound = get("/v1/metrics/nope", A, appA.tokenWith("read"));
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.header("Access-Control-Allow-Origin")).hasValue(A);
        assertThat(server.http().get("/v1/users/u1/progress", "Origin", EVIL).header("Access-Control-Allow-Origin"))
                .as("an origin nobody allows learns nothing").isEmpty();
    }

    @Test
    void secretsAndAdminRoutesAreNeverOpenedToBrowsers() {
        for (Http.Answer refused : List.of(
                preflight("/v1/auth_token", A, "POST", "authorization"),
                preflight("/v1/metrics/steps", A, "PUT", "authorization, content-type"),
                preflight("/v1/webhooks", A, "POST", "authorization, content-type"),
                preflight("/v1/application", A, "PATCH", "authorization, content-type"),
                preflight("/v1/auth/revocations", A, "POST", "authorization, content-type"))) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().path("detail").asText()).contains("not open to browsers");
            assertThat(refused.header("Access-Control-Allow-Origin")).isEmpty();
        }
        assertThat(preflight("/v1/metrics/steps", A, "GET", "authorization").status())
                .as("reading a rule is open; changing it is not").isEqualTo(204);

        String admin = appA.tokenWith("admin", "read", "write");
        Http.Answer put = server.http().send("PUT", "/v1/metrics/steps", "{\"name\": \"Steps\"}", "Origin", A,
                "Authorization", "Bearer " + admin);
        assertThat(put.status()).as(put.body()).isIn(200, 201);
        assertThat(put.header("Access-Control-Allow-Origin")).as("an admin route, even with the right origin").isEmpty();
        Http.Answer token = server.http().send("POST", "/v1/auth_token", null, concat(appA.basic(), "Origin", A));
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(server.http().get("/admin/v1/tenants", concat(TestLudus.operator(), "Origin", A))
                .header("Access-Control-Allow-Origin")).as("the operator API").isEmpty();
    }

    private static String[] concat(String[] headers, String... more) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }
}
