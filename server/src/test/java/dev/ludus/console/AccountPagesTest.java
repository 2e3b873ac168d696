package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The accounts pages over HTTP: an invitation's set-up link shown once and used, roles changed, an
 * account invited again and removed, each recorded in the audit log; and what admins and viewers of a
 * tenant or an application may reach of the operator pages.
 */
class AccountPagesTest {

    static final String PASSWORD = "correct horse battery staple";

    private TestLudus ludus;
    private ConsoleClient operator;
    private TestApp app;

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        operator = new ConsoleClient(ludus).signInWithOperatorKey();
        app = ludus.createApp();
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    /** Invites through the console; the answer (201, with the link). */
    private ConsoleClient.Page invite(String email, String kind, String target) {
        operator.get("/console/accounts");
        return operator.post("/console/accounts", "email", email, "display_name", "Ada", "role_kind", kind,
                "role_target", target);
    }

    /** A browser signed in as a new account with that role. */
    private ConsoleClient signedInAs(String email, String kind, String target) {
        ConsoleClient.Page invited = invite(email, kind, target);
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        String link = Html.text(invited.body(), "setup-link");
        ConsoleClient browser = new ConsoleClient(ludus);
        String path = link.substring(ludus.baseUrl().length());
        assertThat(browser.get(path).status()).isEqualTo(200);
        ConsoleClient.Page set = browser.post(path, "password", PASSWORD, "confirm", PASSWORD);
        assertThat(set.status()).as(set.body()).isEqualTo(303);
        browser.follow(set.location());
        return browser;
    }

    private List<String> auditActions() {
        return ludus.http().get("/admin/v1/audit?action=account.", TestLudus.operator()).json().path("items")
                .findValuesAsText("action");
    }

    private String accountId(String email) {
        String list = operator.get("/console/accounts").body();
        java.util.regex.Matcher matcher = java.util.regex.Pattern
                .compile("href=\"/console/accounts/(acc_[^\"]+)\">[^<]*</a></td><td>" + java.util.regex.Pattern.quote(email))
                .matcher(list);
        assertThat(matcher.find()).as(list).isTrue();
        return matcher.group(1);
    }

    @Test
    void anInvitationShowsItsSetUpLinkOnceAndTheLinkSignsIn() {
        ConsoleClient.Page invited = invite("ada@example.com", "admin", "tenant:" + app.tenantId());

        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        assertThat(invited.header("HX-Push-Url")).hasValue("false");
        assertThat(invited.body()).contains("hx-history=\"false\"", "data-copy=\"setup-link\"", "72 hours");
        String link = Html.text(invited.body(), "setup-link");
        assertThat(link).startsWith(ludus.baseUrl() + "/console/setup/");
        String token = link.substring(link.lastIndexOf('/') + 1);
        ConsoleClient.Page list = operator.get("/console/accounts");
        assertThat(list.body()).contains("ada@example.com", "invited", "admin of tenant Tenant").doesNotContain(token);
        assertThat(operator.get("/console/accounts/" + accountId("ada@example.com")).body()).doesNotContain(token);
        assertThat(auditActions()).containsExactly("account.invited");

        ConsoleClient ada = new ConsoleClient(ludus);
        ada.get("/console/setup/" + token);
        ConsoleClient.Page set = ada.post("/console/setup/" + token, "password", PASSWORD, "confirm", PASSWORD);
        assertThat(set.status()).as(set.body()).isEqualTo(303);
        ConsoleClient.Page home = ada.follow(set.location());
        assertThat(home.body()).contains("Ada", "/console/apps/" + app.applicationId());
        assertThat(new ConsoleClient(ludus).get("/console/setup/" + token).status()).as("used").isEqualTo(404);
    }

    @Test
    void badInvitationsAreShownNextToTheirFields() {
        ConsoleClient.Page email = invite("not-an-email", "viewer", "tenant:" + app.tenantId());
        ConsoleClient.Page noTarget = invite("bo@example.com", "admin", "");

        assertThat(email.status()).isEqualTo(422);
        assertThat(Html.errorFor(email.body(), "email")).contains("'email' must look like name@example.com");
        assertThat(noTarget.status()).isEqualTo(422);
        assertThat(Html.errorFor(noTarget.body(), "roles")).contains("tenant or an application");
        assertThat(invite("ada@example.com", "viewer", "application:" + app.applicationId()).status()).isEqualTo(201);
        ConsoleClient.Page twice = invite("ADA@example.com", "viewer", "application:" + app.applicationId());
        assertThat(Html.errorFor(twice.body(), "email")).contains("exists already");
        assertThat(auditActions()).containsExactly("account.invited");
    }

