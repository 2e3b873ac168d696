package dev.ludus.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/users} over HTTP: every sort pages through every user once, in order, ties broken
 * by user id; the filters; bad parameters answer 400 naming the parameter; the scope.
 */
class UserListTest {

    /** What the test did to each user, to compute the expected orders from. */
    private record Known(String id, long createdAt, long lastActiveAt, Long balance) { }

    private TestLudus ludus;
    private TestApp app;
    private String[] service;
    private final Map<String, Known> known = new LinkedHashMap<>();

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        app = ludus.createApp();
        new GameSetup(ludus.http(), app).metric("steps")
                .put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}");
        service = Http.bearer(app.tokenWith("users:read", "users:write"));
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    @Test
    void everySortPagesThroughEveryUserOnceInOrderWithTiesBrokenByUserId() {
        // three users per instant: created_at ties; ids chosen so that creation order is not id order
        for (int i = 0; i < 24; i++) {
            if (i % 3 == 0) {
                ludus.clock().advance(Duration.ofSeconds(1));
            }
            String id = "user-" + (char) ('a' + (i * 7) % 24) + i;
            put(id, "{\"name\":\"User " + i + "\"}");
            known.put(id, new Known(id, now(), now(), null));
        }
        List<String> ids = List.copyOf(known.keySet());
        // events for every other user, two per instant (last_active_at ties); the rest keep their creation.
        // Instants a resolution apart: last_active_at moves only that far past the stored time
        for (int i = 0; i < ids.size(); i += 2) {
            if (i % 4 == 0) {
                ludus.clock().advance(dev.ludus.profiles.UserStore.ACTIVITY_RESOLUTION);
            }
            event(ids.get(i), 1);
            Known user = known.get(ids.get(i));
            known.put(user.id(), new Known(user.id(), user.createdAt(), now(), 1L));
        }
        // balances with ties (1 from the event, plus 0, 10 or 20), none for users never given points
        for (int i = 0; i < ids.size(); i++) {
            long extra = (i % 3) * 10L;
            Known user = known.get(ids.get(i));
            if (extra > 0) {
                adjust(user.id(), extra);
                known.put(user.id(), new Known(user.id(), user.createdAt(), user.lastActiveAt(),
                        (user.balance() == null ? 0 : user.balance()) + extra));
            }
        }

        assertThat(pageThrough("/v1/users?limit=5")).containsExactlyElementsOf(expected(Known::createdAt));
        assertThat(pageThrough("/v1/users?sort=created_at&limit=7")).containsExactlyElementsOf(expected(Known::createdAt));
        assertThat(pageThrough("/v1/users?sort=last_active_at&limit=4"))
                .containsExactlyElementsOf(expected(Known::lastActiveAt));
        List<Known> withPoints = known.values().stream().filter(user -> user.balance() != null).toList();
        assertThat(pageThrough("/v1/users?sort=balance:xp&limit=3"))
                .containsExactlyElementsOf(order(withPoints, Known::balance));
        JsonNode top = list("/v1/users?sort=balance:xp&limit=1").path("items").get(0);
        assertThat(top.path("balance").asLong()).isEqualTo(21);
        assertThat(list("/v1/users?limit=1").path("items").get(0).has("balance")).isFalse();
    }

    @Test
    void lastActiveAtMovesWithEventsToTheMinuteAndNotWithProfileChanges() {
        // the steps below take 11 minutes and stay inside one UTC hour (an event in a new hour moves
        // last_active_at however recent the last one, for the hour's active users)
        Instant hour = Instant.ofEpochMilli(now()).truncatedTo(ChronoUnit.HOURS);
        if (Instant.ofEpochMilli(now()).isAfter(hour.plus(Duration.ofMinutes(45)))) {
            ludus.clock().advanceTo(hour.plus(Duration.ofMinutes(61)));
            service = Http.bearer(app.tokenWith("users:read", "users:write"));
        }
        put("ada", "{}");
        Instant created = Instant.ofEpochMilli(now());
        ludus.clock().advance(Duration.ofMinutes(5));
        event("ada", 3);
        Instant active = Instant.ofEpochMilli(now());
        ludus.clock().advance(Duration.ofSeconds(59));
        event("ada", 1);
        ludus.clock().advance(Duration.ofMinutes(5));
        put("ada", "{\"name\":\"Ada\"}");

        JsonNode ada = ludus.http().get("/v1/users/ada", service).json();
        assertThat(Instant.parse(ada.path("created_at").asText())).isEqualTo(created);
        assertThat(Instant.parse(ada.path("last_active_at").asText()))
                .as("an event within a minute of the last one does not move it").isEqualTo(active);
        JsonNode listed = list("/v1/users?sort=last_active_at").path("items").get(0);
        assertThat(listed.path("last_active_at").asText()).isEqualTo(ada.path("last_active_at").asText());
        assertThat(listed.path("name").asText()).isEqualTo("Ada");
    }

    @Test
    void filtersByIdPrefixNameOrEmailAndAttribute() {
        put("team-ada", "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"attributes\":{\"plan\":\"pro\"}}");
        put("team-grace", "{\"name\":\"Grace Hopper\",\"email\":\"GRACE@navy.mil\",\"attributes\":{\"plan\":\"free\"}}");
        put("Team-alan", "{\"name\":\"Alan Turing\",\"email\":\"alan@example.org\",\"attributes\":{\"plan\":\"pro\"}}");
        put("solo", "{\"name\":\"Bob\",\"email\":\"lovelace@example.net\"}");

        assertThat(ids(list("/v1/users?id_prefix=team-"))).containsExactlyInAnyOrder("team-ada", "team-grace");
        assertThat(ids(list("/v1/users?id_prefix=Team"))).containsExactly("Team-alan");
        assertThat(ids(list("/v1/users?id_prefix=team-ada-not"))).isEmpty();
        // name or email, from their start, case aside
        assertThat(ids(list("/v1/users?q=a"))).containsExactlyInAnyOrder("team-ada", "Team-alan");
        assertThat(ids(list("/v1/users?q=grace%40NAVY"))).containsExactly("team-grace");
        assertThat(ids(list("/v1/users?q=LOVELACE"))).containsExactly("solo");
        assertThat(ids(list("/v1/users?q=hopper"))).isEmpty();
        assertThat(ids(list("/v1/users?attribute=plan:pro"))).containsExactlyInAnyOrder("team-ada", "Team-alan");
        assertThat(ids(list("/v1/users?attribute=plan:pr"))).isEmpty();
        // filters combine
        assertThat(ids(list("/v1/users?attribute=plan:pro&id_prefix=team&q=ada"))).containsExactly("team-ada");

        // a profile change moves the attribute index with it; a deletion drops the user
        put("team-ada", "{\"attributes\":{\"plan\":\"free\"}}");
        assertThat(ids(list("/v1/users?attribute=plan:free"))).containsExactlyInAnyOrder("team-ada", "team-grace");
        assertThat(ludus.http().send("DELETE", "/v1/users/team-grace", null, service).status()).isEqualTo(204);
        assertThat(ids(list("/v1/users?attribute=plan:free"))).containsExactly("team-ada");
    }

    @Test
    void badParametersAnswer400NamingTheParameter() {
        put("ada", "{}");
        String cursor = list("/v1/users?limit=1&sort=created_at").path("next_cursor").asText(null);
        put("bob", "{}");
        String fromCreated = list("/v1/users?limit=1").path("next_cursor").asText();
        assertThat(cursor).isNull();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("/v1/users?sort=name", "sort");
        refused.put("/v1/users?sort=balance:", "sort");
        refused.put("/v1/users?sort=balance:nope", "sort");
        refused.put("/v1/users?sort=balance:XP", "sort");
        refused.put("/v1/users?id_prefix=", "id_prefix");
        refused.put("/v1/users?q=", "q");
        refused.put("/v1/users?attribute=plan", "attribute");
        refused.put("/v1/users?attribute=bad%20name:x", "attribute");
        refused.put("/v1/users?attribute=plan:a&attribute=plan:b", "attribute");
        refused.put("/v1/users?limit=0", "limit");
        refused.put("/v1/users?limit=101", "limit");
        refused.put("/v1/users?cursor=%21%21", "cursor");
        refused.put("/v1/users?cursor=" + encode("created_at x ada"), "cursor");
        refused.put("/v1/users?sort=last_active_at&cursor=" + fromCreated, "cursor");
        refused.put("/v1/users?name=ada", "name");
        refused.forEach((path, field) -> {
            Http.Answer answer = ludus.http().get(path, service);
            assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(400);
            assertThat(answer.json().path("field").asText()).as(path).isEqualTo(field);
        });
    }

    @Test
    void listingUsersNeedsTheUsersReadScope() {
        put("ada", "{}");
        for (String scope : List.of("read", "write", "users:write")) {
            Http.Answer answer = ludus.http().get("/v1/users", Http.bearer(app.tokenWith(scope)));
            assertThat(answer.status()).as(scope).isEqualTo(403);
        }
        assertThat(ludus.http().get("/v1/users", Http.bearer(app.tokenWith("users:read"))).status()).isEqualTo(200);
        assertThat(ludus.http().get("/v1/users", Http.bearer(app.tokenWith("admin"))).status()).isEqualTo(200);
        assertThat(ludus.http().get("/v1/users").status()).isEqualTo(401);
    }

    @Test
    void listsOnlyTheUsersOfTheTokensApplication() {
        put("ada", "{}");
        TestApp other = ludus.createApp();
        Http.Answer answer = ludus.http().get("/v1/users", Http.bearer(other.tokenWith("users:read")));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(ids(answer.json())).isEmpty();
    }

    private List<String> pageThrough(String path) {
        List<String> seen = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = list(cursor == null ? path : path + "&cursor=" + cursor);
            seen.addAll(ids(page));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
            assertThat(cursor == null || cursors.add(cursor)).as("a cursor seen twice").isTrue();
        } while (cursor != null);
        return seen;
    }

    private List<String> expected(ToLongFunction<Known> value) {
        return order(List.copyOf(known.values()), value);
    }

    private static List<String> order(List<Known> users, ToLongFunction<Known> value) {
        return users.stream()
                .sorted(Comparator.comparingLong(value).thenComparing(Known::id).reversed())
                .map(Known::id)
                .toList();
    }

    private JsonNode list(String path) {
        Http.Answer answer = ludus.http().get(path, service);
        assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private void put(String user, String profile) {
        Http.Answer answer = ludus.http().send("PUT", "/v1/users/" + user, profile, service);
        assertThat(answer.status()).as(answer.body()).isIn(200, 201);
    }

    private void event(String user, int steps) {
        Http.Answer answer = ludus.http().post("/v1/events",
                "{\"metric\":\"steps\",\"user_id\":\"" + user + "\",\"value\":" + steps + "}", service);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private void adjust(String user, long amount) {
        Http.Answer answer = ludus.http().post("/v1/users/" + user + "/points/xp/adjust",
                "{\"amount\":" + amount + ",\"reason\":\"test\"}", service);
        assertThat(answer.status()).as(answer.body()).isIn(200, 201);
    }

    private long now() {
        return ludus.clock().instant().toEpochMilli();
    }

    private static String encode(String cursorKey) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(cursorKey.getBytes(StandardCharsets.UTF_8));
    }
}
