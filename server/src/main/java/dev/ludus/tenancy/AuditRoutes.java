package dev.ludus.tenancy;

import dev.ludus.audit.AuditFilter;
import dev.ludus.audit.AuditLog;
import dev.ludus.auth.AuthFilter;
import dev.ludus.auth.Scope;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.PageRequest;
import dev.ludus.http.RouteTable;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Reading the audit log: {@code GET /v1/audit} (scope {@code admin}: the caller's application's
 * entries) and {@code GET /admin/v1/audit} (the operator: every entry, {@code tenant_id} and
 * {@code application_id} filters). Both are pages, newest first, filtered by {@code action},
 * {@code target_kind}, {@code target_id}, {@code since} and {@code until}. There is no route that
 * changes or deletes an entry.
 */
public final class AuditRoutes {

    private final Jdbi jdbi;
    private final AuditLog audit = new AuditLog();
    private final AuthFilter auth;
    private final Json json;

    public AuditRoutes(Jdbi jdbi, AuthFilter auth, Json json) {
        this.jdbi = jdbi;
        this.auth = auth;
        this.json = json;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/audit", auth.require(Scope.ADMIN, (req, res) ->
                send(req, res, filter(req, Optional.empty(), Optional.empty())
                        .ofApplication(AuthFilter.principal(req).applicationId()))));
        routes.get("/admin/v1/audit", (req, res) ->
                send(req, res, filter(req, text(req, "tenant_id"), text(req, "application_id"))));
    }

    private void send(ServerRequest request, ServerResponse response, AuditFilter filter) {
        PageRequest page = PageRequest.from(request);
        json.send(response, 200, jdbi.withHandle(handle -> audit.page(handle, filter, page)));
    }

    private static AuditFilter filter(ServerRequest request, Optional<String> tenantId, Optional<String> applicationId) {
        Optional<Instant> since = instant(request, "since");
        Optional<Instant> until = instant(request, "until");
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            throw ApiException.invalidField("until", "'until' must be after 'since'");
        }
        return new AuditFilter(tenantId, applicationId, text(request, "action"), text(request, "target_kind"),
                text(request, "target_id"), since, until);
    }

    private static Optional<String> text(ServerRequest request, String name) {
        Optional<String> value = request.query().first(name).map(String::strip).filter(text -> !text.isEmpty());
        if (value.isPresent() && value.get().length() > 256) {
            throw ApiException.invalidField(name, "'" + name + "' is longer than 256 characters");
        }
        return value;
    }

    private static Optional<Instant> instant(ServerRequest request, String name) {
        return text(request, name).map(value -> {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw ApiException.invalidField(name, "'" + name + "' must be an RFC 3339 time in UTC, such as "
                        + "2026-12-01T00:00:00Z");
            }
        });
    }
}
