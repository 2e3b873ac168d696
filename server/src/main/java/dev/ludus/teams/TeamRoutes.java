package dev.ludus.teams;

import dev.ludus.auth.AuthFilter;
import dev.ludus.auth.Scope;
import dev.ludus.events.Reply;
import dev.ludus.events.UserIds;
import dev.ludus.http.Json;
import dev.ludus.http.PageRequest;
import dev.ludus.http.RouteTable;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code /v1/teams}: teams (the application's: {@code users:write} to change, {@code read} to look),
 * their members, and {@code /v1/users/{id}/teams}; the rankings of team leaderboards
 * ({@code /v1/team_leaderboards/{key}/ranking}, {@code .../teams/{id}}), whose definitions are rules.
 */
public final class TeamRoutes {

    private final TeamService teams;
    private final TeamBoardService boards;
    private final TeamQuestService quests;
    private final AuthFilter auth;
    private final Json json;

    public TeamRoutes(TeamService teams, TeamBoardService boards, TeamQuestService quests, AuthFilter auth, Json json) {
        this.teams = teams;
        this.boards = boards;
        this.quests = quests;
        this.auth = auth;
        this.json = json;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/teams", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, teams.list(applicationId(req), PageRequest.from(req)))));
        routes.put("/v1/teams/{id}", auth.require(Scope.USERS_WRITE, (req, res) -> {
            TeamService.Put put = teams.put(applicationId(req), team(req), json.body(req));
            if (put.created()) {
                res.header(HeaderNames.LOCATION, "/v1/teams/"
                        + URLEncoder.encode(put.team().id(), StandardCharsets.UTF_8).replace("+", "%20"));
            }
            json.send(res, put.created() ? 201 : 200, put.team());
        }));
        routes.get("/v1/teams/{id}", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, teams.get(applicationId(req), team(req)))));
        routes.delete("/v1/teams/{id}", auth.require(Scope.USERS_WRITE, (req, res) -> {
            teams.delete(applicationId(req), team(req));
            res.status(204).send();
        }));
        routes.get("/v1/teams/{id}/quests", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, quests.ofTeam(applicationId(req), team(req),
                        dev.ludus.http.AcceptLanguage.of(req)))));
        routes.get("/v1/teams/{id}/members", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, teams.members(applicationId(req), team(req), PageRequest.from(req)))));
        routes.put("/v1/teams/{id}/members/{user_id}", auth.require(Scope.USERS_WRITE, (req, res) -> {
            json.body(req).allowOnly(java.util.Set.of());
            Reply reply = teams.join(applicationId(req), team(req), member(req));
            json.sendRaw(res, reply.status(), reply.body());
        }));
        routes.delete("/v1/teams/{id}/members/{user_id}", auth.require(Scope.USERS_WRITE, (req, res) -> {
            teams.leave(applicationId(req), team(req), member(req));
            res.status(204).send();
        }));
        routes.get("/v1/team_leaderboards/{key}/ranking", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, boards.ranking(applicationId(req), boardKey(req), period(req),
                        PageRequest.from(req)))));
        routes.get("/v1/team_leaderboards/{key}/teams/{id}", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, boards.place(applicationId(req), boardKey(req), team(req), period(req)))));
        routes.get("/v1/users/{id}/teams", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, teams.teamsOf(applicationId(req), UserIds.resolve(
                        req.path().pathParameters().get("id"), AuthFilter.principal(req), "id", false),
                        PageRequest.from(req)))));
    }

    private static String boardKey(ServerRequest request) {
        return dev.ludus.rules.RuleCodec.key(request.path().pathParameters().get("key"));
    }

    /** {@code ?period=YYYY-MM-DD}: any local date inside the wanted period, in the board's timezone. */
    private static java.util.Optional<java.time.LocalDate> period(ServerRequest request) {
        return request.query().first("period").asOptional().map(dev.ludus.leaderboard.LeaderboardRoutes::period);
    }

    private static String team(ServerRequest request) {
        return request.path().pathParameters().get("id");
    }

    private static String member(ServerRequest request) {
        return UserIds.resolve(request.path().pathParameters().get("user_id"), AuthFilter.principal(request), "user_id",
                true);
    }

    private static String applicationId(ServerRequest request) {
        return AuthFilter.principal(request).applicationId();
    }
}
