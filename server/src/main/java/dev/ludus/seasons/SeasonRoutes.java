package dev.ludus.seasons;

import dev.ludus.auth.AuthFilter;
import dev.ludus.auth.Scope;
import dev.ludus.events.UserIds;
import dev.ludus.http.AcceptLanguage;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.PageRequest;
import dev.ludus.http.RouteTable;
import dev.ludus.rules.RuleCodec;
import io.helidon.webserver.http.ServerRequest;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/points/{key}/seasons}, {@code GET /v1/points/{key}/seasons/{season}} and
 * {@code GET /v1/users/{id}/points/{system}/seasons}: the past seasons of points systems (scope
 * {@code read}; {@code me} for the token's subject).
 */
public final class SeasonRoutes {

    /** A season's key: a year, a quarter, a month or a day (a week is its first day). */
    private static final Pattern SEASON_KEY = Pattern.compile("[0-9]{4}(-Q[1-4]|-[0-9]{2}(-[0-9]{2})?)?");

    private final SeasonService seasons;
    private final AuthFilter auth;
    private final Json json;

    public SeasonRoutes(SeasonService seasons, AuthFilter auth, Json json) {
        this.seasons = seasons;
        this.auth = auth;
        this.json = json;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/points/{key}/seasons", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, seasons.seasons(AuthFilter.principal(req).applicationId(), key(req, "key")))));
        routes.get("/v1/points/{key}/seasons/{season}", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, seasons.standings(AuthFilter.principal(req).applicationId(), key(req, "key"), season(req),
                        PageRequest.from(req), AcceptLanguage.of(req)))));
        routes.get("/v1/users/{id}/points/{system}/seasons", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, seasons.ofUser(AuthFilter.principal(req).applicationId(), UserIds.ofPath(req, false),
                        key(req, "system"), PageRequest.from(req), AcceptLanguage.of(req)))));
    }

    private static String key(ServerRequest request, String parameter) {
        return RuleCodec.key(request.path().pathParameters().get(parameter));
    }

    private static String season(ServerRequest request) {
        String season = request.path().pathParameters().get("season");
        if (!SEASON_KEY.matcher(season).matches()) {
            throw ApiException.invalidField("season", "'season' must be a season's key, such as 2027, 2027-Q1, 2027-03"
                    + " or 2027-03-01");
        }
        return season;
    }
}
