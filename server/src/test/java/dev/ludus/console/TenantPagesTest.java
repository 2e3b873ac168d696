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
 * The operator's tenant and application pages over HTTP: the tenants as the home page, creating and
 * renaming, an application's secrets shown in the one answer that creates them and in no page after,
 * and names escaped wherever they are shown.
 */
class TenantPagesTest {

    private TestLudus ludus;
    private ConsoleClient browser;

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        browser = new ConsoleClient(ludus).signInWithOperatorKey();
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    /** Creates a tenant through the console; its id. */
    private String createTenant(String name) {
        browser.get("/console/tenants");
        ConsoleClient.Page created = browser.post("/console/tenants", "name", name);
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        assertThat(created.location()).startsWith("/console/tenants/ten_").endsWith("?done=created");
        return Html.lastSegment(created.location());
    }

    @Test
    void theOperatorsHomeListsTheTenants() {
        String tenantId = createTenant("Acme");

        ConsoleClient.Page home = browser.get("/console");

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("<h1>Tenants</h1>", "/console/tenants/" + tenantId, "Acme");
        assertThat(browser.get("/console/tenants").body()).contains("/console/tenants/" + tenantId);
    }

    @Test
    void createsATenantAndAnApplicationAndShowsItsSecretsOnlyOnce() {
        String tenantId = createTenant("Acme");
        ConsoleClient.Page tenant = browser.follow("/console/tenants/" + tenantId + "?done=created");
        assertThat(tenant.body()).contains("Tenant created.", "Acme", "No application yet.");

        ConsoleClient.Page created = browser.post("/console/tenants/" + tenantId + "/applications",
                "application_name", "Game");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("HX-Push-Url")).hasValue("false");
        assertThat(created.header("Cache-Control")).hasValue("no-store");
        assertThat(created.body()).contains("hx-history=\"false\"", "data-copy=\"api-secret\"",
                "data-copy=\"client-secret\"");
        String appId = Html.text(created.body(), "application-id");
        String apiSecret = Html.text(created.body(), "api-secret");
        String clientId = Html.text(created.body(), "client-id");
        String clientSecret = Html.text(created.body(), "client-secret");
        assertThat(apiSecret).startsWith("sk_");
        assertThat(clientSecret).startsWith("cs_");

        TestApp app = new TestApp(tenantId, appId, apiSecret, clientId, clientSecret, ludus.clock());
        assertThat(ludus.http().get("/v1/auth/verify", Http.bearer(app.tokenWith("read"))).status())
                .as("the secret shown is the application's").isEqualTo(200);
        assertThat(ludus.http().post("/v1/auth_token", "", app.basic()).status()).isEqualTo(200);

        for (String later : new String[] {"/console/apps/" + appId, "/console/tenants/" + tenantId, "/console",
                "/console/apps/" + appId + "/settings", "/console/apps/" + appId + "/settings/credentials"}) {
            ConsoleClient.Page page = browser.get(later);
            assertThat(page.status()).as(later).isEqualTo(200);
            assertThat(page.body()).as(later).doesNotContain(apiSecret).doesNotContain(clientSecret);
        }
        ConsoleClient.Page application = browser.get("/console/apps/" + appId);
        assertThat(application.body()).contains(appId, clientId, "Game");
    }

    @Test
    void renamesATenantAndAnApplication() {
        TestApp app = ludus.createApp();
        browser.get("/console/tenants/" + app.tenantId());

        ConsoleClient.Page renamed = browser.post("/console/tenants/" + app.tenantId(), "name", "Acme Games");

        assertThat(renamed.status()).as(renamed.body()).isEqualTo(303);
        assertThat(browser.follow(renamed.location()).body()).contains("Tenant renamed.", "Acme Games");
        assertThat(ludus.http().get("/admin/v1/tenants/" + app.tenantId(), TestLudus.operator()).json().path("name")
                .asText()).isEqualTo("Acme Games");

        browser.get("/console/apps/" + app.applicationId() + "/settings");
        ConsoleClient.Page saved = browser.post("/console/apps/" + app.applicationId() + "/settings",
                "name", "Game two", "max_token_lifetime_seconds", "86400", "default_scopes", "read",
                "client_scopes", "users:read", "timezone", "UTC", "ecdsa_enabled", "on");
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(ludus.http().get("/admin/v1/applications/" + app.applicationId(), TestLudus.operator()).json()
                .path("name").asText()).isEqualTo("Game two");
    }

    @Test
    void anEmptyNameIsShownNextToTheFieldAndCreatesNothing() {
        String tenantId = createTenant("Acme");
        browser.get("/console/tenants/" + tenantId);

        ConsoleClient.Page refused = browser.post("/console/tenants/" + tenantId + "/applications",
                "application_name", "   ");
        ConsoleClient.Page noTenant = browser.post("/console/tenants", "name", "");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("HX-Push-Url")).hasValue("false");
        assertThat(Html.errorFor(refused.body(), "application_name")).isEqualTo("'name' must not be empty");
        assertThat(noTenant.status()).isEqualTo(422);
        assertThat(Html.errorFor(noTenant.body(), "name")).isEqualTo("'name' must not be empty");
        assertThat(ludus.http().get("/admin/v1/tenants/" + tenantId + "/applications", TestLudus.operator()).json()
                .path("items")).isEmpty();
        assertThat(ludus.http().get("/admin/v1/tenants", TestLudus.operator()).json().path("items")).hasSize(1);
    }

    @Test
    void namesThatLookLikeMarkupAreShownAsText() {
        String name = "<script>alert(1)</script>";
        String tenantId = createTenant(name);
        browser.get("/console/tenants/" + tenantId);
        ConsoleClient.Page created = browser.post("/console/tenants/" + tenantId + "/applications",
                "application_name", name + "\"><img src=x>");
        String appId = Html.text(created.body(), "application-id");

        for (String path : new String[] {"/console/tenants", "/console/tenants/" + tenantId, "/console/apps/" + appId,
                "/console/apps/" + appId + "/settings", "/console/apps/" + appId + "/settings/credentials"}) {
            String body = browser.get(path).body();
            assertThat(body).as(path).doesNotContain("<script>alert").doesNotContain("<img src=x>")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        }
        assertThat(created.body()).doesNotContain("<script>alert");
    }

    @Test
    void aTenantThatDoesNotExistIs404() {
        assertThat(browser.get("/console/tenants/ten_nope").status()).isEqualTo(404);
        browser.get("/console/tenants");
        assertThat(browser.post("/console/tenants/ten_nope/applications", "application_name", "x").status())
                .isEqualTo(404);
    }

    @Test
    void creatingATenantIsRecordedAsTheOperatorKeysWork() {
        String tenantId = createTenant("Audited");

        JsonNode entry = ludus.http().get("/admin/v1/audit?action=tenant.created&tenant_id=" + tenantId,
                TestLudus.operator()).json().path("items").path(0);

        assertThat(entry.path("actor").path("kind").asText()).isEqualTo("operator");
        assertThat(entry.path("summary").asText()).isEqualTo("created tenant 'Audited'");
    }
}