    @Test
    void rolesChangeInvitationsRenewAndAccountsGoEachAudited() {
        invite("ada@example.com", "viewer", "application:" + app.applicationId());
        String id = accountId("ada@example.com");
        String page = "/console/accounts/" + id;
        operator.get(page);

        ConsoleClient.Page roles = operator.post(page + "/roles", "role", "viewer:application:" + app.applicationId(),
                "role_kind", "admin", "role_target", "tenant:" + app.tenantId());
        assertThat(roles.status()).as(roles.body()).isEqualTo(303);
        assertThat(operator.follow(roles.location()).body()).contains("Roles saved.",
                "viewer of application App (Tenant)", "admin of tenant Tenant");

        ConsoleClient.Page again = operator.post(page + "/reinvite");
        assertThat(again.status()).isEqualTo(201);
        assertThat(Html.text(again.body(), "setup-link")).contains("/console/setup/");

        operator.get(page);
        ConsoleClient.Page refused = operator.post(page + "/remove", "confirm", "ada@example");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(Html.errorFor(refused.body(), "confirm")).contains("Nothing was changed");
        ConsoleClient.Page removed = operator.post(page + "/remove", "confirm", "ada@example.com");
        assertThat(removed.status()).isEqualTo(303);
        assertThat(operator.follow(removed.location()).body()).contains("Account removed.").doesNotContain("ada@example.com");
        assertThat(operator.get(page).status()).isEqualTo(404);

        assertThat(auditActions()).containsExactly("account.removed", "account.reinvited", "account.roles_changed",
                "account.invited");
        JsonNode entry = ludus.http().get("/admin/v1/audit?action=account.roles_changed", TestLudus.operator()).json()
                .path("items").path(0);
        assertThat(entry.path("actor").path("kind").asText()).isEqualTo("operator");
        assertThat(entry.path("target").path("id").asText()).isEqualTo(id);
    }

    @Test
    void aRemovedAccountIsSignedOut() {
        ConsoleClient ada = signedInAs("ada@example.com", "viewer", "tenant:" + app.tenantId());
        String page = "/console/accounts/" + accountId("ada@example.com");
        operator.get(page);

        assertThat(operator.post(page + "/remove", "confirm", "ada@example.com").status()).isEqualTo(303);

        assertThat(ada.get("/console").status()).as("back to sign-in").isEqualTo(303);
    }

    @Test
    void aTenantAdminReachesItsApplicationsButNoOperatorPageNorAnotherTenant() {
        TestApp other = ludus.createApp();
        ConsoleClient admin = signedInAs("ada@example.com", "admin", "tenant:" + app.tenantId());

        for (String path : new String[] {"/console/tenants", "/console/accounts", "/console/signing-keys"}) {
            assertThat(admin.get(path).status()).as(path).isEqualTo(403);
        }
        assertThat(admin.get("/console").body()).as("its home lists its applications, not the tenants")
                .contains("/console/apps/" + app.applicationId()).doesNotContain(other.applicationId());
        assertThat(admin.get("/console/apps/" + other.applicationId()).status()).isEqualTo(404);
        assertThat(admin.get("/console/apps/" + other.applicationId() + "/settings").status()).isEqualTo(404);
        assertThat(admin.get("/console/tenants/" + other.tenantId()).status()).isEqualTo(404);
        assertThat(admin.get("/console/apps/" + app.applicationId() + "/settings").status()).isEqualTo(200);
        ConsoleClient.Page tenant = admin.get("/console/tenants/" + app.tenantId());
        assertThat(tenant.status()).isEqualTo(200);
        assertThat(tenant.body()).doesNotContain("Create an application").doesNotContain("Rename the tenant");
        assertThat(admin.post("/console/tenants/" + app.tenantId() + "/applications", "application_name", "Mine")
                .status()).isEqualTo(403);
        assertThat(admin.post("/console/accounts", "email", "eve@example.com", "display_name", "Eve", "role_kind",
                "operator").status()).isEqualTo(403);
        assertThat(admin.post("/console/signing-keys/rotate").status()).isEqualTo(403);
    }

    @Test
    void aViewersChangesAreRefusedAndChangeNothing() {
        ConsoleClient viewer = signedInAs("vi@example.com", "viewer", "application:" + app.applicationId());
        String settings = "/console/apps/" + app.applicationId() + "/settings";

        ConsoleClient.Page overview = viewer.get("/console/apps/" + app.applicationId());
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.body()).doesNotContain(settings);
        assertThat(viewer.get(settings).status()).isEqualTo(403);
        ConsoleClient.Page post = viewer.post(settings, "name", "Taken", "max_token_lifetime_seconds", "60",
                "default_scopes", "read", "client_scopes", "read", "timezone", "Asia/Tokyo");
        assertThat(post.status()).isEqualTo(403);
        assertThat(viewer.post(settings + "/credentials/refresh", "refresh_secret", "both", "confirm", "App").status())
                .isEqualTo(403);
        assertThat(viewer.post(settings + "/revocations/all", "confirm", "App").status()).isEqualTo(403);

        JsonNode after = ludus.http().get("/admin/v1/applications/" + app.applicationId(), TestLudus.operator()).json();
        assertThat(after.path("name").asText()).isEqualTo("App");
        assertThat(after.path("timezone").asText()).isEqualTo("UTC");
        assertThat(ludus.http().post("/v1/auth_token", "", app.basic()).status()).isEqualTo(200);
        assertThat(ludus.http().get("/admin/v1/audit?application_id=" + app.applicationId(), TestLudus.operator())
                .json().path("items").findValuesAsText("action")).containsExactly("application.created");
    }
}
