package dev.ludus.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.auth.AuthFilter;
import dev.ludus.auth.Principal;
import dev.ludus.auth.Scope;
import dev.ludus.engine.Achievement;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.PageRequest;
import dev.ludus.http.RouteTable;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v1/metrics}, {@code /v1/points}, {@code /v1/achievements}, {@code /v1/streaks}, and the list
 * and DELETE of {@code /v1/leaderboards} (whose PUT and GET live in
 * {@link dev.ludus.leaderboard.LeaderboardRoutes}): PUT and DELETE need {@code admin}, GET needs
 * {@code read}. The achievement catalog adds completion counts and rarity
 * and shows a hidden achievement only to {@code admin} or to a user who holds it.
 */
public final class RuleRoutes {

    private final RuleService rules;
    private final AchievementStats stats;
    private final AuthFilter auth;
    private final Json json;

    public RuleRoutes(RuleService rules, AchievementStats stats, AuthFilter auth, Json json) {
        this.rules = rules;
        this.stats = stats;
        this.auth = auth;
        this.json = json;
    }

    public void register(RouteTable routes) {
        for (RuleKind kind : RuleKind.values()) {
            String collection = "/v1/" + kind.collection();
            String one = collection + "/{key}";
            routes.get(collection, auth.require(Scope.READ, (req, res) -> list(req, res, kind)));
            if (kind != RuleKind.LEADERBOARD) {
                routes.get(one, auth.require(Scope.READ, (req, res) -> get(req, res, kind)));
                routes.put(one, auth.require(Scope.ADMIN, (req, res) -> put(req, res, kind)));
            }
            routes.delete(one, auth.require(Scope.ADMIN, (req, res) -> {
                rules.archive(applicationId(req), kind, key(req));
                res.status(204).send();
            }));
        }
    }

    private void put(ServerRequest request, ServerResponse response, RuleKind kind) {
        String applicationId = applicationId(request);
        String key = key(request);
        RuleService.Put put = rules.put(applicationId, kind, key, json.body(request));
        ObjectNode view = view(put.rule());
        if (kind == RuleKind.ACHIEVEMENT) {
            int backfilled = stats.backfill(applicationId, key);
            addStats(view, applicationId, key, stats.completions(applicationId), stats.users(applicationId));
            view.put("backfilled_users", backfilled);
        }
        if (put.created()) {
            response.header(HeaderNames.LOCATION, "/v1/" + kind.collection() + "/" + key);
        }
        json.send(response, put.created() ? 201 : 200, view);
    }

    private void get(ServerRequest request, ServerResponse response, RuleKind kind) {
        String applicationId = applicationId(request);
        StoredRule rule = rules.get(applicationId, kind, key(request));
        ObjectNode view = view(rule);
        if (kind == RuleKind.ACHIEVEMENT) {
            Principal principal = AuthFilter.principal(request);
            if (!visible(rule, principal, stats.unlockedBy(applicationId, principal.subject()))) {
                throw ApiException.notFound("no achievement '" + rule.key() + "'");
            }
            addStats(view, applicationId, rule.key(), stats.completions(applicationId), stats.users(applicationId));
        }
        json.send(response, 200, view);
    }

    private void list(ServerRequest request, ServerResponse response, RuleKind kind) {
        String applicationId = applicationId(request);
        boolean includeArchived = request.query().first("include_archived").map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalidField("include_archived", "'include_archived' must be true or false");
        }).orElse(false);
        Principal principal = AuthFilter.principal(request);
        Set<String> unlocked = kind == RuleKind.ACHIEVEMENT ? stats.unlockedBy(applicationId, principal.subject()) : Set.of();
        PageRequest.Page<StoredRule> page = rules.list(applicationId, kind, PageRequest.from(request), includeArchived,
                rule -> visible(rule, principal, unlocked));
        List<ObjectNode> items = new ArrayList<>();
        if (kind == RuleKind.ACHIEVEMENT) {
            Map<String, Long> completions = stats.completions(applicationId);
            long users = stats.users(applicationId);
            for (StoredRule rule : page.items()) {
                ObjectNode view = view(rule);
                addStats(view, applicationId, rule.key(), completions, users);
                view.put("unlocked", unlocked.contains(rule.key()));
                items.add(view);
            }
        } else {
            page.items().forEach(rule -> items.add(view(rule)));
        }
        json.send(response, 200, new PageRequest.Page<>(items, page.nextCursor()));
    }

    private static boolean visible(StoredRule rule, Principal principal, Set<String> unlocked) {
        return !(rule.rule() instanceof Achievement achievement) || !achievement.hidden()
                || principal.has(Scope.ADMIN) || unlocked.contains(rule.key());
    }

    private static void addStats(ObjectNode view, String applicationId, String key, Map<String, Long> completions,
            long users) {
        long count = completions.getOrDefault(key, 0L);
        view.put("completions", count);
        view.put("rarity", users == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(count).divide(BigDecimal.valueOf(users), 4, RoundingMode.HALF_UP).stripTrailingZeros());
    }

    /** A rule as the API shows it: its key, its definition, and when it was created, changed and archived. */
    public static ObjectNode view(StoredRule rule) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("key", rule.key());
        view.setAll(RuleService.definition(rule.rule()));
        view.put("created_at", rule.createdAt().toString());
        view.put("updated_at", rule.updatedAt().toString());
        view.put("archived_at", rule.archivedAt().map(Object::toString).orElse(null));
        return view;
    }

    private static String applicationId(ServerRequest request) {
        return AuthFilter.principal(request).applicationId();
    }

    private static String key(ServerRequest request) {
        return RuleCodec.key(request.path().pathParameters().get("key"));
    }
}
