package dev.ludus.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.auth.AuthFilter;
import dev.ludus.auth.Scope;
import dev.ludus.http.Json;
import dev.ludus.http.PageRequest;
import dev.ludus.http.RouteTable;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/webhooks} (endpoints, secret rotation, delivery log, replay, ping) and
 * {@code /v1/webhook_events} (records such as {@code webhook.endpoint_disabled}). Every route
 * needs {@code admin}.
 */
public final class WebhookRoutes {

    private final Webhooks webhooks;
    private final AuthFilter auth;
    private final Json json;

    public WebhookRoutes(Webhooks webhooks, AuthFilter auth, Json json) {
        this.webhooks = webhooks;
        this.auth = auth;
        this.json = json;
    }

    /** An endpoint as the API shows it. */
    record EndpointView(String id, String url, String description, List<String> eventTypes, boolean enabled,
            String disabledReason, Instant disabledAt, Instant createdAt, Instant updatedAt) {
        static EndpointView of(Endpoint endpoint) {
            return new EndpointView(endpoint.id(), endpoint.url(), endpoint.description().orElse(null),
                    endpoint.eventTypes().stream().map(EventType::wireName).sorted().toList(), endpoint.enabled(),
                    endpoint.disabledReason().orElse(null), endpoint.disabledAt().orElse(null), endpoint.createdAt(),
                    endpoint.updatedAt());
        }
    }

    /** The answer of a ping: {@code succeeded} or {@code failed}, and what the endpoint answered. */
    record PingView(String status, Integer httpStatus, long latencyMs, String response) { }

    public void register(RouteTable routes) {
        routes.post("/v1/webhooks", admin((req, res) -> {
            WebhookService.Issued issued = webhooks.service().create(AuthFilter.actor(req), applicationId(req), json.body(req));
            ObjectNode view = (ObjectNode) json.tree(EndpointView.of(issued.endpoint()));
            view.put("secret", issued.secret());
            res.header(HeaderNames.LOCATION, "/v1/webhooks/" + issued.endpoint().id());
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            json.send(res, 201, view);
        }));
        routes.get("/v1/webhooks", admin((req, res) -> {
            PageRequest.Page<Endpoint> page = webhooks.service().list(applicationId(req), PageRequest.from(req));
            json.send(res, 200, new PageRequest.Page<>(page.items().stream().map(EndpointView::of).toList(),
                    page.nextCursor()));
        }));
        routes.get("/v1/webhooks/{id}", admin((req, res) ->
                json.send(res, 200, EndpointView.of(webhooks.service().get(applicationId(req), id(req))))));
        routes.patch("/v1/webhooks/{id}", admin((req, res) -> json.send(res, 200,
                EndpointView.of(webhooks.service().patch(AuthFilter.actor(req), applicationId(req), id(req), json.body(req))))));
        routes.delete("/v1/webhooks/{id}", admin((req, res) -> {
            webhooks.service().delete(AuthFilter.actor(req), applicationId(req), id(req));
            res.status(204).send();
        }));
        routes.post("/v1/webhooks/{id}/secret/rotate", admin((req, res) -> {
            WebhookService.Issued issued = webhooks.service().rotate(AuthFilter.actor(req), applicationId(req), id(req), json.body(req));
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("secret", issued.secret());
            view.put("previous_secret_expires_at", issued.previousSecretExpiresAt().orElse(null));
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            json.send(res, 200, view);
        }));
        routes.get("/v1/webhooks/{id}/deliveries", admin((req, res) -> json.send(res, 200,
                webhooks.deliveries(applicationId(req), id(req), PageRequest.from(req)))));
        routes.post("/v1/webhooks/{id}/replay", admin((req, res) -> json.send(res, 202,
                Map.of("replayed", webhooks.replay(AuthFilter.actor(req), applicationId(req), id(req), json.body(req))))));
        routes.post("/v1/webhooks/{id}/ping", admin((req, res) -> {
            Dispatcher.Result result = webhooks.ping(applicationId(req), id(req));
            json.send(res, 200, new PingView(result.status(), result.httpStatus(), result.latencyMs(),
                    result.response()));
        }));
        routes.get("/v1/webhook_events", admin((req, res) -> json.send(res, 200,
                webhooks.service().notices(applicationId(req), PageRequest.from(req)))));
    }

    private Handler admin(Handler handler) {
        return auth.require(Scope.ADMIN, handler);
    }

    private static String applicationId(ServerRequest request) {
        return AuthFilter.principal(request).applicationId();
    }

    private static String id(ServerRequest request) {
        return request.path().pathParameters().get("id");
    }
}
