package dev.ludus.console;

import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.JsonBody;
import dev.ludus.tenancy.Application;
import dev.ludus.webhook.Dispatcher;
import dev.ludus.webhook.WebhookService;
import dev.ludus.webhook.Webhooks;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The changes made from a webhook endpoint's page: its event types, enable, disable, delete (after
 * typing {@code delete}), a new signing secret (shown once), a test ping whose result the page shows,
 * and the replay of one message or of the messages of a time range. Each calls the same service as its
 * {@code /v1/webhooks/{id}/...} route with the same body, so a refusal is the API's, shown next to its
 * field. For admins of the application or its tenant.
 */
final class WebhookActions {

    /** The grace periods of the previous secret offered (seconds, words): the API accepts 0 to 7 days. */
    static final Map<String, String> GRACE_CHOICES = CredentialPages.ordered("0", "none: stop signing with it now",
            "3600", "1 hour", Long.toString(WebhookService.DEFAULT_GRACE_SECONDS), "24 hours",
            Long.toString(WebhookService.MAX_GRACE_SECONDS), "7 days");
    /** What a {@code datetime-local} field sends: a local date and time, without an offset. */
    private static final Pattern LOCAL_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");
    private static final String CONFIRM = "delete";

    private final Console console;
    private final Webhooks webhooks;
    private final WebhookPages pages;
    private final Json json;

    WebhookActions(Console console, Webhooks webhooks, WebhookPages pages, Json json) {
        this.console = console;
        this.webhooks = webhooks;
        this.pages = pages;
        this.json = json;
    }

    void register(Pages routes) {
        String endpoint = "/console/apps/{app}/webhooks/{id}";
        routes.post(endpoint + "/event-types", this::eventTypes);
        routes.post(endpoint + "/enable", (req, res) -> enable(req, res, true));
        routes.post(endpoint + "/disable", (req, res) -> enable(req, res, false));
        routes.post(endpoint + "/delete", this::delete);
        routes.post(endpoint + "/rotate", this::rotate);
        routes.post(endpoint + "/ping", this::ping);
        routes.post(endpoint + "/replay", this::replay);
    }

    private void eventTypes(ServerRequest request, ServerResponse response) {
        Application application = console.changeable(request);
        Form form = Form.of(request);
        JsonBody body = new FormBody(json).strings("event_types", form.all("event_types")).body();
        try {
            webhooks.service().patch(Console.actor(request), application.id(), WebhookPages.endpointId(request), body);
        } catch (ApiException e) {
            refuse(request, response, application, "event-types", form, e);
            return;
        }
        After.redirect(response, WebhookPages.path(application.id(), WebhookPages.endpointId(request)), "saved");
    }

    private void enable(ServerRequest request, ServerResponse response, boolean enabled) {
        Application application = console.changeable(request);
        String id = WebhookPages.endpointId(request);
        webhooks.service().patch(Console.actor(request), application.id(), id,
                new FormBody(json).bool("enabled", enabled).body());
        After.redirect(response, WebhookPages.path(application.id(), id), enabled ? "enabled" : "disabled");
    }

    private void delete(ServerRequest request, ServerResponse response) {
        Application application = console.changeable(request);
        Form form = Form.of(request);
        if (!form.raw("confirm").orElse("").strip().equals(CONFIRM)) {
            render(request, response, 422, application, new UserPages.ActionForm("delete", form.values(),
                    Map.of("confirm", "Type delete to delete the endpoint. Nothing was changed.")), Optional.empty());
            return;
        }
        webhooks.service().delete(Console.actor(request), application.id(), WebhookPages.endpointId(request));
        After.redirect(response, WebhookPages.path(application.id()), "deleted");
    }

    private void rotate(ServerRequest request, ServerResponse response) {
        Application application = console.changeable(request);
        Form form = Form.of(request);
        String id = WebhookPages.endpointId(request);
        WebhookService.Issued issued;
        try {
            issued = webhooks.service().rotate(Console.actor(request), application.id(), id,
                    new FormBody(json).number("grace_seconds", form.raw("grace_seconds").orElse("")).body());
        } catch (ApiException e) {
            refuse(request, response, application, "rotate", form, e);
            return;
        }
        pages.showSecret(request, response, application, id, "New signing secret", issued.secret(), List.of(
                issued.previousSecretExpiresAt().map(end -> "Requests are signed with both the new and the previous "
                        + "secret until " + ConsoleText.time(end) + "; then with the new one only.")
                        .orElse("The previous secret signs no more: requests carry the new one's signature only.")));
    }

    private void ping(ServerRequest request, ServerResponse response) {
        Application application = console.changeable(request);
        Dispatcher.Result result = webhooks.ping(application.id(), WebhookPages.endpointId(request));
        render(request, response, 200, application, UserPages.ActionForm.NONE, Optional.of(result));
    }

    private void replay(ServerRequest request, ServerResponse response) {
        Application application = console.changeable(request);
        Form form = Form.of(request);
        FormBody body = new FormBody(json);
        form.raw("message_id").map(String::strip).filter(id -> !id.isEmpty()).ifPresent(id -> body.text("message_id", id));
        for (String name : List.of("since", "until")) {
            form.raw(name).map(String::strip).filter(time -> !time.isEmpty())
                    .ifPresent(time -> body.text(name, instant(time)));
        }
        int replayed;
        try {
            replayed = webhooks.replay(Console.actor(request), application.id(), WebhookPages.endpointId(request),
                    body.body());
        } catch (ApiException e) {
            refuse(request, response, application, form.raw("message_id").isPresent() ? "replay-message" : "replay",
                    form, e);
            return;
        }
        After.stay(response);
        Page page = Console.page(request, "Webhook endpoint").in(application, "webhooks")
                .notice(replayed == 1 ? "1 message queued again: its delivery is logged below."
                        : replayed + " messages queued again: their deliveries are logged below.");
        pages.show(request, response, 200, application, WebhookPages.endpointId(request),
                new WebhookPages.EndpointState(UserPages.ActionForm.NONE, Optional.empty()), page);
    }

    /**
     * The instant of a replay field: a {@code datetime-local} value is a time in UTC (the form says so);
     * anything else goes to the API as typed, for it to accept or refuse.
     */
    static String instant(String typed) {
        if (!LOCAL_TIME.matcher(typed).matches()) {
            return typed;
        }
        return (typed.length() == 16 ? typed + ":00" : typed) + "Z";
    }

    /** Shows the endpoint's page again with the service's refusal next to the field of form {@code name}. */
    private void refuse(ServerRequest request, ServerResponse response, Application application, String name,
            Form form, ApiException refusal) {
        if (refusal.status() == 404 && refusal.members().isEmpty() && name.equals("replay-message")) {
            render(request, response, 422, application, new UserPages.ActionForm(name, form.values(),
                    Map.of("", refusal.detail())), Optional.empty());
            return;
        }
        render(request, response, 422, application, new UserPages.ActionForm(name, form.values(),
                FormBody.errors(refusal)), Optional.empty());
    }

    private void render(ServerRequest request, ServerResponse response, int status, Application application,
            UserPages.ActionForm form, Optional<Dispatcher.Result> ping) {
        After.stay(response);
        pages.show(request, response, status, application, WebhookPages.endpointId(request),
                new WebhookPages.EndpointState(form, ping),
                Console.page(request, "Webhook endpoint").in(application, "webhooks"));
    }
}
