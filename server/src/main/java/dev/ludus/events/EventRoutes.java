package dev.ludus.events;

import dev.ludus.auth.AuthFilter;
import dev.ludus.auth.Principal;
import dev.ludus.auth.Scope;
import dev.ludus.http.AcceptLanguage;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.JsonBody;
import dev.ludus.http.ProblemHandler;
import dev.ludus.http.RouteTable;
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
 * Events: {@code POST /v1/events}, {@code /v1/events/batch} and {@code /v1/events/validate}. The
 * {@code /v1/users/...} routes are in UserRoutes (package users).
 */
public final class EventRoutes {

    /** The most events one batch may hold. */
    public static final int MAX_BATCH = 1000;

    private final EventService events;
    private final AuthFilter auth;
    private final Json json;
    private final EventRequest.Window window;
    private final Clock clock;

    public EventRoutes(EventService events, AuthFilter auth, Json json, EventRequest.Window window, Clock clock) {
        this.events = events;
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
    }

    private void record(ServerRequest request, ServerResponse response) {
        EventRequest event = EventRequest.read(json.body(request), AuthFilter.principal(request),
                IdempotencyHeader.of(request), window, clock.instant());
        Reply reply = events.record(applicationId(request), event, AcceptLanguage.of(request));
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
                IdempotencyHeader.of(request), window, now);
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
        Optional<String> acceptLanguage = AcceptLanguage.of(request);
        List<Object> pending = new ArrayList<>(items.size());
        events.admit();
        for (JsonBody item : items) {
            try {
                pending.add(events.recordAsync(applicationId, EventRequest.read(item, principal, Optional.empty(),
                        window, now), acceptLanguage));
            } catch (RuntimeException e) {
                pending.add(problem(e));
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
                } catch (RuntimeException e) {
                    failure = problem(e);
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

    /** The answer of one event of a batch that failed: a known failure's problem; a bug fails the request. */
    private static ApiException problem(RuntimeException failure) {
        return ProblemHandler.problemOf(failure).orElseThrow(() -> failure);
    }

    private static String applicationId(ServerRequest request) {
        return AuthFilter.principal(request).applicationId();
    }
}
