package dev.ludus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.accounts.AccountService;
import dev.ludus.accounts.Role;
import dev.ludus.audit.Actor;
import dev.ludus.auth.AuthEventLog;
import dev.ludus.auth.RevocationService;
import dev.ludus.secrets.Secrets;
import dev.ludus.store.Database;
import dev.ludus.tenancy.TenancyService;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.MutableClock;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import dev.ludus.testing.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A store with something in every table that the API fills, made through the HTTP API of a running
 * server: rules of every kind (one archived), users with profiles, events over three days (points,
 * levels, achievements, streaks, leaderboards), an adjustment, idempotent requests, revocations, a
 * server-issued token, a webhook endpoint whose messages were delivered and one whose messages are
 * pending, and an invited console account. {@link #views} reads back what the API answers about it,
 * to compare two servers.
 */
final class PopulatedGame {

    static final List<String> USERS = List.of("ada", "bob", "cyd", "dee", "eve");

    final TestApp app;
    final String deliveredEndpoint;
    final String pendingEndpoint;
    /** A token from /v1/auth_token (signed by the server's key). */
    final String serverToken;
    /** An application token whose jti was revoked. */
    final String revokedToken;
    /** A token of eve's, issued before every token of eve's was revoked. */
    final String evesOldToken;
    final String invitationToken;

    private PopulatedGame(TestApp app, String deliveredEndpoint, String pendingEndpoint, String serverToken,
            String revokedToken, String evesOldToken, String invitationToken) {
        this.app = app;
        this.deliveredEndpoint = deliveredEndpoint;
        this.pendingEndpoint = pendingEndpoint;
        this.serverToken = serverToken;
        this.revokedToken = revokedToken;
        this.evesOldToken = evesOldToken;
        this.invitationToken = invitationToken;
    }

    /**
     * Populates the server {@code http} talks to; {@code delivered} answers 200, {@code failing} should
     * answer 503 so that its messages stay pending. Waits until the server is idle.
     */
    static PopulatedGame populate(Http http, MutableClock clock, TestStore store, WebhookReceiver delivered,
            WebhookReceiver failing) {
        TestApp app = TestLudus.createApp(http, clock);
        GameSetup setup = new GameSetup(http, app).metric("steps").metric("distance")
                .put("/v1/achievements/first", """
                        {"name":"First","trigger":{"type":"metric","metric":"steps","threshold":1}}""")
                .put("/v1/achievements/marathon", """
                        {"name":"Marathon","trigger":{"type":"metric","metric":"steps","threshold":40}}""")
                .put("/v1/achievements/retired", "{\"name\":\"Retired\",\"trigger\":{\"type\":\"api\"}}")
                .put("/v1/points/xp", """
                        {"name":"XP","triggers":[{"type":"metric","metric":"steps","points":1},
                          {"type":"achievement","achievement":"marathon","points":50}],
                         "levels":[{"name":"Rookie","threshold":0},{"name":"Walker","threshold":30}]}""")
                .put("/v1/streaks/daily", """
                        {"name":"Daily","period":"daily","conditions":[{"metric":"steps","threshold":1}],
                         "freezes":{"initial":1,"max":2}}""")
                .put("/v1/leaderboards/board", "{\"rank_by\":{\"type\":\"points\",\"system\":\"xp\"}}")
                .put("/v1/leaderboards/walkers", "{\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"},\"period\":\"daily\","
                        + "\"timezone\":\"UTC\"}");
        String[] admin = setup.admin();
        assertThat(http.send("DELETE", "/v1/achievements/retired", null, admin).status()).isEqualTo(204);
        String delivered1 = endpoint(http, admin, delivered, "[\"points.changed\",\"level.changed\"]");
        String pending = endpoint(http, admin, failing, "[\"achievement.unlocked\"]");

        String[] service = Http.bearer(app.tokenWith("users:read", "users:write"));
        for (String user : USERS) {
            Http.Answer profile = http.send("PUT", "/v1/users/" + user, "{\"name\":\"" + user.toUpperCase()
                    + "\",\"email\":\"" + user + "@example.com\",\"attributes\":{\"team\":\"t" + user.length() + user.charAt(0)
                    + "\"}}", service);
            assertThat(profile.status()).as(profile.body()).isIn(200, 201);
        }
        for (int day = 0; day < 3; day++) {
            service = Http.bearer(app.tokenWith("users:read", "users:write")); // the clock moves a day each round
            for (int index = 0; index < USERS.size(); index++) {
                if (day == 1 && index % 2 == 0) {
                    continue; // a missed day: a freeze or a lost streak
                }
                event(http, service, USERS.get(index), 5 + 7 * index + day, Optional.empty());
                if (day == 0) {
                    event(http, service, USERS.get(index), 3, Optional.of("k-" + day + "-" + index));
                    event(http, service, USERS.get(index), 3, Optional.of("k-" + day + "-" + index)); // a replay
                }
            }
            clock.advance(Duration.ofDays(1));
        }
        admin = Http.bearer(app.tokenWith("admin"));
        Http.Answer adjusted = http.post("/v1/users/bob/points/xp/adjust", "{\"amount\":7,\"reason\":\"bonus\"}", admin);
        assertThat(adjusted.status()).as(adjusted.body()).isEqualTo(200);

        Http.Answer issued = http.post("/v1/auth_token", null, app.basic());
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        String revoked = app.token().subject("ada").jti("revoked-jti").scopes("read").build();
        assertThat(http.post("/v1/auth/revocations", "{\"jti\":\"revoked-jti\"}", admin).status()).isIn(200, 201, 204);
        String eves = app.token().subject("eve").scopes("read").build();
        clock.advance(Duration.ofSeconds(1));
        assertThat(http.post("/v1/auth/revocations", "{\"subject\":\"eve\"}", Http.bearer(app.tokenWith("admin")))
                .status()).isIn(200, 201, 204);

        String invitation;
        try (Database database = store.open();
                AuthEventLog feed = new AuthEventLog(database.jdbi(), clock, Duration.ofHours(1))) {
            TenancyService tenancy = new TenancyService(database.jdbi(), feed,
                    new RevocationService(database.jdbi(), feed, clock), new Secrets(), clock);
            invitation = new AccountService(database.jdbi(), tenancy, clock).invite(Actor.operator(Optional.empty()),
                    "viewer@example.com", "Viewer", List.of(Role.viewerOfApplication(app.applicationId()))).token();
        }
        PopulatedGame game = new PopulatedGame(app, delivered1, pending, issued.json().path("token").asText(), revoked,
                eves, invitation);
        game.awaitIdle(http);
        return game;
    }

    private static String endpoint(Http http, String[] admin, WebhookReceiver receiver, String types) {
        Http.Answer answer = http.post("/v1/webhooks", "{\"url\":\"" + receiver.url() + "\",\"event_types\":" + types + "}",
                admin);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().path("id").asText();
    }

    static void event(Http http, String[] service, String user, int steps, Optional<String> idempotencyKey) {
        List<String> headers = new ArrayList<>(List.of(service));
        idempotencyKey.ifPresent(key -> headers.addAll(List.of("Idempotency-Key", key)));
        Http.Answer answer = http.post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"" + user + "\",\"value\":"
                + steps + "}", headers.toArray(String[]::new));
        assertThat(answer.status()).as(answer.body()).isIn(200, 201);
    }

    /** Waits until two readings of the delivery logs, a quarter of a second apart, are the same. */
    void awaitIdle(Http http) {
        List<JsonNode> last = deliveryLogs(http);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            List<JsonNode> now = deliveryLogs(http);
            if (now.equals(last)) {
                return;
            }
            last = now;
        }
        throw new AssertionError("the server did not settle within 15 s");
    }

    private List<JsonNode> deliveryLogs(Http http) {
        String[] admin = Http.bearer(app.tokenWith("admin"));
        return List.of(http.get("/v1/webhooks/" + deliveredEndpoint + "/deliveries?limit=100", admin).json(),
                http.get("/v1/webhooks/" + pendingEndpoint + "/deliveries?limit=100", admin).json());
    }

    /** What the API answers about the game: progress, histories, boards, rules, webhooks, the audit log. */
    Map<String, JsonNode> views(Http http) {
        String[] admin = Http.bearer(app.tokenWith("admin"));
        List<String> paths = new ArrayList<>(List.of("/v1/application", "/v1/metrics", "/v1/points", "/v1/achievements",
                "/v1/streaks", "/v1/leaderboards", "/v1/leaderboards/board", "/v1/leaderboards/walkers", "/v1/users",
                "/v1/webhooks", "/v1/webhooks/" + deliveredEndpoint + "/deliveries?limit=100",
                "/v1/webhooks/" + pendingEndpoint + "/deliveries?limit=100", "/v1/audit", "/.well-known/jwks.json"));
        for (String user : USERS) {
            paths.addAll(List.of("/v1/users/" + user, "/v1/users/" + user + "/progress",
                    "/v1/users/" + user + "/points/xp/history", "/v1/users/" + user + "/streaks/daily/history",
                    "/v1/leaderboards/board/users/" + user));
        }
        Map<String, JsonNode> views = new LinkedHashMap<>();
        for (String path : paths) {
            Http.Answer answer = http.get(path, admin);
            assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
            views.put(path, answer.json());
        }
        Http.Answer tenants = http.get("/admin/v1/tenants", TestLudus.operator());
        views.put("/admin/v1/tenants", tenants.json());
        return views;
    }

    /** The ids of the messages still pending for the failing endpoint (their latest attempt says so). */
    List<String> pendingMessages(Http http) {
        JsonNode log = views(http).get("/v1/webhooks/" + pendingEndpoint + "/deliveries?limit=100");
        assertThat(log.path("next_cursor").isNull()).as("one page holds the whole log").isTrue();
        Map<String, String> latest = new LinkedHashMap<>();
        for (JsonNode attempt : log.path("items")) { // newest first
            latest.putIfAbsent(attempt.path("message_id").asText(), attempt.path("status").asText());
        }
        return latest.entrySet().stream().filter(entry -> entry.getValue().equals("pending")).map(Map.Entry::getKey).toList();
    }
}
