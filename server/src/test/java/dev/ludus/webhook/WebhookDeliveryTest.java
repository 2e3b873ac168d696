package dev.ludus.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.WebhookReceiver;
import dev.ludus.testing.WebhookReceiver.Received;
import dev.ludus.testing.WebhookReceiver.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delivery to a real local receiver: signatures, rotation, retries, 410, replay, ping, ordering, the outbox. */
class WebhookDeliveryTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer(Map.of("LUDUS_WEBHOOK_ALLOW_PRIVATE", "true"));

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private TestApp app;

    @BeforeEach
    void defineRules() {
        app = server.ludus().createApp();
        new GameSetup(server.http(), app).metric("steps")
                .put("/v1/points/xp", """
                        {"triggers":[{"type":"metric","metric":"steps","points":1}],
                         "levels":[{"name":"Rookie","threshold":0},{"name":"Walker","threshold":10}]}""")
                .put("/v1/achievements/first", """
                        {"name":"First steps","trigger":{"type":"metric","metric":"steps","threshold":1}}""");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void signaturesVerifyWithAnIndependentImplementation() {
        JsonNode endpoint = create("[\"achievement.unlocked\",\"points.changed\"]");
        String secret = endpoint.path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);

        event("ada", 3);
        List<Received> received = receiver.await(2);

        for (Received request : received) {
            assertThat(request.id()).startsWith("msg_");
            assertThat(Long.parseLong(request.timestamp())).isEqualTo(server.ludus().clock().instant().getEpochSecond());
            assertThat(request.signature()).doesNotContain(" ");
            assertThat(request.signature()).isEqualTo(expectedSignature(secret, request));
        }
        JsonNode unlocked = received.stream().filter(r -> r.type().equals("achievement.unlocked")).findFirst()
                .orElseThrow().json();
        assertThat(unlocked.path("timestamp").asText()).isNotEmpty();
        assertThat(unlocked.path("data").path("user_id").asText()).isEqualTo("ada");
        assertThat(unlocked.path("data").path("achievement").path("key").asText()).isEqualTo("first");
        assertThat(unlocked.path("data").path("achievement").path("name").asText()).isEqualTo("First steps");
        JsonNode points = received.stream().filter(r -> r.type().equals("points.changed")).findFirst()
                .orElseThrow().json().path("data");
        assertThat(points.path("points").path("amount").asInt()).isEqualTo(3);
        assertThat(points.path("points").path("balance").asInt()).isEqualTo(3);
        assertThat(points.path("points").path("source").asText()).isEqualTo("event");
    }

    @Test
    void rotationSignsWithBothSecretsDuringTheOverlapAndWithTheNewOneAfter() {
        JsonNode endpoint = create("[\"points.changed\"]");
        String old = endpoint.path("secret").asText();
        Http.Answer rotated = server.http().post("/v1/webhooks/" + endpoint.path("id").asText() + "/secret/rotate",
                "{\"grace_seconds\":3600}", admin());
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String fresh = rotated.json().path("secret").asText();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        assertThat(rotated.json().path("previous_secret_expires_at").asText()).isNotEmpty();

        event("ada", 1);
        Received during = receiver.await(1).getFirst();
        assertThat(during.signature().split(" ")).containsExactly(expectedSignature(fresh, during),
                expectedSignature(old, during));

        server.ludus().clock().advance(Duration.ofSeconds(3601));
        event("ada", 1);
        Received after = receiver.await(2).get(1);
        assertThat(after.signature()).isEqualTo(expectedSignature(fresh, after));
    }

    @Test
    void receiverFailingThreeTimesThenSucceedingGetsTheMessageFourTimesAndNeverAgain() {
        AtomicInteger calls = new AtomicInteger();
        receiver.respond(request -> calls.incrementAndGet() <= 3 ? Reply.status(500) : Reply.ok());
        String id = create("[\"points.changed\"]").path("id").asText();

        event("ada", 1);
        for (int receipts = 1; receipts < 4; receipts++) {
            receiver.await(receipts);
            advanceToNextAttempt(id);
        }
        List<Received> received = receiver.await(4);
        assertThat(received).extracting(Received::id).containsOnly(received.getFirst().id());

        server.ludus().clock().advance(Duration.ofDays(2));
        List<Received> all = deliverMarker(id, "bob");
        assertThat(all).hasSize(5);
        assertThat(all.getLast().id()).isNotEqualTo(received.getFirst().id());
        List<JsonNode> log = attemptsOf(id, received.getFirst().id());
        assertThat(log).extracting(item -> item.path("status").asText())
                .containsExactly("succeeded", "pending", "pending", "pending");
        assertThat(log).extracting(item -> item.path("attempt").asInt()).containsExactly(4, 3, 2, 1);
        assertThat(log.get(1).path("http_status").asInt()).isEqualTo(500);
        assertThat(log.get(1).path("response").asText()).isEqualTo("status 500");
        assertThat(log.get(0).path("latency_ms").isIntegralNumber()).isTrue();
    }

    @Test
    void retryAfterLongerThanTheScheduleIsHonoured() {
        AtomicInteger calls = new AtomicInteger();
        receiver.respond(request -> calls.incrementAndGet() == 1
                ? new Reply(503, Map.of("Retry-After", "7200"), "busy", Duration.ZERO) : Reply.ok());
        String id = create("[\"points.changed\"]").path("id").asText();

        event("ada", 1);
        receiver.await(1);
        JsonNode first = awaitAttempts(id, 1).get(0);
        Instant attempted = Instant.parse(first.path("attempted_at").asText());
        Instant next = Instant.parse(first.path("next_attempt_at").asText());
        assertThat(Duration.between(attempted, next)).isGreaterThanOrEqualTo(Duration.ofSeconds(7200));

        server.ludus().clock().advance(Duration.ofSeconds(60)); // past the schedule's 5 s, short of the 2 h asked for
        assertThat(deliverMarker(id, "bob")).extracting(WebhookDeliveryTest::user).containsExactly("ada", "bob");
        advanceToNextAttempt(id);
        assertThat(receiver.await(3).get(2).id()).isEqualTo(first.path("message_id").asText());
    }

    @Test
    void goneDisablesTheEndpointAndRecordsWhy() {
        receiver.respond(request -> Reply.status(410));
        String id = create("[\"points.changed\"]").path("id").asText();

        event("ada", 1);
        receiver.await(1);
        awaitAttempts(id, 1);
        JsonNode endpoint = server.http().get("/v1/webhooks/" + id, admin()).json();
        assertThat(endpoint.path("enabled").asBoolean()).isFalse();
        assertThat(endpoint.path("disabled_reason").asText()).contains("410");
        JsonNode notices = server.http().get("/v1/webhook_events", admin()).json().path("items");
        assertThat(notices).anySatisfy(notice -> {
            assertThat(notice.path("type").asText()).isEqualTo("webhook.endpoint_disabled");
            assertThat(notice.path("endpoint_id").asText()).isEqualTo(id);
            assertThat(notice.path("reason").asText()).contains("410");
        });

        event("ada", 1);
        // the outbox is written in the event's transaction: no message, nothing to deliver, ever
        assertThat(server.ludus().store().count("SELECT COUNT(*) FROM webhook_messages WHERE application_id = '"
                + app.applicationId() + "'")).isEqualTo(1);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void replaySendsOneMessageOrARangeAgainWithTheSameWebhookId() {
        String id = create("[\"points.changed\"]").path("id").asText();
        Instant start = server.ludus().clock().instant();
        event("ada", 1);
        event("bob", 2);
        List<Received> first = receiver.await(2);

        Http.Answer one = server.http().post("/v1/webhooks/" + id + "/replay",
                "{\"message_id\":\"" + first.getFirst().id() + "\"}", admin());
        assertThat(one.status()).as(one.body()).isEqualTo(202);
        assertThat(one.json().path("replayed").asInt()).isEqualTo(1);
        assertThat(receiver.await(3).get(2).id()).isEqualTo(first.getFirst().id());

        Http.Answer range = server.http().post("/v1/webhooks/" + id + "/replay",
                "{\"since\":\"" + start.minusSeconds(1) + "\"}", admin());
        assertThat(range.json().path("replayed").asInt()).isEqualTo(2);
        assertThat(receiver.await(5).subList(3, 5)).extracting(Received::id)
                .containsExactlyInAnyOrder(first.get(0).id(), first.get(1).id());

        Http.Answer unknown = server.http().post("/v1/webhooks/" + id + "/replay", "{\"message_id\":\"msg_nope\"}",
                admin());
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void pingSendsAPingNowAndAnswersTheResult() {
        String id = create("[\"points.changed\"]").path("id").asText();

        Http.Answer ping = server.http().post("/v1/webhooks/" + id + "/ping", "", admin());

        assertThat(ping.status()).as(ping.body()).isEqualTo(200);
        assertThat(ping.json().path("status").asText()).isEqualTo("succeeded");
        assertThat(ping.json().path("http_status").asInt()).isEqualTo(200);
        assertThat(receiver.await(1).getFirst().type()).isEqualTo("webhook.ping");
    }

    @Test
    void aUsersMessagesWaitBehindTheirEarlierMessageWhileOtherUsersFlow() {
        AtomicInteger calls = new AtomicInteger();
        receiver.respond(request -> calls.incrementAndGet() == 1 ? Reply.status(500) : Reply.ok());
        String id = create("[\"points.changed\"]").path("id").asText();

        event("ada", 1);
        String first = receiver.await(1).getFirst().id();
        event("ada", 2);
        event("bob", 3); // committed after ada's second message: it is the marker
        assertThat(awaitDrained(id, "bob")).extracting(WebhookDeliveryTest::user).containsExactly("ada", "bob");

        advanceToNextAttempt(id);
        List<Received> all = receiver.await(4);
        assertThat(all.get(2).id()).isEqualTo(first);
        assertThat(all.get(3).json().path("data").path("points").path("amount").asInt()).isEqualTo(2);
    }

    @Test
    void eventsOfAnApplicationWithoutSubscribersWriteNoOutboxRow() {
        event("ada", 20);
        create("[\"streak.lost\"]");
        event("ada", 1);

        assertThat(server.ludus().store().count("SELECT COUNT(*) FROM webhook_messages WHERE application_id = '"
                + app.applicationId() + "'")).isZero();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void levelChangesAreDelivered() {
        create("[\"level.changed\"]");
        event("ada", 12);
        JsonNode level = receiver.await(1).getFirst().json().path("data").path("level");
        assertThat(level.path("system").asText()).isEqualTo("xp");
        assertThat(level.path("previous").path("name").asText()).isEqualTo("Rookie");
        assertThat(level.path("current").path("name").asText()).isEqualTo("Walker");
    }

    @Test
    void endpointsAreListedChangedAndDeleted() {
        String id = create("[\"points.changed\"]").path("id").asText();
        Http.Answer patched = server.http().patch("/v1/webhooks/" + id,
                "{\"event_types\":[\"streak.extended\",\"leaderboard.rank_changed\"],\"enabled\":false}", admin());
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("event_types")).extracting(JsonNode::asText)
                .containsExactly("leaderboard.rank_changed", "streak.extended");
        assertThat(patched.json().path("enabled").asBoolean()).isFalse();
        assertThat(patched.json().has("secret")).isFalse();

        JsonNode list = server.http().get("/v1/webhooks", admin()).json();
        assertThat(list.path("items")).extracting(item -> item.path("id").asText()).containsExactly(id);
        assertThat(server.http().post("/v1/webhooks", "{\"url\":\"" + receiver.url()
                + "\",\"event_types\":[\"points.exploded\"]}", admin()).json().path("field").asText())
                .isEqualTo("event_types");
        assertThat(server.http().send("DELETE", "/v1/webhooks/" + id, null, admin()).status()).isEqualTo(204);
        assertThat(server.http().get("/v1/webhooks/" + id, admin()).status()).isEqualTo(404);
        assertThat(server.http().get("/v1/webhooks", Http.bearer(app.tokenWith("users:read", "users:write")))
                .status()).isEqualTo(403);
    }

    private JsonNode create(String types) {
        Http.Answer answer = server.http().post("/v1/webhooks", "{\"url\":\"" + receiver.url()
                + "\",\"event_types\":" + types + ",\"description\":\"test\"}", admin());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.header("Cache-Control")).hasValue("no-store");
        return answer.json();
    }

    private void event(String user, int steps) {
        Http.Answer answer = server.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"" + user
                + "\",\"value\":" + steps + "}", Http.bearer(app.tokenWith("users:write")));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    /** A fresh admin token (the clock moves in these tests). */
    private String[] admin() {
        return Http.bearer(app.tokenWith("admin"));
    }

    private JsonNode deliveries(String endpointId) {
        Http.Answer answer = server.http().get("/v1/webhooks/" + endpointId + "/deliveries", admin());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("items");
    }

    @Test
    void endpointFailingForFiveDaysIsDisabledWithARecord() {
        receiver.respond(request -> Reply.status(500));
        String id = create("[\"points.changed\"]").path("id").asText();

        event("ada", 1);
        receiver.await(1);
        awaitAttempts(id, 1);
        server.ludus().clock().advance(Duration.ofDays(4));
        event("ada", 1);
        awaitAttempts(id, 2);
        assertThat(server.http().get("/v1/webhooks/" + id, admin()).json().path("enabled").asBoolean())
                .as("failing for 4 days").isTrue();

        server.ludus().clock().advance(Duration.ofDays(1).plusMinutes(1));
        event("ada", 1);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.http().get("/v1/webhooks/" + id, admin()).json().path("enabled").asBoolean()
                && System.nanoTime() < deadline) {
            pause(50);
        }
        assertThat(server.http().get("/v1/webhooks/" + id, admin()).json().path("enabled").asBoolean()).isFalse();
        Http.Answer notices = server.http().get("/v1/webhook_events", admin());
        assertThat(notices.status()).as(notices.body()).isEqualTo(200);
        assertThat(notices.json().path("items")).anySatisfy(notice -> {
            assertThat(notice.path("type").asText()).isEqualTo("webhook.endpoint_disabled");
            assertThat(notice.toString()).contains(id, "failing for 5 days");
        });
    }

    /**
     * Sends an event of {@code user}, who has no earlier message, as a marker: see {@link #awaitDrained}.
     */
    private List<Received> deliverMarker(String endpointId, String user) {
        event(user, 1);
        return awaitDrained(endpointId, user);
    }

    /**
     * Waits until the receiver got the message of {@code user} (the marker, sent last), every request
     * it got is in the delivery log, and no delivery of the endpoint is claimed; answers what the
     * receiver got. The test clock stands still, so the claim that took the marker took every delivery
     * due then, older ones first: a delivery that should not be made has reached the receiver (and
     * the log) by the time this returns.
     */
    private List<Received> awaitDrained(String endpointId, String user) {
        String claimed = "SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = '" + endpointId
                + "' AND claimed_by IS NOT NULL";
        String logged = "SELECT COUNT(*) FROM webhook_attempts WHERE endpoint_id = '" + endpointId + "'";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<Received> received = receiver.received();
            boolean drained = received.stream().anyMatch(request -> user(request).equals(user))
                    && server.ludus().store().count(claimed) == 0
                    && server.ludus().store().count(logged) == received.size();
            if (drained) {
                return received;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the marker of " + user + " was not delivered and logged; received "
                        + received.stream().map(WebhookDeliveryTest::user).toList());
            }
            pause(20);
        }
    }

    private static String user(Received request) {
        return request.json().path("data").path("user_id").asText();
    }

    /** The logged attempts at one message, newest first. */
    private List<JsonNode> attemptsOf(String endpointId, String messageId) {
        List<JsonNode> attempts = new java.util.ArrayList<>();
        deliveries(endpointId).forEach(attempt -> {
            if (attempt.path("message_id").asText().equals(messageId)) {
                attempts.add(attempt);
            }
        });
        return attempts;
    }

    /** The delivery log once it holds {@code count} attempts. */
    private JsonNode awaitAttempts(String endpointId, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode log = deliveries(endpointId);
        while (log.size() < count && System.nanoTime() < deadline) {
            pause(20);
            log = deliveries(endpointId);
        }
        assertThat(log.size()).isGreaterThanOrEqualTo(count);
        return log;
    }

    /** Moves the clock to the next_attempt_at of the newest attempt to be retried, once every receipt is logged. */
    private void advanceToNextAttempt(String endpointId) {
        int seen = receiver.received().size();
        JsonNode retried = null;
        for (JsonNode attempt : awaitAttempts(endpointId, seen)) {
            if (attempt.path("status").asText().equals("pending")) {
                retried = attempt;
                break;
            }
        }
        assertThat(retried).as("an attempt to be retried").isNotNull();
        server.ludus().clock().advanceTo(Instant.parse(retried.path("next_attempt_at").asText()));
    }

    /** Standard Webhooks, computed here without Ludus's code: base64 HMAC-SHA256 of id.timestamp.body. */
    private static String expectedSignature(String secret, Received request) {
        return request.signatureWith(secret);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Set<String> ids(List<Received> received) {
        return Set.copyOf(received.stream().map(Received::id).toList());
    }
}
