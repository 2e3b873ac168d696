package dev.ludus.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.PageRequest;
import dev.ludus.http.RouteTable;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The routes of every registered kind: {@code GET /v1/<collection>} (a page, {@code include_archived}),
 * and GET, PUT (201 with {@code Location} when the rule is new or restored, 200 otherwise) and DELETE
 * (archive, 204) of {@code /v1/<collection>/{key}}; a PUT with {@code ?dry_run=true} answers 200 with
 * what it would do and writes nothing (see {@link RuleService#preview}); reading needs {@link RuleAccess#reading}, changing
 * {@link RuleAccess#changing}. The kind's {@link RuleHooks} add to the answers, hide rules, and may take
 * a route over.
 */
public final class RuleRoutes {

    private final RuleService rules;
    private final RuleAccess access;
    private final Json json;

    public RuleRoutes(RuleService rules, RuleAccess access, Json json) {
        this.rules = rules;
        this.access = access;
        this.json = json;
    }

    public void register(RouteTable routes) {
        rules.kinds().forEach(kind -> register(routes, kind));
    }

    private <R> void register(RouteTable routes, RuleKinds.Registered<R> registered) {
        RuleKind<R> kind = registered.kind();
        RuleHooks<R> hooks = registered.hooks();
        String collection = "/v1/" + kind.collection();
        String one = collection + "/{key}";
        Set<RuleHooks.Route> own = hooks.takesOver();
        if (!own.contains(RuleHooks.Route.LIST)) {
            routes.get(collection, access.reading((req, res) -> list(req, res, kind, hooks)));
        }
        if (!own.contains(RuleHooks.Route.GET)) {
            routes.get(one, access.reading((req, res) -> get(req, res, kind, hooks)));
        }
        if (!own.contains(RuleHooks.Route.PUT)) {
            routes.put(one, access.changing((req, res) -> put(req, res, kind)));
        }
        if (!own.contains(RuleHooks.Route.DELETE)) {
            routes.delete(one, access.changing((req, res) -> {
                rules.archive(access.actor(req), access.caller(req).applicationId(), kind, key(req));
                res.status(204).send();
            }));
        }
    }

    private <R> void put(ServerRequest request, ServerResponse response, RuleKind<R> kind) {
        String applicationId = access.caller(request).applicationId();
        String key = key(request);
        if (flag(request, "dry_run")) {
            RuleService.Answer<R> preview = rules.previewWithHooks(applicationId, kind, key, json.body(request));
            json.send(response, 200, dryRun(preview.put(), preview.view()));
            return;
        }
        RuleService.Answer<R> put = rules.putWithHooks(access.actor(request), applicationId, kind, key,
                json.body(request));
        if (put.put().created()) {
            response.header(HeaderNames.LOCATION, "/v1/" + kind.collection() + "/" + key);
        }
        json.send(response, put.put().created() ? 201 : 200, put.view());
    }

    /** The answer of a dry run: what it is, what the PUT would do, then the view the PUT would answer. */
    private static ObjectNode dryRun(RuleService.Put<?> preview, ObjectNode view) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("dry_run", true);
        answer.put("result", preview.result().value());
        preview.changedMembers().forEach(answer.putArray("changed_members")::add);
        answer.setAll(view);
        return answer;
    }

    private <R> void get(ServerRequest request, ServerResponse response, RuleKind<R> kind, RuleHooks<R> hooks) {
        RuleAccess.Caller caller = access.caller(request);
        StoredRule<R> rule = rules.get(caller.applicationId(), kind, key(request));
        RuleHooks.Read<R> read = hooks.read(caller);
        if (!read.visible(rule)) {
            throw RuleService.notFound(kind, rule.key());
        }
        ObjectNode view = rule.view();
        read.one(rule, view);
        json.send(response, 200, view);
    }

    private <R> void list(ServerRequest request, ServerResponse response, RuleKind<R> kind, RuleHooks<R> hooks) {
        RuleAccess.Caller caller = access.caller(request);
        boolean includeArchived = flag(request, "include_archived");
        RuleHooks.Read<R> read = hooks.read(caller);
        PageRequest.Page<StoredRule<R>> page = rules.list(caller.applicationId(), kind, PageRequest.from(request),
                includeArchived, read::visible);
        List<ObjectNode> items = new ArrayList<>();
        for (StoredRule<R> rule : page.items()) {
            ObjectNode view = rule.view();
            read.listed(rule, view);
            items.add(view);
        }
        json.send(response, 200, new PageRequest.Page<>(items, page.nextCursor()));
    }

    /** A query parameter that is {@code true} or {@code false} (default false); 400 naming it otherwise. */
    private static boolean flag(ServerRequest request, String name) {
        return request.query().first(name).map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalidField(name, "'" + name + "' must be true or false");
        }).orElse(false);
    }

    private static String key(ServerRequest request) {
        return RuleCodec.key(request.path().pathParameters().get("key"));
    }
}
