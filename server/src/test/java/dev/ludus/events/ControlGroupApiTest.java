package dev.ludus.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.engine.ControlGroup;
import dev.ludus.testing.ApiTestServer;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.WebhookReceiver;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Control groups over HTTP on a real store of this run's kind: the setting, the users it holds out
 * (shown on the user), their event answers without the game, no game webhooks about them, their state
 * counted all the same, and the figures of {@code GET /v1/stats} split by group.
 */
class ControlGroupApiTest {

    private static final Instant T0 = Instant.parse("2037-12-16T10:30:00Z");

    @RegisterExtension
    final ApiTestServer server = new ApiTestServer(T0);
    private TestLudus ludus;
    private TestApp app;
    private Http http;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() {
        ludus = server.ludus();
        app = server.app();
        http = server.http();
        receiver = server.receiver();
        server.game().metric("lessons")
                .put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"lessons\",\"points\":10}]}")
                .put("/v1/achievements/first", "{\"trigger\":{\"type\":\"metric\",\"metric\":\"lessons\",\"threshold\":1}}")
                .put("/v1/leaderboards/top", "{\"rank_by\":{\"type\":\"points\",\"system\":\"xp\"}}");
    }

    private String[] admin() {
        return server.admin();
    }

    private String[] service() {
        return server.service();
    }

    /** The first user id of the form {@code prefix_N} that is (or is not) in a 30 % control group. */
    private String user(String prefix, boolean control) {
        return IntStream.range(0, 1000).mapToObj(i -> prefix + "_" + i)
                .filter(id -> ControlGroup.holdsOut(30, app.applicationId(), id) == control).findFirst().orElseThrow();
    }

    private JsonNode event(String user) {
        return server.event(user, "lessons");
    }

    @Test
    void theControlGroupCountsButSeesNoGameAndTheStatsSplitByGroup() {
        assertThat(http.get("/v1/application", admin()).json().path("control_group_percent").asInt()).isZero();
        Http.Answer refused = http.patch("/v1/application", "{\"control_group_percent\":101}", admin());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("field").asText()).isEqualTo("control_group_percent");
        Http.Answer patched = http.patch("/v1/application", "{\"control_group_percent\":30}", admin());
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("control_group_percent").asInt()).isEqualTo(30);
        Http.Answer endpoint = http.post("/v1/webhooks", "{\"url\":\"" + receiver.url() + "\",\"event_types\":"
                + "[\"points.changed\",\"achievement.unlocked\"]}", admin());
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
        String held = user("ctl", true);
        String player = user("play", false);

        JsonNode hidden = event(held);
        assertThat(hidden.path("control_group").asBoolean()).isTrue();
        assertThat(hidden.path("metric").path("total").asInt()).isEqualTo(1);
        for (String member : List.of("points", "levels", "achievements", "streaks", "quests", "leaderboards")) {
            assertThat(hidden.path(member).isArray()).as(member).isTrue();
            assertThat(hidden.path(member)).as(member).isEmpty();
        }
        JsonNode shown = event(player);
        assertThat(shown.path("control_group").asBoolean()).isFalse();
        assertThat(shown.path("points").get(0).path("awarded").asLong()).isEqualTo(10);
        assertThat(shown.path("achievements").get(0).path("key").asText()).isEqualTo("first");
        assertThat(shown.path("leaderboards")).hasSize(1);
        event(held);

        // what the game did is kept for both: the application compares the groups
        JsonNode progress = http.get("/v1/users/" + held + "/progress", service()).json();
        assertThat(progress.path("points").get(0).path("balance").asLong()).isEqualTo(20);
        assertThat(http.get("/v1/users/" + held, service()).json().path("control_group").asBoolean()).isTrue();
        assertThat(http.get("/v1/users/" + player, service()).json().path("control_group").asBoolean()).isFalse();
        JsonNode listed = http.get("/v1/users?limit=10", Http.bearer(app.tokenWith("users:read"))).json();
        assertThat(listed.path("items")).hasSize(2);
        listed.path("items").forEach(item -> assertThat(item.path("control_group").asBoolean())
                .isEqualTo(item.path("id").asText().equals(held)));

        // only the player's messages: points and achievement of one event
        List<WebhookReceiver.Received> received = receiver.await(2);
        assertThat(received).extracting(message -> message.json().path("data").path("user_id").asText())
                .containsOnly(player);
        assertThat(receiver.received()).hasSize(2);

        JsonNode bucket = http.get("/v1/stats?from=2037-12-16T10:00:00Z&to=2037-12-16T11:00:00Z", admin()).json()
                .path("buckets").get(0);
        assertThat(bucket.path("events").asInt()).isEqualTo(3);
        assertThat(bucket.path("active_users").asInt()).isEqualTo(2);
        assertThat(bucket.path("points_awarded").path("xp").asLong()).isEqualTo(30);
        JsonNode control = bucket.path("groups").path("control");
        JsonNode game = bucket.path("groups").path("game");
        assertThat(control.path("events").asInt()).isEqualTo(2);
        assertThat(control.path("active_users").asInt()).isEqualTo(1);
        assertThat(control.path("points_awarded").path("xp").asLong()).isEqualTo(20);
        assertThat(control.path("achievements_unlocked").path("first").asInt()).isEqualTo(1);
        assertThat(game.path("events").asInt()).isEqualTo(1);
        assertThat(game.path("active_users").asInt()).isEqualTo(1);
        assertThat(game.path("points_awarded").path("xp").asLong()).isEqualTo(10);
        JsonNode day = http.get("/v1/stats?from=2037-12-16T00:00:00Z&to=2037-12-17T00:00:00Z&interval=day", admin())
                .json().path("buckets").get(0).path("groups");
        assertThat(day.path("control").path("active_users").asInt()).isEqualTo(1);
        assertThat(day.path("game").path("active_users").asInt()).isEqualTo(1);

        // lowering the share to 0 shows the game again
        http.patch("/v1/application", "{\"control_group_percent\":0}", admin());
        JsonNode back = event(held);
        assertThat(back.path("control_group").asBoolean()).isFalse();
        assertThat(back.path("points").get(0).path("balance").asLong()).isEqualTo(30);
    }
}
