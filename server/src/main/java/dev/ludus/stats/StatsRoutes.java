package dev.ludus.stats;

import dev.ludus.auth.AuthFilter;
import dev.ludus.auth.Scope;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.RouteTable;
import dev.ludus.http.Text;
import java.util.Optional;

/**
 * {@code GET /v1/stats} (scope {@code admin}: the caller's application) and {@code GET /admin/v1/stats}
 * (the operator: every application added up, or one with {@code application_id}); both take
 * {@code from}, {@code to} and {@code interval} ({@link StatsQuery}).
 */
public final class StatsRoutes {

    private final Stats stats;
    private final AuthFilter auth;
    private final Json json;

    public StatsRoutes(Stats stats, AuthFilter auth, Json json) {
        this.stats = stats;
        this.auth = auth;
        this.json = json;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/stats", auth.require(Scope.ADMIN, (req, res) -> json.send(res, 200,
                stats.read(Optional.of(AuthFilter.principal(req).applicationId()), StatsQuery.of(req)))));
        routes.get("/admin/v1/stats", (req, res) -> {
            StatsQuery query = StatsQuery.of(req);
            Optional<String> application = req.query().first("application_id").map(String::strip)
                    .filter(id -> !id.isEmpty());
            if (application.isPresent() && (application.get().length() > 40 || !Text.isWellFormed(application.get()))) {
                throw ApiException.invalidField("application_id", "'application_id' is not an application id");
            }
            json.send(res, 200, stats.read(application, query));
        });
    }
}
