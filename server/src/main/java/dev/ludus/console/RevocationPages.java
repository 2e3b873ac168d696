package dev.ludus.console;

import dev.ludus.auth.RevocationService;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.tenancy.Application;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;

/**
 * Revoking an application's tokens by hand ({@code /console/apps/{app}/settings/revocations}), as
 * {@code POST /v1/auth/revocations} does: every token of a subject (a user, or the client id for the
 * server tokens) issued until now, one token by its id, or every token of the application (behind the
 * typed name of the application). Recorded in the audit log by the revocation service. For operators
 * and admins of the application or its tenant.
 */
public final class RevocationPages {

    private static final Map<String, String> DONE = Map.of(
            "subject", "Every token of that subject issued until now is revoked.",
            "token", "That token id is revoked.",
            "all", "Every token of the application issued until now is revoked.");

    private final Console console;
    private final RevocationService revocations;
    private final Json json;

    public RevocationPages(Console console, RevocationService revocations, Json json) {
        this.console = console;
        this.revocations = revocations;
        this.json = json;
    }

    public void register(Pages routes) {
        String page = "/console/apps/{app}/settings/revocations";
        routes.get(page, this::show);
        routes.post(page + "/subject", this::revokeSubject);
        routes.post(page + "/token", this::revokeToken);
        routes.post(page + "/all", this::revokeAll);
    }

    private void show(ServerRequest request, ServerResponse response) {
        Application app = console.changeable(request);
        render(response, 200, After.notice(request, page(request, app), DONE), app, Map.of(), Map.of());
    }

    private void revokeSubject(ServerRequest request, ServerResponse response) {
        Application app = console.changeable(request);
        typedId(request, response, app, "subject").ifPresent(subject -> {
            revocations.revokeSubject(Console.actor(request), app.id(), subject);
            After.redirect(response, path(app), "subject");
        });
    }

    private void revokeToken(ServerRequest request, ServerResponse response) {
        Application app = console.changeable(request);
        typedId(request, response, app, "jti").ifPresent(jti -> {
            revocations.revokeTokenId(Console.actor(request), app.id(), jti);
            After.redirect(response, path(app), "token");
        });
    }

    /**
     * The subject or token id typed in {@code field}, checked as {@code POST /v1/auth/revocations}
     * checks it; empty when refused, and the form is then shown again with the error.
     */
    private Optional<String> typedId(ServerRequest request, ServerResponse response, Application app, String field) {
        Form form = Form.of(request);
        try {
            return Optional.of(new FormBody(json).text(field, form.raw(field).orElse("")).body()
                    .requiredString(field, RevocationService.MAX_ID_LENGTH));
        } catch (ApiException e) {
            refuse(request, response, app, form, FormBody.errors(e));
            return Optional.empty();
        }
    }

    private void revokeAll(ServerRequest request, ServerResponse response) {
        Application app = console.changeable(request);
        Form form = Form.of(request);
        if (!form.raw("confirm").orElse("").strip().equals(app.name())) {
            refuse(request, response, app, form, Map.of("confirm", "Type the application's name, exactly as shown, "
                    + "to revoke every token. Nothing was revoked."));
            return;
        }
        revocations.revokeAll(Console.actor(request), app.id());
        After.redirect(response, path(app), "all");
    }

    private static String path(Application app) {
        return "/console/apps/" + app.id() + "/settings/revocations";
    }

    private static Page page(ServerRequest request, Application app) {
        return Console.page(request, "Revocations · " + app.name()).in(app, "settings");
    }

    private void refuse(ServerRequest request, ServerResponse response, Application app, Form form,
            Map<String, String> errors) {
        After.stay(response);
        render(response, 422, page(request, app), app, form.values(), errors);
    }

    private void render(ServerResponse response, int status, Page page, Application app, Map<String, String> values,
            Map<String, String> errors) {
        console.views().render(response, status, "operator/revocations.jte", page, "application", app,
                "values", values, "errors", errors);
    }
}
