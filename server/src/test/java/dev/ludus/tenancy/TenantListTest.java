package dev.ludus.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestLudus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /admin/v1/tenants} (paged, in id order) and {@code PATCH /admin/v1/tenants/{id}} (rename, audited). */
class TenantListTest {

    private TestLudus ludus;
    private Http http;

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        http = ludus.http();
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    private String createTenant(String name) {
        Http.Answer answer = http.post("/admin/v1/tenants", "{\"name\":\"" + name + "\"}", TestLudus.operator());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().path("id").asText();
    }

    @Test
    void listsEveryTenantInIdOrderPageByPage() {
        Set<String> created = new TreeSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(createTenant("t" + i));
        }
        List<String> seen = new ArrayList<>();
        String path = "/admin/v1/tenants?limit=2";
        int pages = 0;
        while (true) {
            Http.Answer answer = http.get(path, TestLudus.operator());
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            answer.json().path("items").forEach(item -> seen.add(item.path("id").asText()));
            pages++;
            if (answer.json().path("next_cursor").isNull()) {
                break;
            }
            path = "/admin/v1/tenants?limit=2&cursor=" + answer.json().path("next_cursor").asText();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);

        JsonNode first = http.get("/admin/v1/tenants", TestLudus.operator()).json().path("items").path(0);
        assertThat(first.path("name").asText()).startsWith("t");
        assertThat(first.path("created_at").asText()).endsWith("Z");
    }

    @Test
    void anEmptyServerListsNoTenant() {
        JsonNode page = http.get("/admin/v1/tenants", TestLudus.operator()).json();
        assertThat(page.path("items")).isEmpty();
        assertThat(page.path("next_cursor").isNull()).isTrue();
    }

    @Test
    void aBadLimitOrCursorNamesIt() {
        assertThat(http.get("/admin/v1/tenants?limit=0", TestLudus.operator()).json().path("field").asText())
                .isEqualTo("limit");
        assertThat(http.get("/admin/v1/tenants?cursor=not*a*cursor", TestLudus.operator()).json().path("field")
                .asText()).isEqualTo("cursor");
    }

    @Test
    void theListNeedsTheOperatorKey() {
        assertThat(http.get("/admin/v1/tenants").status()).isEqualTo(401);
        String admin = ludus.createApp().tokenWith("admin");
        assertThat(http.get("/admin/v1/tenants", Http.bearer(admin)).status()).isEqualTo(401);
        assertThat(http.patch("/admin/v1/tenants/ten_x", "{\"name\":\"x\"}", Http.bearer(admin)).status())
                .isEqualTo(401);
    }

    @Test
    void renamesATenantAndRecordsItInTheAuditLog() {
        String id = createTenant("Acme");

        Http.Answer renamed = http.patch("/admin/v1/tenants/" + id, "{\"name\":\"  Acme Games \"}", TestLudus.operator());

        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().path("id").asText()).isEqualTo(id);
        assertThat(renamed.json().path("name").asText()).isEqualTo("Acme Games");
        assertThat(http.get("/admin/v1/tenants/" + id, TestLudus.operator()).json().path("name").asText())
                .isEqualTo("Acme Games");
        JsonNode entry = http.get("/admin/v1/audit?action=tenant.renamed", TestLudus.operator()).json()
                .path("items").path(0);
        assertThat(entry.path("tenant_id").asText()).isEqualTo(id);
        assertThat(entry.path("target").path("id").asText()).isEqualTo(id);
        assertThat(entry.path("summary").asText()).isEqualTo("renamed tenant 'Acme' to 'Acme Games'");
        assertThat(entry.path("actor").path("kind").asText()).isEqualTo("operator");
    }

    @Test
    void renamingToTheSameNameRecordsNothing() {
        String id = createTenant("Same");

        assertThat(http.patch("/admin/v1/tenants/" + id, "{\"name\":\"Same\"}", TestLudus.operator()).status())
                .isEqualTo(200);

        assertThat(http.get("/admin/v1/audit?action=tenant.renamed", TestLudus.operator()).json().path("items"))
                .isEmpty();
    }

    @Test
    void aBadRenameNamesTheFieldAndChangesNothing() {
        String id = createTenant("Kept");
        for (String body : new String[] {"{}", "{\"name\":\"  \"}", "{\"name\":7}", "{\"name\":\"" + "x".repeat(201)
                + "\"}", "{\"name\":\"a\",\"other\":1}"}) {
            Http.Answer refused = http.patch("/admin/v1/tenants/" + id, body, TestLudus.operator());
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.json().path("field").asText()).as(body).isIn("name", "other");
        }
        assertThat(http.get("/admin/v1/tenants/" + id, TestLudus.operator()).json().path("name").asText())
                .isEqualTo("Kept");
    }

    @Test
    void renamingAnUnknownTenantIs404() {
        Http.Answer answer = http.patch("/admin/v1/tenants/ten_nope", "{\"name\":\"x\"}", TestLudus.operator());
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.error()).isEqualTo("not_found");
    }
}
