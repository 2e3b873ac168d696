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
        assertThat(app.path("timezone").asText()).isEqualTo("UTC");

        Http.Answer shown = server.http().get("/admin/v1/applications/" + app.path("id").asText(), TestLudus.operator());
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).doesNotContain(app.path("api_secret").asText())
                .doesNotContain(app.path("client_secret").asText()).doesNotContain("secret\"");
        assertThat(shown.json().path("default_scopes").toString()).isEqualTo("[\"read\",\"write\"]");
        assertThat(shown.json().path("max_token_lifetime_seconds").asLong()).isEqualTo(86_400);
        assertThat(shown.json().path("timezone").asText()).isEqualTo("UTC");

        Http.Answer listed = server.http().get("/admin/v1/tenants/" + tenantId + "/applications", TestLudus.operator());
        assertThat(listed.json().path("items")).hasSize(1);
        assertThat(listed.body()).doesNotContain(app.path("api_secret").asText());
    }

    @Test
    void operatorSetsTheTimezoneAndEveryApplicationAnswerShowsIt() {
        String tenantId = server.http().post("/admin/v1/tenants", "{\"name\":\"Zoned\"}", TestLudus.operator())
                .json().path("id").asText();
        String appId = server.http().post("/admin/v1/tenants/" + tenantId + "/applications", "{\"name\":\"Game\"}",
                TestLudus.operator()).json().path("id").asText();

        Http.Answer patched = server.http().patch("/admin/v1/applications/" + appId, "{\"timezone\":\"Asia/Tokyo\"}",
                TestLudus.operator());

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("timezone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(server.http().get("/admin/v1/applications/" + appId, TestLudus.operator()).json().path("timezone")
                .asText()).isEqualTo("Asia/Tokyo");
        assertThat(server.http().get("/admin/v1/tenants/" + tenantId + "/applications", TestLudus.operator()).json()
                .path("items").path(0).path("timezone").asText()).isEqualTo("Asia/Tokyo");

        Http.Answer refused = server.http().patch("/admin/v1/applications/" + appId, "{\"timezone\":\"Tokyo\"}",
                TestLudus.operator());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("field").asText()).isEqualTo("timezone");
    }

    @Test
    void applicationListsPageWithLimitAndCursor() {
        String tenantId = server.http().post("/admin/v1/tenants", "{\"name\":\"Paged\"}", TestLudus.operator())
                .json().path("id").asText();
        java.util.Set<String> created = new java.util.TreeSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(server.http().post("/admin/v1/tenants/" + tenantId + "/applications", "{\"name\":\"a" + i + "\"}",
                    TestLudus.operator()).json().path("id").asText());
        }
        java.util.List<String> seen = new java.util.ArrayList<>();
        String path = "/admin/v1/tenants/" + tenantId + "/applications?limit=2";
        int pages = 0;
        while (true) {
            JsonNode page = server.http().get(path, TestLudus.operator()).json();
            page.path("items").forEach(item -> seen.add(item.path("id").asText()));
            pages++;
            if (page.path("next_cursor").isNull()) {
                break;
            }
            path = "/admin/v1/tenants/" + tenantId + "/applications?limit=2&cursor=" + page.path("next_cursor").asText();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);

        for (String query : new String[] {"limit=0", "limit=101", "limit=ten"}) {
            assertThat(server.http().get("/admin/v1/tenants/" + tenantId + "/applications?" + query, TestLudus.operator())
                    .json().path("field").asText()).as(query).isEqualTo("limit");
        }
        assertThat(server.http().get("/admin/v1/tenants/" + tenantId + "/applications?cursor=not*a*cursor", TestLudus.operator())
                .json().path("field").asText()).isEqualTo("cursor");
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
    void chunkedBodyOverTheLimitIs413ProblemJson() throws Exception {
        byte[] chunk = ("100000\r\n" + "n".repeat(0x100000) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String answer = rawExchange("Transfer-Encoding: chunked", chunk, 3);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json")
                .contains("\"error\":\"payload_too_large\"");
    }

    @Test
    void declaredBodyOverTheLimitIs413ProblemJson() throws Exception {
        String answer = rawExchange("Content-Length: " + (3 * 1024 * 1024), "{\"name\":\"".getBytes(), 1);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json")
                .contains("\"error\":\"payload_too_large\"").contains("X-Request-Id");
    }

    /**
     * Sends a POST to /admin/v1/tenants over a raw socket with the given framing header, writing
     * {@code body} {@code times} times (the server may stop reading early), and reads the answer
     * until its problem body has arrived or five seconds passed.
     */
    private String rawExchange(String framing, byte[] body, int times) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.ludus().ludus().port())) {
            socket.setSoTimeout(5_000);
            String head = "POST /admin/v1/tenants HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TestLudus.ADMIN_KEY + "\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n";
            var out = socket.getOutputStream();
            out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            try {
                for (int i = 0; i < times; i++) {
                    out.write(body);
                }
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the server answered and stopped reading: the answer is still there to read
            }
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[8192];
            try {
                for (int read; (read = socket.getInputStream().read(buffer)) > 0; ) {
                    answer.append(new String(buffer, 0, read, java.nio.charset.StandardCharsets.US_ASCII));
                    if (answer.indexOf("}") > 0 && answer.indexOf("payload_too_large") > 0) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // whatever arrived is asserted on
            }
            return answer.toString();
        }
    }
}
