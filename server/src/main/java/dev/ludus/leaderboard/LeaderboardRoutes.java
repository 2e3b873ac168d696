package dev.ludus.leaderboard;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.auth.AuthFilter;
import dev.ludus.auth.Scope;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.RouteTable;
import dev.ludus.rules.RuleCodec;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code GET /v1/leaderboards/{key}} ({@code read}: the definition and a page of a period, or the
 * window around a user) and {@code GET /v1/leaderboards/{key}/users/{id}} ({@code read}: one user's
 * rank, score, percentile and previous rank). The list, PUT and DELETE are the rule routes' (with
 * {@link LeaderboardHooks}).
 */
public final class LeaderboardRoutes {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;
    public static final int DEFAULT_RADIUS = 5;
    public static final int MAX_RADIUS = 50;

    private final LeaderboardQueries queries;
    private final AuthFilter auth;
    private final Json json;

    public LeaderboardRoutes(LeaderboardQueries queries, AuthFilter auth, Json json) {
        this.queries = queries;
        this.auth = auth;
        this.json = json;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/leaderboards/{key}", auth.require(Scope.READ, this::get));
        routes.get("/v1/leaderboards/{key}/users/{id}", auth.require(Scope.READ, this::user));
    }

    private void get(ServerRequest request, ServerResponse response) {
        String applicationId = AuthFilter.principal(request).applicationId();
        String key = key(request);
        Optional<LocalDate> period = period(request);
        Optional<String> around = request.query().first("around").map(value -> userId(request, value));
        LeaderboardQueries.Page page;
        if (around.isPresent()) {
            if (request.query().first("cursor").isPresent()) {
                throw ApiException.invalidField("cursor", "'cursor' and 'around' cannot be combined");
            }
            int radius = number(request, "radius", DEFAULT_RADIUS, MAX_RADIUS);
            page = queries.around(applicationId, key, period, around.get(), radius);
        } else {
            int limit = number(request, "limit", DEFAULT_LIMIT, MAX_LIMIT);
            page = queries.top(applicationId, key, period, cursor(request), limit);
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set("leaderboard", page.board().view());
        answer.set("period", json.tree(page.period()));
        answer.put("participants", page.participants());
        answer.set("entries", json.tree(page.entries()));
        answer.put("next_cursor", page.next().map(LeaderboardRoutes::cursor).orElse(null));
        json.send(response, 200, answer);
    }

    private void user(ServerRequest request, ServerResponse response) {
        String applicationId = AuthFilter.principal(request).applicationId();
        String userId = userId(request, request.path().pathParameters().get("id"));
        json.send(response, 200, queries.user(applicationId, key(request), period(request), userId));
    }

    /**
     * A user id of a path or query; {@code me} stands for the token's subject. Ranks are public within
     * the application, so any user's may be read with {@code read}.
     */
    private static String userId(ServerRequest request, String raw) {
        return raw.equals("me") ? AuthFilter.principal(request).subject() : raw;
    }

    private static String key(ServerRequest request) {
        return RuleCodec.key(request.path().pathParameters().get("key"));
    }

    /** {@code ?period=YYYY-MM-DD}: any local date inside the wanted period. */
    private static Optional<LocalDate> period(ServerRequest request) {
        return request.query().first("period").map(LeaderboardRoutes::period);
    }

    /** A {@code period} parameter: any local date inside the wanted period; 400 naming {@code period} otherwise. */
    public static LocalDate period(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField("period", "'period' must be a date such as 2026-12-01 (any day "
                    + "inside the wanted period, in the board's timezone)");
        }
    }

    private static int number(ServerRequest request, String name, int fallback, int max) {
        Optional<String> raw = request.query().first(name).map(value -> value);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalidField(name, "'" + name + "' must be a whole number from 1 to " + max);
    }

    private static long cursor(ServerRequest request) {
        return request.query().first("cursor").map(LeaderboardRoutes::offset).orElse(0L);
    }

    /** The position a {@code cursor} of {@link #cursor(long)} stands for; 400 naming {@code cursor} otherwise. */
    public static long offset(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("p:")) {
                long offset = Long.parseLong(text.substring(2));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ApiException.invalidField("cursor", "'cursor' is not a cursor this leaderboard gave out");
    }

    /** The {@code next_cursor} of a page that goes on at position {@code offset}. */
    public static String cursor(long offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("p:" + offset).getBytes(StandardCharsets.UTF_8));
    }
}
