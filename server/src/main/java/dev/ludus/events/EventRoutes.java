package dev.ludus.events;

import dev.ludus.auth.AuthFilter;
import dev.ludus.auth.Principal;
import dev.ludus.auth.Scope;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.JsonBody;
import dev.ludus.http.PageRequest;
import dev.ludus.http.ProblemHandler;
import dev.ludus.http.RouteTable;
import dev.ludus.rules.RuleCodec;
import dev.ludus.users.UserPatch;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Events ({@code POST /v1/events}, {@code /v1/events/batch}) and users ({@code /v1/users/...}:
 * profile, progress, points adjustments and history, API completions, streak standings, history and
 * freeze grants, deletion). {@code me} in a
 * path stands for the token's subject.
 */
public final class EventRoutes {

    /** The most events one batch may hold. */
    public static final int MAX_BATCH = 1000;
    private static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");

    private final EventService events;
    private final ProgressService progress;
    private final AuthFilter auth;
    private final Json json;
    private final EventRequest.Window window;
    private final Clock clock;

    public EventRoutes(EventService events, ProgressService progress, AuthFilter auth, Json json,
            EventRequest.Window window, Clock clock) {
        this.events = events;
        this.progress = progress;
        this.auth = auth;
        this.json = json;
        this.window = window;
        this.clock = clock;
    }

    record BatchItem(int status, Object body, Object error) { }

    record BatchAnswer(List<BatchItem> results) { }

