package dev.ludus.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestLudus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The operator API: its key, its answers, and 400s that name the field. */
class OperatorApiTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    @Test
    void refusesRequestsWithoutTheOperatorKey() {
        Http.Answer none = server.http().post("/admin/v1/tenants", "{\"name\":\"x\"}");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).hasValue("Bearer realm=\"ludus\"");

        Http.Answer wrong = server.http().post("/admin/v1/tenants", "{\"name\":\"x\"}", Http.bearer("wrong-key-wrong-key-wrong-key-wrong"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.error()).isEqualTo("invalid_token");
        assertThat(wrong.body()).doesNotContain(TestLudus.ADMIN_KEY);
    }

    @Test
    void refusesApplicationTokensOnTheOperatorApi() {
        String token = server.ludus().createApp().tokenWith("admin");
        assertThat(server.http().post("/admin/v1/tenants", "{\"name\":\"x\"}", Http.bearer(token)).status()).isEqualTo(401);
    }

    @Test
    void createsATenant() {
        Http.Answer answer = server.http().post("/admin/v1/tenants", "{\"name\":\"Acme\"}", TestLudus.operator());

        assertThat(answer.status()).isEqualTo(201);
        JsonNode tenant = answer.json();
        assertThat(tenant.path("id").asText()).matches("ten_[0-9a-z]{20}");
        assertThat(tenant.path("name").asText()).isEqualTo("Acme");
        assertThat(tenant.path("created_at").asText()).endsWith("Z");
        assertThat(answer.header("Location")).hasValue("/admin/v1/tenants/" + tenant.path("id").asText());
        assertThat(server.http().get("/admin/v1/tenants/" + tenant.path("id").asText(), TestLudus.operator()).json())
                .isEqualTo(tenant);
    }

    @Test
    void createsAnApplicationAndShowsItsSecretsOnce() {
        String tenantId = server.http().post("/admin/v1/tenants", "{\"name\":\"Acme\"}", TestLudus.operator()).json().path("id").asText();

        Http.Answer created = server.http().post("/admin/v1/tenants/" + tenantId + "/applications", "{\"name\":\"Game\"}",
                TestLudus.operator());

        assertThat(created.status()).isEqualTo(201);
        JsonNode app = created.json();
        assertThat(app.path("id").asText()).startsWith("app_");
        assertThat(app.path("tenant_id").asText()).isEqualTo(tenantId);
        assertThat(app.path("name").asText()).isEqualTo("Game");
        assertThat(app.path("api_secret").asText()).startsWith("sk_");
        assertThat(app.path("client_id").asText()).startsWith("cid_");
        assertThat(app.path("client_secret").asText()).startsWith("cs_");
        assertThat(app.path("created_at").asText()).endsWith("Z");

        Http.Answer shown = server.http().get("/admin/v1/applications/" + app.path("id").asText(), TestLudus.operator());
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).doesNotContain(app.path("api_secret").asText())
                .doesNotContain(app.path("client_secret").asText()).doesNotContain("secret\"");
        assertThat(shown.json().path("default_scopes").toString()).isEqualTo("[\"read\",\"write\"]");
        assertThat(shown.json().path("max_token_lifetime_seconds").asLong()).isEqualTo(86_400);

        Http.Answer listed = server.http().get("/admin/v1/tenants/" + tenantId + "/applications", TestLudus.operator());
        assertThat(listed.json().path("items")).hasSize(1);
        assertThat(listed.body()).doesNotContain(app.path("api_secret").asText());
    }

    @Test
    void applicationOfAnUnknownTenantIs404() {
        Http.Answer answer = server.http().post("/admin/v1/tenants/ten_nope/applications", "{\"name\":\"x\"}", TestLudus.operator());
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.error()).isEqualTo("not_found");
        assertThat(server.http().get("/admin/v1/tenants/ten_nope", TestLudus.operator()).status()).isEqualTo(404);
        assertThat(server.http().get("/admin/v1/applications/app_nope", TestLudus.operator()).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"name\":\"\"}", "{\"name\":\"   \"}", "{\"name\":42}", "{\"name\":null}",
            "{\"name\":[\"a\"]}", "{\"name\":\"ok\",\"colour\":\"red\"}"})
    void malformedTenantBodiesAre400NamingTheField(String body) {
        Http.Answer answer = server.http().post("/admin/v1/tenants", body, TestLudus.operator());
        assertThat(answer.status()).as(body).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("invalid_request");
        assertThat(answer.json().path("field").asText()).isIn("name", "colour");
        assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1,2]", "\"name\"", "{\"name\":\"a\"", "null", "{\"name\":\"a\",\"name\":\"b\"}", "{\"name\":\"a\"} {}"})
    void bodiesThatAreNotJsonObjectsAre400(String body) {
        Http.Answer answer = server.http().post("/admin/v1/tenants", body, TestLudus.operator());
        assertThat(answer.status()).as(body).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("invalid_request");
    }

    @Test
    void tooLongNameIs400() {
        Http.Answer answer = server.http().post("/admin/v1/tenants", "{\"name\":\"" + "n".repeat(201) + "\"}", TestLudus.operator());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("field").asText()).isEqualTo("name");
    }

    @Test
    void hugeBodyIs413() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.ludus().ludus().port())) {
            socket.setSoTimeout(10_000);
            String request = "POST /admin/v1/tenants HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TestLudus.ADMIN_KEY + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + (3 * 1024 * 1024) + "\r\n\r\n{\"name\":\"";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String head = new String(socket.getInputStream().readNBytes(200), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(head).startsWith("HTTP/1.1 413");
        }
    }
}
