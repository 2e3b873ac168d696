package dev.ludus.exports;

import dev.ludus.auth.AuthFilter;
import dev.ludus.auth.Scope;
import dev.ludus.engine.MetricRule;
import dev.ludus.engine.PointsSystem;
import dev.ludus.engine.Rules;
import dev.ludus.events.UserIds;
import dev.ludus.http.ApiException;
import dev.ludus.http.RouteTable;
import dev.ludus.http.Text;
import dev.ludus.profiles.User;
import dev.ludus.rules.RuleService;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code GET /v1/export/events} and {@code GET /v1/export/users} (scope {@code admin}): NDJSON, or CSV
 * for {@code Accept: text/csv}, resumable with {@code after}; {@code GET /v1/users/{id}/export} ({@code
 * read} for oneself, {@code users:read} for anyone): everything held about one user as JSON.
 */
public final class ExportRoutes {

    private static final Set<String> EVENT_PARAMETERS = Set.of("from", "to", "after");
    private static final Set<String> USER_PARAMETERS = Set.of("after");

    private final ExportService exports;
    private final UserExport userExport;
    private final RuleService rules;
    private final AuthFilter auth;
    private final Clock clock;

    public ExportRoutes(ExportService exports, RuleService rules, AuthFilter auth, Clock clock) {
        this.exports = exports;
        this.userExport = exports.userExport(clock);
        this.rules = rules;
        this.auth = auth;
        this.clock = clock;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/export/events", auth.require(Scope.ADMIN, this::events));
        routes.get("/v1/export/users", auth.require(Scope.ADMIN, this::users));
        routes.get("/v1/users/{id}/export", auth.require(Scope.READ, this::user));
    }

    private void events(ServerRequest request, ServerResponse response) throws IOException {
        only(request, EVENT_PARAMETERS);
        String applicationId = AuthFilter.principal(request).applicationId();
        Instant from = instant(request, "from").orElse(Instant.EPOCH);
        Instant to = instant(request, "to").orElse(clock.instant().plusMillis(1));
        if (!to.isAfter(from)) {
            throw ApiException.invalidField("to", "'to' must be after 'from'");
        }
        Optional<String> after = text(request, "after", 40);
        ExportService.EventQuery query = new ExportService.EventQuery(from, to, after);
        ExportService.EventRange range = exports.range(applicationId, query);
        ExportFormat format = format(request);
        try (OutputStream out = open(response, format, "events")) {
            exports.stream(out, format, ExportService.EVENT_COLUMNS,
                    lines -> exports.writeEvents(applicationId, query, range, lines));
        }
    }

    private void users(ServerRequest request, ServerResponse response) throws IOException {
        only(request, USER_PARAMETERS);
        String applicationId = AuthFilter.principal(request).applicationId();
        Optional<String> after = text(request, "after", UserIds.MAX_LENGTH);
        after.ifPresent(id -> exports.checkUser(applicationId, id));
        Rules current = rules.rules(applicationId);
        List<String> metrics = List.copyOf(new TreeMap<>(current.metrics()).keySet());
        List<String> systems = List.copyOf(new TreeMap<>(current.pointsSystems()).keySet());
        ExportFormat format = format(request);
        try (OutputStream out = open(response, format, "users")) {
            exports.stream(out, format, exports.userColumns(metrics, systems),
                    lines -> exports.writeUsers(applicationId, after, format, metrics, systems, lines));
        }
    }

    private void user(ServerRequest request, ServerResponse response) throws IOException {
        String applicationId = AuthFilter.principal(request).applicationId();
        String userId = UserIds.ofPath(request, false);
        User user = userExport.user(applicationId, userId);
        response.status(200);
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        try (OutputStream out = response.outputStream()) {
            userExport.write(applicationId, user, out);
        }
    }

    private static OutputStream open(ServerResponse response, ExportFormat format, String name) {
        response.status(200);
        response.header(HeaderNames.CONTENT_TYPE, format.contentType());
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + name
                + (format == ExportFormat.CSV ? ".csv" : ".ndjson") + "\"");
        return response.outputStream();
    }

    private static ExportFormat format(ServerRequest request) {
        return ExportFormat.of(request.headers().first(HeaderNames.ACCEPT).orElse(null));
    }

    private static void only(ServerRequest request, Set<String> allowed) {
        for (String name : request.query().names()) {
            if (!allowed.contains(name)) {
                throw ApiException.invalidField(name, "unknown parameter '" + name + "'; this export takes "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
            if (request.query().all(name).size() > 1) {
                throw ApiException.invalidField(name, "'" + name + "' may be given once");
            }
        }
    }

    private static Optional<String> text(ServerRequest request, String name, int maxLength) {
        Optional<String> value = request.query().first(name).map(String::strip).filter(text -> !text.isEmpty());
        if (value.isPresent() && (value.get().length() > maxLength || !Text.isWellFormed(value.get()))) {
            throw ApiException.invalidField(name, "'" + name + "' is not an id");
        }
        return value;
    }

    private static Optional<Instant> instant(ServerRequest request, String name) {
        Optional<String> value = request.query().first(name).map(String::strip).filter(text -> !text.isEmpty());
        try {
            return value.map(text -> java.time.OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(name, "'" + name + "' must be an RFC 3339 instant, such as "
                    + "2026-12-01T00:00:00Z");
        }
    }
}
