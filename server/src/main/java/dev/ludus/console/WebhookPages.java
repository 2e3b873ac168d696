package dev.ludus.console;

import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.PageRequest;
import dev.ludus.tenancy.Application;
import dev.ludus.webhook.DeliveryAttempt;
import dev.ludus.webhook.Dispatcher;
import dev.ludus.webhook.Endpoint;
import dev.ludus.webhook.EndpointNotice;
import dev.ludus.webhook.EventType;
import dev.ludus.webhook.WebhookService;
import dev.ludus.webhook.Webhooks;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An application's webhook endpoints ({@code /console/apps/{app}/webhooks}): the list with the
 * endpoint-disabled notices, creating one (its signing secret shown once), and an endpoint's page with
 * its delivery log, every attempt of every message. Everything goes through the same
 * {@link WebhookService} and {@link Webhooks} calls as {@code /v1/webhooks}, whose refusals are shown
 * next to the field they name. The changes made from an endpoint's page are {@link WebhookActions}.
 * Anyone with a role on the application sees; its admins change.
 */
public final class WebhookPages {

    /** The event types an endpoint may subscribe to, in the order the forms list them. */
    public static final List<String> EVENT_TYPES = Arrays.stream(EventType.values()).filter(EventType::subscribable)
            .map(EventType::wireName).toList();
    /** How many endpoints, attempts and notices a page shows. */
    static final int PAGE = 25;
    /** How many of the newest endpoint-disabled notices the list shows. */
    static final int NOTICES = 5;
    /** Confirmations of the changes, by the {@code done} parameter of the page they go back to. */
    private static final Map<String, String> DONE = Map.of(
            "saved", "Event types saved.",
            "enabled", "Endpoint enabled: deliveries resume.",
            "disabled", "Endpoint disabled: messages wait until it is enabled again.",
            "deleted", "Endpoint deleted.");

    private final Console console;
    private final Webhooks webhooks;
    private final Json json;

    WebhookPages(Console console, Webhooks webhooks, Json json) {
        this.console = console;
        this.webhooks = webhooks;
        this.json = json;
    }

    /** The webhook pages and the changes made from them, registered together. */
    public static Consumer<Pages> routes(Console console, Webhooks webhooks, Json json) {
        WebhookPages pages = new WebhookPages(console, webhooks, json);
        WebhookActions actions = new WebhookActions(console, webhooks, pages, json);
        return routes -> {
            pages.register(routes);
            actions.register(routes);
        };
    }

    void register(Pages routes) {
        routes.get("/console/apps/{app}/webhooks", (req, res) -> list(req, res, 200, console.viewable(req),
                Map.of(), List.of(), Map.of()));
        routes.post("/console/apps/{app}/webhooks", this::create);
        routes.get("/console/apps/{app}/webhooks/{id}", (req, res) -> {
            Application application = console.viewable(req);
            show(req, res, 200, application, endpointId(req), EndpointState.NONE,
                    done(req, Console.page(req, "Webhook endpoint").in(application, "webhooks")));
        });
    }

    /** The path of the application's webhooks page. */
    public static String path(String applicationId) {
        return "/console/apps/" + applicationId + "/webhooks";
    }

    /** The path of an endpoint's page. */
    public static String path(String applicationId, String endpointId) {
        return path(applicationId) + "/" + ConsoleText.segment(endpointId);
    }

    /**
     * What the endpoint page shows besides the endpoint and its log: which form failed and why (as
     * {@link UserPages.ActionForm}), and the result of a ping just sent.
     */
    public record EndpointState(UserPages.ActionForm form, Optional<Dispatcher.Result> ping) {
        static final EndpointState NONE = new EndpointState(UserPages.ActionForm.NONE, Optional.empty());
    }

    /** What the endpoint page shows: the endpoint, a page of its delivery log and the link to the next. */
    public record EndpointView(Endpoint endpoint, List<DeliveryAttempt> attempts, String next, EndpointState state) { }

