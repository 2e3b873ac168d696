package dev.ludus.users;

import dev.ludus.auth.AuthFilter;
import dev.ludus.auth.Scope;
import dev.ludus.events.EventService;
import dev.ludus.events.IdempotencyHeader;
import dev.ludus.events.ProgressService;
import dev.ludus.events.Reply;
import dev.ludus.events.UserIds;
import dev.ludus.http.AcceptLanguage;
import dev.ludus.http.Json;
import dev.ludus.http.JsonBody;
import dev.ludus.http.PageRequest;
import dev.ludus.http.RouteTable;
import dev.ludus.profiles.UserPatch;
import dev.ludus.rules.RuleCodec;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /v1/users}: the list of users, searched and sorted ({@link UserList}). {@code /v1/users/...}:
 * profile, progress, points adjustments and history, API completions, streak standings, history and
 * freeze grants, deletion. {@code me} in a path stands for the token's
 * subject; acting for another user needs a {@code users:} scope.
 */
public final class UserRoutes {

    private final EventService events;
    private final ProgressService progress;
    private final UserList list;
    private final AuthFilter auth;
    private final Json json;

    /** @param list the list of {@code GET /v1/users} */
    public UserRoutes(EventService events, ProgressService progress, UserList list, AuthFilter auth, Json json) {
        this.events = events;
        this.progress = progress;
        this.list = list;
        this.auth = auth;
        this.json = json;
    }

    /** The answer of {@code GET /v1/users/{id}/streaks}. */
    record StreakList(String userId, List<ProgressService.StreakProgress> streaks) { }

    public void register(RouteTable routes) {
        routes.get("/v1/users", auth.require(Scope.USERS_READ, (req, res) ->
                json.send(res, 200, list.page(applicationId(req), UserList.Query.of(req.query()),
                        PageRequest.from(req)))));
        routes.put("/v1/users/{id}", auth.require(Scope.WRITE, this::putUser));
        routes.get("/v1/users/{id}", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, progress.user(applicationId(req), UserIds.ofPath(req, false)))));
        routes.delete("/v1/users/{id}", auth.require(Scope.USERS_WRITE, (req, res) -> {
            events.deleteUser(AuthFilter.actor(req), applicationId(req), UserIds.ofPath(req, true));
            res.status(204).send();
        }));
        routes.delete("/v1/users/{id}/flag", auth.require(Scope.USERS_WRITE, (req, res) ->
                send(res, events.clearFlag(AuthFilter.actor(req), applicationId(req), UserIds.ofPath(req, true)))));
        routes.get("/v1/users/{id}/progress", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, progress.progress(applicationId(req), UserIds.ofPath(req, false),
                        AuthFilter.principal(req).has(Scope.ADMIN), AcceptLanguage.of(req)))));
        routes.post("/v1/users/{id}/points/{system}/adjust", auth.require(Scope.USERS_WRITE, this::adjust));
        routes.get("/v1/users/{id}/points/{system}/history", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, progress.history(applicationId(req), UserIds.ofPath(req, false),
                        key(req, "system"), PageRequest.from(req)))));
        routes.get("/v1/users/{id}/streaks", auth.require(Scope.READ, (req, res) -> {
            String userId = UserIds.ofPath(req, false);
            json.send(res, 200, new StreakList(userId, progress.streaks(applicationId(req), userId, Optional.empty(),
                    AcceptLanguage.of(req))));
        }));
        routes.get("/v1/users/{id}/streaks/{key}", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, progress.streaks(applicationId(req), UserIds.ofPath(req, false),
                        Optional.of(key(req, "key")), AcceptLanguage.of(req)).getFirst())));
        routes.get("/v1/users/{id}/streaks/{key}/history", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, progress.streakHistory(applicationId(req), UserIds.ofPath(req, false),
                        key(req, "key"), PageRequest.from(req)))));
        routes.post("/v1/users/{id}/streaks/{key}/freezes", auth.require(Scope.USERS_WRITE, this::grantFreezes));
        routes.post("/v1/users/{id}/achievements/{key}/complete", auth.require(Scope.USERS_WRITE, (req, res) ->
                send(res, events.complete(AuthFilter.actor(req), applicationId(req), UserIds.ofPath(req, true), key(req, "key"),
                        IdempotencyHeader.of(req), AcceptLanguage.of(req)))));
    }

    private void putUser(ServerRequest request, ServerResponse response) {
        String applicationId = applicationId(request);
        String userId = UserIds.ofPath(request, true);
        boolean created = events.putUser(applicationId, userId, UserPatch.read(json.body(request), true));
        if (created) {
            response.header(HeaderNames.LOCATION, "/v1/users/"
                    + java.net.URLEncoder.encode(userId, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        json.send(response, created ? 201 : 200, progress.user(applicationId, userId));
    }

    private void adjust(ServerRequest request, ServerResponse response) {
        JsonBody body = json.body(request).allowOnly(Set.of("amount", "reason"));
        // types here, ranges and presence in the service (the console's adjustments go through it too)
        long amount = body.integer("amount", Long.MIN_VALUE, Long.MAX_VALUE).orElse(0L);
        String reason = body.string("reason", Integer.MAX_VALUE).orElse("");
        send(response, events.adjust(AuthFilter.actor(request), applicationId(request), UserIds.ofPath(request, true),
                key(request, "system"), amount, reason, IdempotencyHeader.of(request), AcceptLanguage.of(request)));
    }

    private void grantFreezes(ServerRequest request, ServerResponse response) {
        JsonBody body = json.body(request).allowOnly(Set.of("count"));
        long count = body.integer("count", Integer.MIN_VALUE, Integer.MAX_VALUE).orElse(1L);
        send(response, events.grantFreezes(AuthFilter.actor(request), applicationId(request), UserIds.ofPath(request, true),
                key(request, "key"), (int) count, IdempotencyHeader.of(request)));
    }

    private void send(ServerResponse response, Reply reply) {
        json.sendRaw(response, reply.status(), reply.body());
    }

    private static String key(ServerRequest request, String parameter) {
        return RuleCodec.key(request.path().pathParameters().get(parameter));
    }

    private static String applicationId(ServerRequest request) {
        return AuthFilter.principal(request).applicationId();
    }
}
