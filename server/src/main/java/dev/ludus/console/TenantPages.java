package dev.ludus.console;

import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.PageRequest;
import dev.ludus.tenancy.Application;
import dev.ludus.tenancy.ApplicationRequests;
import dev.ludus.tenancy.TenancyService;
import dev.ludus.tenancy.Tenant;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;

/**
 * Tenants and their applications: the list of tenants (an operator's home), creating and renaming a
 * tenant, a tenant's applications, and creating an application, whose secrets are shown in that one
 * answer. Operators only, except a tenant's page, which anyone with a role on the tenant may see.
 */
public final class TenantPages {

    private final Console console;
    private final Json json;

    public TenantPages(Console console, Json json) {
        this.console = console;
        this.json = json;
    }

    public void register(Pages routes) {
        routes.get("/console/tenants", this::list);
        routes.post("/console/tenants", this::create);
        routes.get("/console/tenants/{tenant}", this::tenant);
        routes.post("/console/tenants/{tenant}", this::rename);
        routes.post("/console/tenants/{tenant}/applications", this::createApplication);
    }

    /** The tenants, a page at a time ({@code ?cursor=}), with the form that creates one. */
    void list(ServerRequest request, ServerResponse response) {
        Console.requireOperator(request);
        showList(request, response, 200, Map.of(), Map.of());
    }

    private void showList(ServerRequest request, ServerResponse response, int status, Map<String, String> values,
            Map<String, String> errors) {
        PageRequest.Page<Tenant> tenants = console.tenancy().tenants(PageRequest.from(request));
        console.views().render(response, status, "operator/tenants.jte", Console.page(request, "Tenants").in("tenants"),
                "tenants", tenants, "values", values, "errors", errors);
    }

    private void create(ServerRequest request, ServerResponse response) {
        Console.requireOperator(request);
        Form form = Form.of(request);
        Tenant tenant;
        try {
            tenant = console.tenancy().createTenant(Console.actor(request), name(form.raw("name")));
        } catch (ApiException e) {
            After.stay(response);
            showList(request, response, 422, form.values(), FormBody.errors(e));
            return;
        }
        After.redirect(response, "/console/tenants/" + tenant.id(), "created");
    }

    private void tenant(ServerRequest request, ServerResponse response) {
        Tenant tenant = viewableTenant(request);
        Page page = After.notice(request, Console.page(request, tenant.name()).in("tenants"),
                Map.of("created", "Tenant created.", "renamed", "Tenant renamed."));
        showTenant(response, page, tenant, 200, Map.of("name", tenant.name()), Map.of());
    }

    private void showTenant(ServerResponse response, Page page, Tenant tenant, int status, Map<String, String> values,
            Map<String, String> errors) {
        List<Application> applications = Directory.applications(console.tenancy(), tenant.id());
        console.views().render(response, status, "operator/tenant.jte", page, "tenant", tenant,
                "applications", applications, "values", values, "errors", errors);
    }

    private void rename(ServerRequest request, ServerResponse response) {
        Console.requireOperator(request);
        Tenant tenant = viewableTenant(request);
        Form form = Form.of(request);
        try {
            console.tenancy().renameTenant(Console.actor(request), tenant.id(), name(form.raw("name")));
        } catch (ApiException e) {
            After.stay(response);
            showTenant(response, Console.page(request, tenant.name()).in("tenants"), tenant, 422, form.values(),
                    FormBody.errors(e));
            return;
        }
        After.redirect(response, "/console/tenants/" + tenant.id(), "renamed");
    }

    private void createApplication(ServerRequest request, ServerResponse response) {
        Console.requireOperator(request);
        Tenant tenant = viewableTenant(request);
        Form form = Form.of(request);
        TenancyService.CreatedApplication created;
        try {
            created = console.tenancy().createApplication(Console.actor(request), tenant.id(),
                    name(form.raw("application_name")));
        } catch (ApiException e) {
            Map<String, String> errors = FormBody.errors(e);
            After.stay(response);
            showTenant(response, Console.page(request, tenant.name()).in("tenants"), tenant, 422,
                    Map.of("name", tenant.name(), "application_name", form.text("application_name")),
                    Map.of(errors.containsKey("name") ? "application_name" : "", errors.values().iterator().next()));
            return;
        }
        Application app = created.application();
        After.stay(response);
        console.views().render(response, 201, "operator/secrets.jte",
                Console.page(request, "Application created").in(app, "overview"),
                "heading", "Application " + app.name() + " created",
                "secrets", List.of(
                        new ShownSecret("application-id", "Application id", app.id(), false),
                        new ShownSecret("tenant-id", "Tenant id", app.tenantId(), false),
                        new ShownSecret("api-secret", "API secret", created.apiSecret(), true),
                        new ShownSecret("client-id", "Client id", app.clientId(), false),
                        new ShownSecret("client-secret", "Client secret", created.clientSecret(), true)),
                "notes", List.of("The API secret signs the application's tokens; the client id and secret get "
                        + "tokens from POST /v1/auth_token. Only a rotation replaces a lost secret."),
                "next", "/console/apps/" + app.id());
    }

    /** The tenant of the path, if the user may see it; 404 otherwise (a tenant one may not see is not revealed). */
    private Tenant viewableTenant(ServerRequest request) {
        String id = request.path().pathParameters().get("tenant");
        if (!Console.user(request).canViewTenant(id)) {
            throw noTenant(id);
        }
        try {
            return console.tenancy().tenant(id);
        } catch (ApiException e) {
            throw noTenant(id);
        }
    }

    /** The name as typed, checked as the API checks {@code {"name"}}. */
    private String name(java.util.Optional<String> typed) {
        return ApplicationRequests.name(new FormBody(json).text("name", typed.orElse("")).body());
    }

    private static ApiException noTenant(String id) {
        return ApiException.notFound("there is no tenant '" + id + "' that you may see");
    }
}
