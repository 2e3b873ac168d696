package dev.ludus.console;

import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.tenancy.Application;
import dev.ludus.tenancy.ApplicationRequests;
import dev.ludus.tenancy.TenancyService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An application's secrets ({@code /console/apps/{app}/settings/credentials}): rotating the API
 * secret or the client secret with a grace period for the old one, and the emergency refresh (no
 * grace: the old secret dies at once; for the client secret, its server tokens are revoked too),
 * which asks the user to type the application's name. Each new secret is shown in the answer to the
 * POST only. For operators and admins of the application or its tenant.
 */
public final class CredentialPages {

    /** The grace periods offered (seconds, words): the API accepts 0 to 30 days; 0 is the emergency refresh. */
    public static final Map<String, String> GRACE_CHOICES = grace();
    /** The secrets a rotation may replace (field value, words). */
    public static final Map<String, String> ROTATE_CHOICES = ordered("api_secret",
            "API secret (signs the application's tokens)", "client_secret", "Client secret (gets server tokens)");
    /** What an emergency refresh may replace. */
    public static final Map<String, String> REFRESH_CHOICES = ordered("api_secret", "the API secret",
            "client_secret", "the client secret", "both", "both secrets");
    /** The grace period chosen unless the user picks another: the API's default. */
    public static final String DEFAULT_GRACE = Long.toString(TenancyService.DEFAULT_GRACE.toSeconds());

    private final Console console;
    private final Json json;

    public CredentialPages(Console console, Json json) {
        this.console = console;
        this.json = json;
    }

    public void register(Pages routes) {
        String page = "/console/apps/{app}/settings/credentials";
        routes.get(page, this::show);
        routes.post(page + "/rotate", this::rotate);
        routes.post(page + "/refresh", this::refresh);
    }

    private void show(ServerRequest request, ServerResponse response) {
        Application app = console.changeable(request);
        render(request, response, 200, app, Map.of("grace_seconds", DEFAULT_GRACE), Map.of());
    }

    private void rotate(ServerRequest request, ServerResponse response) {
        Application app = console.changeable(request);
        Form form = Form.of(request);
        Secret secret = Secret.of(form.text("secret"));
        Duration grace;
        try {
            grace = ApplicationRequests.grace(new FormBody(json)
                    .number("grace_seconds", form.raw("grace_seconds").orElse("")).body());
        } catch (ApiException e) {
            refuse(request, response, app, form, FormBody.errors(e));
            return;
        }
        if (grace.isZero()) {
            refuse(request, response, app, form, Map.of("grace_seconds", "A rotation here keeps the old secret for "
                    + "a while; to end it at once, use the emergency refresh below."));
            return;
        }
        TenancyService.Rotation rotation = secret.rotate(console.tenancy(), Console.actor(request), app.id(), grace);
        show(request, response, app, "New " + secret.words, List.of(secret.shown(rotation)),
                List.of("The previous " + secret.words + " keeps working until " + rotation.previousSecretExpiresAt()
                        + "; then only the new one does."));
    }

    private void refresh(ServerRequest request, ServerResponse response) {
        Application app = console.changeable(request);
        Form form = Form.of(request);
        String which = form.text("refresh_secret");
        List<Secret> secrets = which.equals("both") ? List.of(Secret.API, Secret.CLIENT) : List.of(Secret.of(which));
        if (!form.raw("confirm").orElse("").strip().equals(app.name())) {
            refuse(request, response, app, form, Map.of("confirm", "Type the application's name, exactly as shown, "
                    + "to refresh in an emergency. Nothing was changed."));
            return;
        }
        List<ShownSecret> shown = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Secret secret : secrets) {
            shown.add(secret.shown(secret.rotate(console.tenancy(), Console.actor(request), app.id(), Duration.ZERO)));
            notes.add(secret == Secret.API ? "The previous API secret was refused at once: tokens it signed no longer "
                    + "verify." : "The previous client secret was refused at once, and every server token issued to "
                    + "the client so far was revoked.");
        }
        show(request, response, app, "Secrets refreshed", shown, notes);
    }

    private void show(ServerRequest request, ServerResponse response, Application app, String heading,
            List<ShownSecret> secrets, List<String> notes) {
        After.stay(response);
        console.views().render(response, 200, "operator/secrets.jte",
                Console.page(request, heading + " · " + app.name()).in(app, "settings"), "heading", heading,
                "secrets", secrets, "notes", notes, "next", "/console/apps/" + app.id() + "/settings/credentials");
    }

    private void refuse(ServerRequest request, ServerResponse response, Application app, Form form,
            Map<String, String> errors) {
        After.stay(response);
        render(request, response, 422, app, form.values(), errors);
    }

    private void render(ServerRequest request, ServerResponse response, int status, Application app,
            Map<String, String> values, Map<String, String> errors) {
        console.views().render(response, status, "operator/credentials.jte",
                Console.page(request, "Secrets · " + app.name()).in(app, "settings"), "application", app,
                "values", values, "errors", errors, "graces", GRACE_CHOICES);
    }

    /** The two secrets of an application. */
    private enum Secret {
        API("api_secret", "API secret", "api-secret"),
        CLIENT("client_secret", "client secret", "client-secret");

        private final String field;
        private final String words;
        private final String elementId;

        Secret(String field, String words, String elementId) {
            this.field = field;
            this.words = words;
            this.elementId = elementId;
        }

        static Secret of(String field) {
            for (Secret secret : values()) {
                if (secret.field.equals(field)) {
                    return secret;
                }
            }
            throw ApiException.badRequest("choose the API secret or the client secret");
        }

        TenancyService.Rotation rotate(TenancyService tenancy, dev.ludus.audit.Actor actor, String applicationId,
                Duration grace) {
            return this == API ? tenancy.rotateSecret(actor, applicationId, grace)
                    : tenancy.rotateClientSecret(actor, applicationId, grace);
        }

        ShownSecret shown(TenancyService.Rotation rotation) {
            return new ShownSecret(elementId, "New " + words, rotation.secret(), true);
        }
    }

    private static Map<String, String> grace() {
        return ordered("3600", "1 hour", Long.toString(TenancyService.DEFAULT_GRACE.toSeconds()), "24 hours",
                Long.toString(Duration.ofDays(7).toSeconds()), "7 days",
                Long.toString(TenancyService.MAX_GRACE_SECONDS), "30 days");
    }

    /** Choices of a select in the order given: value, words, value, words... */
    static Map<String, String> ordered(String... pairs) {
        Map<String, String> choices = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            choices.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(choices);
    }
}
