package dev.ludus.quests;

import dev.ludus.auth.AuthFilter;
import dev.ludus.auth.Scope;
import dev.ludus.events.IdempotencyHeader;
import dev.ludus.events.Reply;
import dev.ludus.events.UserIds;
import dev.ludus.http.Json;
import dev.ludus.http.PageRequest;
import dev.ludus.http.RouteTable;
import dev.ludus.rules.RuleCodec;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;
import java.util.Set;

/**
 * A user's quests: {@code POST /v1/users/{id}/quests/{key}/join} ({@code me} or a {@code users:} scope for
 * another user), {@code GET /v1/users/{id}/quests} and its history. The quests themselves are rules:
 * {@code /v1/quests} is the rule routes'.
 */
public final class QuestRoutes {

    private final QuestService quests;
    private final AuthFilter auth;
    private final Json json;

    public QuestRoutes(QuestService quests, AuthFilter auth, Json json) {
        this.quests = quests;
        this.auth = auth;
        this.json = json;
    }

    public void register(RouteTable routes) {
        routes.post("/v1/users/{id}/quests/{key}/join", auth.require(Scope.WRITE, (req, res) -> {
            json.body(req).allowOnly(Set.of());
            Reply reply = quests.join(applicationId(req), UserIds.ofPath(req, true), key(req),
                    IdempotencyHeader.of(req), dev.ludus.http.AcceptLanguage.of(req));
            json.sendRaw(res, reply.status(), reply.body());
        }));
        routes.get("/v1/users/{id}/quests", auth.require(Scope.READ, (req, res) ->
                json.send(res, 200, quests.ofUser(applicationId(req), UserIds.ofPath(req, false),
                        dev.ludus.http.AcceptLanguage.of(req)))));
        routes.get("/v1/users/{id}/quests/history", auth.require(Scope.READ, (req, res) -> {
            Optional<String> quest = req.query().first("quest").asOptional().map(QuestRoutes::questFilter);
            json.send(res, 200, quests.history(applicationId(req), UserIds.ofPath(req, false), quest,
                    PageRequest.from(req)));
        }));
    }

    private static String questFilter(String raw) {
        if (!RuleCodec.KEY.matcher(raw).matches()) {
            throw dev.ludus.http.ApiException.invalidField("quest", "'quest' is not a valid quest key");
        }
        return raw;
    }

    private static String key(ServerRequest request) {
        return RuleCodec.key(request.path().pathParameters().get("key"));
    }

    private static String applicationId(ServerRequest request) {
        return AuthFilter.principal(request).applicationId();
    }
}