    public void register(RouteTable routes) {
        routes.post("/v1/events", auth.require(Scope.WRITE, this::record));
        routes.post("/v1/events/batch", auth.require(Scope.WRITE, this::batch));
        routes.post("/v1/events/validate", auth.require(Scope.WRITE, this::validate));
        routes.put("/v1/users/{id}", auth.require(Scope.WRITE, this::putUser));
        routes.get("/v1/users/{id}", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, progress.user(applicationId(req), user(req, false)))));
        routes.delete("/v1/users/{id}", auth.require(Scope.USERS_WRITE, (req, res) -> {
            events.deleteUser(applicationId(req), user(req, true));
            res.status(204).send();
        }));
        routes.get("/v1/users/{id}/progress", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, progress.progress(applicationId(req), user(req, false),
                        AuthFilter.principal(req).has(Scope.ADMIN)))));
        routes.post("/v1/users/{id}/points/{system}/adjust", auth.require(Scope.USERS_WRITE, this::adjust));
        routes.get("/v1/users/{id}/points/{system}/history", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, progress.history(applicationId(req), user(req, false),
                        RuleCodec.key(req.path().pathParameters().get("system")), PageRequest.from(req)))));
        routes.get("/v1/users/{id}/streaks", auth.require(Scope.READ, (req, res) -> {
            String userId = user(req, false);
            json.send(res, 200, new StreakList(userId, progress.streaks(applicationId(req), userId, Optional.empty())));
        }));
        routes.get("/v1/users/{id}/streaks/{key}", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, progress.streaks(applicationId(req), user(req, false),
                        Optional.of(RuleCodec.key(req.path().pathParameters().get("key")))).getFirst())));
        routes.get("/v1/users/{id}/streaks/{key}/history", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, progress.streakHistory(applicationId(req), user(req, false),
                        RuleCodec.key(req.path().pathParameters().get("key")), PageRequest.from(req)))));
        routes.post("/v1/users/{id}/streaks/{key}/freezes", auth.require(Scope.USERS_WRITE, this::grantFreezes));
        routes.post("/v1/users/{id}/achievements/{key}/complete", auth.require(Scope.USERS_WRITE, (req, res) -> {
            Reply reply = events.complete(applicationId(req), user(req, true),
                    RuleCodec.key(req.path().pathParameters().get("key")), idempotencyKey(req));
            json.sendRaw(res, reply.status(), reply.body());
        }));
    }

    private void record(ServerRequest request, ServerResponse response) {
        EventRequest event = EventRequest.read(json.body(request), AuthFilter.principal(request),
                idempotencyKey(request), window, clock.instant());
        Reply reply = events.record(applicationId(request), event);
        json.sendRaw(response, reply.status(), reply.body());
    }

    /** What a valid event would be recorded as; nothing is written and the rules are not consulted. */
    record Validated(boolean valid, String userId, String metric, java.math.BigDecimal value, Instant occurredAt,
            Map<String, String> attributes) { }

    /**
     * Checks an event's syntax, range and permissions as {@code POST /v1/events} would, without
     * recording it: for client development, and the no-op baseline of the benchmarks.
     */
    private void validate(ServerRequest request, ServerResponse response) {
        Instant now = clock.instant();
        EventRequest event = EventRequest.read(json.body(request), AuthFilter.principal(request),
                idempotencyKey(request), window, now);
        json.send(response, 200, new Validated(true, event.userId(), event.metric(), event.value().toDecimal(),
                event.occurredAt().orElse(now), new java.util.TreeMap<>(event.attributes())));
    }

    private void batch(ServerRequest request, ServerResponse response) {
        JsonBody body = json.body(request).allowOnly(Set.of("events"));
        List<JsonBody> items = body.objects("events", MAX_BATCH).orElseThrow(() ->
                ApiException.invalidField("events", "'events' is required: an array of 1 to " + MAX_BATCH + " events"));
        if (items.isEmpty()) {
            throw ApiException.invalidField("events", "'events' must hold at least one event");
        }
        Principal principal = AuthFilter.principal(request);
        String applicationId = principal.applicationId();
        Instant now = clock.instant();
        List<Object> pending = new ArrayList<>(items.size());
        for (JsonBody item : items) {
            try {
                pending.add(events.recordAsync(applicationId, EventRequest.read(item, principal, Optional.empty(),
                        window, now)));
            } catch (ApiException e) {
                pending.add(e);
            }
        }
        List<BatchItem> results = new ArrayList<>(items.size());
        for (int index = 0; index < pending.size(); index++) {
            Object entry = pending.get(index);
            ApiException failure = entry instanceof ApiException e ? e : null;
            if (failure == null) {
                try {
                    @SuppressWarnings("unchecked")
                    Reply reply = dev.ludus.store.GroupCommit.await((CompletableFuture<Reply>) entry);
                    results.add(new BatchItem(reply.status(), json.readTrusted(new String(reply.body(),
                            java.nio.charset.StandardCharsets.UTF_8)), null));
                    continue;
                } catch (ApiException e) {
                    failure = e;
                }
            }
            Map<String, Object> problem = new java.util.LinkedHashMap<>(ProblemHandler.body(failure));
            if (problem.get("field") instanceof String field && !field.startsWith("events[")) {
                problem.put("field", "events[" + index + "]." + field);
            }
            results.add(new BatchItem(failure.status(), null, problem));
        }
        json.send(response, 200, new BatchAnswer(results));
    }

    private void putUser(ServerRequest request, ServerResponse response) {
        String applicationId = applicationId(request);
        String userId = user(request, true);
        boolean created = events.putUser(applicationId, userId, UserPatch.read(json.body(request), true));
        if (created) {
            response.header(HeaderNames.LOCATION, "/v1/users/"
                    + java.net.URLEncoder.encode(userId, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        json.send(response, created ? 201 : 200, progress.user(applicationId, userId));
    }

    private void adjust(ServerRequest request, ServerResponse response) {
        JsonBody body = json.body(request).allowOnly(Set.of("amount", "reason"));
        long amount = body.integer("amount", -RuleCodec.MAX_POINTS, RuleCodec.MAX_POINTS)
                .filter(value -> value != 0)
                .orElseThrow(() -> ApiException.invalidField("amount", "'amount' is required: a non-zero whole number "
                        + "(positive grants, negative spends)"));
        String reason = body.requiredString("reason", 500);
        Reply reply = events.adjust(applicationId(request), user(request, true),
                RuleCodec.key(request.path().pathParameters().get("system")), amount, reason, idempotencyKey(request));
        json.sendRaw(response, reply.status(), reply.body());
    }

    /** The answer of {@code GET /v1/users/{id}/streaks}. */
    record StreakList(String userId, List<ProgressService.StreakProgress> streaks) { }

    /** The most freezes one grant may give. */
    public static final int MAX_FREEZE_GRANT = 100;

    private void grantFreezes(ServerRequest request, ServerResponse response) {
        JsonBody body = json.body(request).allowOnly(Set.of("count"));
        int count = body.integer("count", 1, MAX_FREEZE_GRANT).orElse(1L).intValue();
        Reply reply = events.grantFreezes(applicationId(request), user(request, true),
                RuleCodec.key(request.path().pathParameters().get("key")), count, idempotencyKey(request));
        json.sendRaw(response, reply.status(), reply.body());
    }

    private static Optional<String> idempotencyKey(ServerRequest request) {
        Optional<String> key = request.headers().first(IDEMPOTENCY_KEY);
        if (key.isPresent() && (key.get().isBlank() || key.get().length() > Idempotency.MAX_KEY_LENGTH)) {
            throw ApiException.invalidField("Idempotency-Key", "the Idempotency-Key header must have 1 to "
                    + Idempotency.MAX_KEY_LENGTH + " characters");
        }
        return key;
    }

    private static String user(ServerRequest request, boolean write) {
        return UserIds.resolve(request.path().pathParameters().get("id"), AuthFilter.principal(request), "id", write);
    }

    private static String applicationId(ServerRequest request) {
        return AuthFilter.principal(request).applicationId();
    }
}