    /** The list, with the create form holding {@code values} and {@code types} and its {@code errors}. */
    private void list(ServerRequest request, ServerResponse response, int status, Application application,
            Map<String, String> values, List<String> types, Map<String, String> errors) {
        PageRequest.Page<Endpoint> endpoints = webhooks.service().list(application.id(),
                new PageRequest(PAGE, PageRequest.from(request).after()));
        List<EndpointNotice> notices = stillDisabled(application, webhooks.service().notices(application.id(),
                new PageRequest(NOTICES, Optional.empty())).items());
        String next = endpoints.nextCursor() == null ? ""
                : ConsoleText.link(path(application.id()), Map.of("cursor", endpoints.nextCursor()));
        Page page = done(request, Console.page(request, "Webhooks").in(application, "webhooks"));
        console.views().render(response, status, "webhooks/list.jte", page, "application", application,
                "endpoints", endpoints.items(), "next", next, "notices", notices, "values", values, "types", types,
                "errors", errors);
    }

    /**
     * The newest notice of each endpoint that is still disabled: one enabled again since, or deleted,
     * needs no one's attention any more (its notices stay in {@code GET /v1/webhook_events}).
     */
    private List<EndpointNotice> stillDisabled(Application application, List<EndpointNotice> notices) {
        Map<String, EndpointNotice> newest = new LinkedHashMap<>();
        for (EndpointNotice notice : notices) {
            if (!newest.containsKey(notice.endpointId()) && disabled(application, notice.endpointId())) {
                newest.put(notice.endpointId(), notice);
            }
        }
        return List.copyOf(newest.values());
    }

    private boolean disabled(Application application, String endpointId) {
        try {
            return !webhooks.service().get(application.id(), endpointId).enabled();
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            return false;
        }
    }

    private void create(ServerRequest request, ServerResponse response) {
        Application application = console.changeable(request);
        Form form = Form.of(request);
        FormBody body = new FormBody(json).text("url", form.raw("url").orElse("").strip())
                .strings("event_types", form.all("event_types"));
        form.raw("description").map(String::strip).filter(text -> !text.isEmpty())
                .ifPresent(text -> body.text("description", text));
        WebhookService.Issued issued;
        try {
            issued = webhooks.service().create(Console.actor(request), application.id(), body.body());
        } catch (ApiException e) {
            After.stay(response);
            list(request, response, 422, application, form.values(), form.all("event_types"), FormBody.errors(e));
            return;
        }
        String id = issued.endpoint().id();
        showSecret(request, response, application, id, "Endpoint created", issued.secret(),
                List.of("Sign-check every request with this secret (Standard Webhooks: webhook-id, webhook-timestamp, "
                        + "webhook-signature). Messages of the chosen types are sent from now on."));
    }

    /** Answers the page that shows an endpoint's new signing secret, once. */
    void showSecret(ServerRequest request, ServerResponse response, Application application, String endpointId,
            String heading, String secret, List<String> notes) {
        After.stay(response);
        console.views().render(response, 200, "operator/secrets.jte",
                Console.page(request, heading + " · " + application.name()).in(application, "webhooks"),
                "heading", heading, "secrets", List.of(new ShownSecret("webhook-secret", "Signing secret", secret, true),
                        new ShownSecret("endpoint-id", "Endpoint id", endpointId, false)),
                "notes", notes, "next", path(application.id(), endpointId));
    }

    /** Renders an endpoint's page with {@code status}; 404 when the application has no such endpoint. */
    void show(ServerRequest request, ServerResponse response, int status, Application application, String endpointId,
            EndpointState state, Page page) {
        Endpoint endpoint = webhooks.service().get(application.id(), endpointId);
        PageRequest.Page<DeliveryAttempt> log = webhooks.deliveries(application.id(), endpointId,
                new PageRequest(PAGE, PageRequest.from(request).after()));
        String next = log.nextCursor() == null ? ""
                : ConsoleText.link(path(application.id(), endpointId), Map.of("cursor", log.nextCursor()));
        console.views().render(response, status, "webhooks/endpoint.jte", page, "application", application,
                "view", new EndpointView(endpoint, log.items(), next, state),
                "graces", WebhookActions.GRACE_CHOICES);
    }

    /** The endpoint id of the path. */
    static String endpointId(ServerRequest request) {
        return request.path().pathParameters().get("id");
    }

    /** {@code page} with the confirmation that a change sent back with {@code ?done=}. */
    static Page done(ServerRequest request, Page page) {
        return After.notice(request, page, DONE);
    }
}
