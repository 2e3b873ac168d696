package dev.ludus.tenancy;

import dev.ludus.audit.Actor;
import dev.ludus.auth.AuthFilter;
import dev.ludus.auth.Scope;
import dev.ludus.http.Json;
import dev.ludus.http.PageRequest;
import dev.ludus.http.RouteTable;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The operator API under {@code /admin/v1} (guarded by {@link OperatorFilter}) and the application's
 * own settings under {@code /v1/application} (scope {@code admin}).
 */
public final class TenancyRoutes {

    private final TenancyService tenancy;
    private final AuthFilter auth;
    private final Json json;

    public TenancyRoutes(TenancyService tenancy, AuthFilter auth, Json json) {
        this.tenancy = tenancy;
        this.auth = auth;
        this.json = json;
    }

    /** An application just created: the only answer that shows its secrets. */
    record CreatedApplicationView(String id, String tenantId, String name, String apiSecret, String clientId,
            String clientSecret, List<String> defaultScopes, long maxTokenLifetimeSeconds, boolean ecdsaEnabled,
            List<String> clientScopes, ZoneId timezone, Instant createdAt) { }


    /** The answer of an API secret rotation. */
    record RotationView(String apiSecret, Instant previousSecretExpiresAt) { }

    /** The answer of a client secret rotation. */
    record ClientRotationView(String clientSecret, Instant previousSecretExpiresAt) { }

    public void register(RouteTable routes) {
        routes.post("/admin/v1/tenants", this::createTenant);
        routes.get("/admin/v1/tenants", (req, res) -> json.send(res, 200, tenancy.tenants(PageRequest.from(req))));
        routes.get("/admin/v1/tenants/{tenant_id}", (req, res) ->
                json.send(res, 200, tenancy.tenant(param(req, "tenant_id"))));
        routes.patch("/admin/v1/tenants/{tenant_id}", (req, res) -> json.send(res, 200,
                tenancy.renameTenant(AuthFilter.operator(req), param(req, "tenant_id"),
                        ApplicationRequests.name(json.body(req)))));
        routes.post("/admin/v1/tenants/{tenant_id}/applications", this::createApplication);
        routes.get("/admin/v1/tenants/{tenant_id}/applications", (req, res) ->
                json.send(res, 200, tenancy.applications(param(req, "tenant_id"), PageRequest.from(req))));
        routes.get("/admin/v1/applications/{application_id}", (req, res) ->
                json.send(res, 200, tenancy.application(param(req, "application_id"))));
        routes.patch("/admin/v1/applications/{application_id}", (req, res) ->
                update(req, res, AuthFilter.operator(req), param(req, "application_id")));
        routes.post("/admin/v1/applications/{application_id}/secret/rotate", (req, res) ->
                rotate(req, res, AuthFilter.operator(req), param(req, "application_id")));
        routes.post("/admin/v1/applications/{application_id}/client_secret/rotate", (req, res) ->
                rotateClientSecret(req, res, AuthFilter.operator(req), param(req, "application_id")));

        routes.get("/v1/application", auth.require(Scope.ADMIN, (req, res) ->
                json.send(res, 200, tenancy.application(ownApplication(req)))));
        routes.patch("/v1/application", auth.require(Scope.ADMIN, (req, res) ->
                update(req, res, AuthFilter.actor(req), ownApplication(req))));
        routes.post("/v1/application/secret/rotate", auth.require(Scope.ADMIN, (req, res) ->
                rotate(req, res, AuthFilter.actor(req), ownApplication(req))));
        routes.post("/v1/application/client_secret/rotate", auth.require(Scope.ADMIN, (req, res) ->
                rotateClientSecret(req, res, AuthFilter.actor(req), ownApplication(req))));
    }

    private void createTenant(ServerRequest request, ServerResponse response) {
        Tenant tenant = tenancy.createTenant(AuthFilter.operator(request), ApplicationRequests.name(json.body(request)));
        response.header(HeaderNames.LOCATION, "/admin/v1/tenants/" + tenant.id());
        json.send(response, 201, tenant);
    }

    private void createApplication(ServerRequest request, ServerResponse response) {
        String tenantId = param(request, "tenant_id");
        TenancyService.CreatedApplication created = tenancy.createApplication(AuthFilter.operator(request),
                tenantId, ApplicationRequests.name(json.body(request)));
        Application app = created.application();
        response.header(HeaderNames.LOCATION, "/admin/v1/applications/" + app.id());
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        json.send(response, 201, new CreatedApplicationView(app.id(), app.tenantId(), app.name(), created.apiSecret(),
                app.clientId(), created.clientSecret(), app.defaultScopes(), app.maxTokenLifetimeSeconds(),
                app.ecdsaEnabled(), app.clientScopes(), app.timezone(), app.createdAt()));
    }

    private void update(ServerRequest request, ServerResponse response, Actor actor, String applicationId) {
        ApplicationChanges changes = ApplicationRequests.changes(json.body(request));
        json.send(response, 200, tenancy.updateApplication(actor, applicationId, changes));
    }

    private void rotate(ServerRequest request, ServerResponse response, Actor actor, String applicationId) {
        TenancyService.Rotation rotation = tenancy.rotateSecret(actor, applicationId,
                ApplicationRequests.grace(json.body(request)));
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        json.send(response, 200, new RotationView(rotation.secret(), rotation.previousSecretExpiresAt()));
    }

    private void rotateClientSecret(ServerRequest request, ServerResponse response, Actor actor,
            String applicationId) {
        TenancyService.Rotation rotation = tenancy.rotateClientSecret(actor, applicationId,
                ApplicationRequests.grace(json.body(request)));
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        json.send(response, 200, new ClientRotationView(rotation.secret(), rotation.previousSecretExpiresAt()));
    }

    private static String ownApplication(ServerRequest request) {
        return AuthFilter.principal(request).applicationId();
    }

    private static String param(ServerRequest request, String name) {
        return request.path().pathParameters().get(name);
    }
}
