package dev.ludus.console;

import dev.ludus.auth.Scope;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.tenancy.Application;
import dev.ludus.tenancy.ApplicationChanges;
import dev.ludus.tenancy.ApplicationRequests;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An application's settings ({@code /console/apps/{app}/settings}): name, maximum token lifetime,
 * default and client scopes, timezone, ECDSA on or off. Read by the API's own reader of
 * {@code PATCH /admin/v1/applications/{id}} and saved by the same service call, so a refusal names the
 * same field, shown next to it. For operators and admins of the application or its tenant.
 */
public final class SettingsPages {

    /** Every scope, in the order the forms list them. */
    public static final List<String> SCOPES = Arrays.stream(Scope.values()).map(Scope::wireName).toList();

    private final Console console;
    private final Json json;

    public SettingsPages(Console console, Json json) {
        this.console = console;
        this.json = json;
    }

    /**
     * The settings form's content.
     *
     * @param values the text fields by name: {@code name}, {@code max_token_lifetime_seconds}, {@code timezone},
     *     {@code cors_origins} (one origin per line), {@code max_teams_per_user}, {@code control_group_percent},
     *     {@code default_language}
     */
    public record SettingsForm(Map<String, String> values, List<String> defaultScopes, List<String> clientScopes,
            boolean ecdsaEnabled) {

        static SettingsForm of(Application app) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("name", app.name());
            values.put("max_token_lifetime_seconds", Long.toString(app.maxTokenLifetimeSeconds()));
            values.put("timezone", app.timezone().getId());
            values.put("cors_origins", String.join("\n", app.corsOrigins()));
            values.put("max_teams_per_user", Integer.toString(app.maxTeamsPerUser()));
            values.put("control_group_percent", Integer.toString(app.controlGroupPercent()));
            values.put("default_language", app.defaultLanguage());
            return new SettingsForm(values, app.defaultScopes(), app.clientScopes(), app.ecdsaEnabled());
        }

        static SettingsForm of(Form form) {
            return new SettingsForm(form.values(), form.all("default_scopes"), form.all("client_scopes"),
                    form.checked("ecdsa_enabled"));
        }
    }

    public void register(Pages routes) {
        routes.get("/console/apps/{app}/settings", this::show);
        routes.post("/console/apps/{app}/settings", this::save);
    }

    private void show(ServerRequest request, ServerResponse response) {
        Application app = console.changeable(request);
        Page page = After.notice(request, Console.page(request, "Settings · " + app.name()).in(app, "settings"),
                Map.of("saved", "Settings saved."));
        render(response, 200, page, app, SettingsForm.of(app), Map.of());
    }

    private void save(ServerRequest request, ServerResponse response) {
        Application app = console.changeable(request);
        Form form = Form.of(request);
        try {
            FormBody body = new FormBody(json);
            // the two numbers of the games' settings, when the form has them (an older page's does not)
            for (String setting : List.of("max_teams_per_user", "control_group_percent")) {
                form.raw(setting).ifPresent(value -> body.number(setting, value));
            }
            form.raw("default_language").ifPresent(value -> body.text("default_language", value));
            ApplicationChanges changes = ApplicationRequests.changes(body
                    .text("name", form.raw("name").orElse(""))
                    .number("max_token_lifetime_seconds", form.raw("max_token_lifetime_seconds").orElse(""))
                    .strings("default_scopes", form.all("default_scopes"))
                    .strings("client_scopes", form.all("client_scopes"))
                    .text("timezone", form.raw("timezone").orElse(""))
                    .strings("cors_origins", origins(form.raw("cors_origins").orElse("")))
                    .bool("ecdsa_enabled", form.checked("ecdsa_enabled"))
                    .body());
            console.tenancy().updateApplication(Console.actor(request), app.id(), changes);
        } catch (ApiException e) {
            After.stay(response);
            render(response, 422, Console.page(request, "Settings · " + app.name()).in(app, "settings"), app,
                    SettingsForm.of(form), FormBody.errors(e));
            return;
        }
        After.redirect(response, "/console/apps/" + app.id() + "/settings", "saved");
    }

    /** The origins of the form's text area: one per line (any blank separates them), blank lines skipped. */
    private static List<String> origins(String text) {
        return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }

    private void render(ServerResponse response, int status, Page page, Application app, SettingsForm form,
            Map<String, String> errors) {
        console.views().render(response, status, "operator/settings.jte", page, "application", app, "form", form,
                "scopes", SCOPES, "errors", errors);
    }
}
