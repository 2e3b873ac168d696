package dev.ludus.rewards;

import dev.ludus.auth.AuthFilter;
import dev.ludus.auth.Scope;
import dev.ludus.events.IdempotencyHeader;
import dev.ludus.events.Reply;
import dev.ludus.events.UserIds;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.PageRequest;
import dev.ludus.http.RouteTable;
import dev.ludus.rules.RuleCodec;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * Redemptions: {@code POST /v1/users/{id}/rewards/{key}/redeem} ({@code me} or a {@code users:} scope
 * for another user), a user's and a reward's redemptions, and {@code /v1/redemptions/{id}} with its
 * fulfilment and cancellation. The rewards themselves are rules: {@code /v1/rewards} is the rule routes'.
 */
public final class RewardRoutes {

    /** The longest redemption id a path may hold: longer ones are not ids this server gave out. */
    private static final int MAX_ID = 64;

    private final RewardService rewards;
    private final AuthFilter auth;
    private final Json json;

    public RewardRoutes(RewardService rewards, AuthFilter auth, Json json) {
        this.rewards = rewards;
        this.auth = auth;
        this.json = json;
    }

    public void register(RouteTable routes) {
        routes.post("/v1/users/{id}/rewards/{key}/redeem", auth.require(Scope.WRITE, (req, res) -> {
            json.body(req).allowOnly(java.util.Set.of());
            send(res, rewards.redeem(applicationId(req), UserIds.ofPath(req, true), key(req), IdempotencyHeader.of(req),
                    dev.ludus.http.AcceptLanguage.of(req)));
        }));
        routes.get("/v1/users/{id}/redemptions", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, rewards.ofUser(applicationId(req), UserIds.ofPath(req, false), status(req),
                        PageRequest.from(req)))));
        routes.get("/v1/rewards/{key}/redemptions", auth.require(Scope.USERS_READ, (req, res) ->
                json.send(res, 200, rewards.ofReward(applicationId(req), key(req), status(req),
                        PageRequest.from(req)))));
        routes.get("/v1/redemptions/{id}", auth.require(Scope.USERS_READ, (req, res) ->
                json.send(res, 200, rewards.get(applicationId(req), redemption(req)))));
        routes.post("/v1/redemptions/{id}/fulfill", auth.require(Scope.USERS_WRITE, (req, res) ->
                send(res, rewards.fulfil(applicationId(req), redemption(req), IdempotencyHeader.of(req)))));
        routes.post("/v1/redemptions/{id}/cancel", auth.require(Scope.USERS_WRITE, (req, res) ->
                send(res, rewards.cancel(applicationId(req), redemption(req), IdempotencyHeader.of(req),
                        dev.ludus.http.AcceptLanguage.of(req)))));
    }

    private void send(ServerResponse response, Reply reply) {
        json.sendRaw(response, reply.status(), reply.body());
    }

    private static Optional<String> status(ServerRequest request) {
        return request.query().first("status").asOptional();
    }

    private static String redemption(ServerRequest request) {
        String id = request.path().pathParameters().get("id");
        if (id.isEmpty() || id.length() > MAX_ID) {
            throw ApiException.notFound("no redemption '" + (id.length() > MAX_ID ? id.substring(0, MAX_ID) + "..." : id)
                    + "'");
        }
        return id;
    }

    private static String key(ServerRequest request) {
        return RuleCodec.key(request.path().pathParameters().get("key"));
    }

    private static String applicationId(ServerRequest request) {
        return AuthFilter.principal(request).applicationId();
    }
}
