package dev.ludus.console;

import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.PageRequest;
import dev.ludus.tenancy.Application;
import dev.ludus.tenancy.EcdsaKey;
import dev.ludus.tenancy.EcdsaKeyRoutes;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;

/**
 * The legacy ECDSA keys of an application ({@code /console/apps/{app}/settings/ecdsa-keys}): the
 * list, registering one (read by the API's own reader, so the same addresses and scopes are refused),
 * removing one. For operators and admins of the application or its tenant.
 */
public final class EcdsaKeyPages {

    private final Console console;
    private final Json json;

    public EcdsaKeyPages(Console console, Json json) {
        this.console = console;
        this.json = json;
    }

    public void register(Pages routes) {
        String page = "/console/apps/{app}/settings/ecdsa-keys";
        routes.get(page, this::show);
        routes.post(page, this::add);
        routes.post(page + "/remove", this::remove);
    }

    private void show(ServerRequest request, ServerResponse response) {
        Application app = console.changeable(request);
        Page page = After.notice(request, page(request, app),
                Map.of("added", "ECDSA key registered.", "removed", "ECDSA key removed."));
        render(request, response, 200, page, app, Map.of(), EcdsaKeyRoutes.DEFAULT_SCOPES, Map.of());
    }

    private void add(ServerRequest request, ServerResponse response) {
        Application app = console.changeable(request);
        Form form = Form.of(request);
        try {
            EcdsaKeyRoutes.NewKey key = EcdsaKeyRoutes.newKey(new FormBody(json)
                    .text("address", form.raw("address").orElse(""))
                    .strings("scopes", form.all("scopes")).body());
            console.tenancy().addEcdsaKey(Console.actor(request), app.id(), key.address(), key.scopes());
        } catch (ApiException e) {
            Map<String, String> errors = e.status() == 409 ? Map.of("address", e.detail()) : FormBody.errors(e);
            After.stay(response);
            render(request, response, 422, page(request, app), app, form.values(), form.all("scopes"), errors);
            return;
        }
        After.redirect(response, "/console/apps/" + app.id() + "/settings/ecdsa-keys", "added");
    }

    private void remove(ServerRequest request, ServerResponse response) {
        Application app = console.changeable(request);
        String address = EcdsaKeyRoutes.address(Form.of(request).text("address"));
        console.tenancy().removeEcdsaKey(Console.actor(request), app.id(), address);
        After.redirect(response, "/console/apps/" + app.id() + "/settings/ecdsa-keys", "removed");
    }

    private static Page page(ServerRequest request, Application app) {
        return Console.page(request, "ECDSA keys · " + app.name()).in(app, "settings");
    }

    private void render(ServerRequest request, ServerResponse response, int status, Page page, Application app,
            Map<String, String> values, List<String> scopes, Map<String, String> errors) {
        PageRequest.Page<EcdsaKey> keys = console.tenancy().ecdsaKeys(app.id(), PageRequest.from(request));
        console.views().render(response, status, "operator/ecdsa-keys.jte", page, "application", app, "keys", keys,
                "values", values, "checked", scopes, "scopes", SettingsPages.SCOPES, "errors", errors);
    }
}
