package dev.ludus.console;

import dev.ludus.audit.AuditEntry;
import dev.ludus.audit.AuditFilter;
import dev.ludus.audit.AuditLog;
import dev.ludus.http.ApiException;
import dev.ludus.http.PageRequest;
import dev.ludus.tenancy.Application;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The audit log in the console, read through {@link AuditLog#page} as the audit API reads it: an
 * application's entries (for anyone who may see the application) and the whole server's (operators),
 * newest first, filtered by action (a family when it ends with a dot), target kind and id, and a range
 * of days (UTC, both included); the server's also by tenant and application.
 */
public final class AuditPages {

    /** The longest filter value, as for {@code GET /v1/audit}. */
    static final int MAX_FILTER = 256;
    private static final List<String> FILTERS = List.of("action", "target_kind", "target_id", "since", "until");
    private static final List<String> SERVER_FILTERS = List.of("tenant_id", "application_id", "action", "target_kind",
            "target_id", "since", "until");

    private final Console console;
    private final Jdbi jdbi;
    private final AuditLog audit = new AuditLog();

    public AuditPages(Console console, Jdbi jdbi) {
        this.console = console;
        this.jdbi = jdbi;
    }

    public void register(Pages routes) {
        routes.get("/console/apps/{app}/audit", this::application);
        routes.get("/console/audit", this::server);
    }

    private void application(ServerRequest request, ServerResponse response) {
        Application application = console.viewable(request);
        show(request, response, FILTERS, Optional.of(application),
                Console.page(request, "Audit log").in(application, "audit"));
    }

    private void server(ServerRequest request, ServerResponse response) {
        Console.requireOperator(request);
        show(request, response, SERVER_FILTERS, Optional.empty(), Console.page(request, "Audit log").in("server-audit"));
    }

    private void show(ServerRequest request, ServerResponse response, List<String> names,
            Optional<Application> application, Page page) {
        Map<String, String> values = new LinkedHashMap<>();
        names.forEach(name -> request.query().first(name).map(String::strip).filter(value -> !value.isEmpty())
                .ifPresent(value -> values.put(name, value)));
        Map<String, String> errors = new LinkedHashMap<>();
        AuditFilter filter = filter(values, errors);
        if (application.isPresent()) {
            filter = filter.ofApplication(application.get().id());
        }
        PageRequest.Page<AuditEntry> entries = new PageRequest.Page<>(List.of(), null);
        if (errors.isEmpty()) {
            try {
                PageRequest paging = PageRequest.from(request);
                AuditFilter chosen = filter;
                entries = jdbi.withHandle(handle -> audit.page(handle, chosen, paging));
            } catch (ApiException e) {
                if (e.status() != 400) {
                    throw e;
                }
                errors.put("", e.detail());
            }
        }
        String path = application.map(app -> "/console/apps/" + app.id() + "/audit").orElse("/console/audit");
        String next = "";
        if (entries.nextCursor() != null) {
            Map<String, String> query = new LinkedHashMap<>(values);
            query.put("cursor", entries.nextCursor());
            next = ConsoleText.link(path, query);
        }
        console.views().render(response, errors.isEmpty() ? 200 : 422, "audit/list.jte", page,
                "path", path, "server", application.isEmpty(), "values", values, "errors", errors,
                "entries", entries.items(), "next", next);
    }

    /** The filter the form's values make; what is wrong goes into {@code errors}, by field. */
    private static AuditFilter filter(Map<String, String> values, Map<String, String> errors) {
        values.forEach((name, value) -> {
            if (value.length() > MAX_FILTER) {
                errors.put(name, "At most " + MAX_FILTER + " characters.");
            }
        });
        Optional<Instant> since = day(values, "since", errors);
        Optional<Instant> until = day(values, "until", errors).map(start -> start.plusSeconds(86_400));
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            errors.put("until", "The last day must not be before the first.");
        }
        return new AuditFilter(Optional.ofNullable(values.get("tenant_id")),
                Optional.ofNullable(values.get("application_id")), Optional.ofNullable(values.get("action")),
                Optional.ofNullable(values.get("target_kind")), Optional.ofNullable(values.get("target_id")),
                since, until);
    }

    /** The start (UTC) of the day given as {@code YYYY-MM-DD} in field {@code name}. */
    private static Optional<Instant> day(Map<String, String> values, String name, Map<String, String> errors) {
        String value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            errors.put(name, "A day such as 2026-12-01.");
            return Optional.empty();
        }
    }

    /**
     * Who made a change, in words: a console account's email, the operator key, or an API principal's
     * subject, application and way of signing in.
     */
    public static String who(AuditEntry.ActorView actor) {
        String method = actor.authMethod() == null ? "" : actor.authMethod();
        return switch (actor.kind()) {
            case "api" -> actor.subject() + " (API token of " + actor.applicationId() + ", " + method + ")";
            case "operator" -> method.equals("operator_key") || actor.subject() == null ? "the operator key"
                    : actor.subject() + " (console)";
            case "account" -> actor.subject() + " (console)";
            default -> actor.kind();
        };
    }
}
