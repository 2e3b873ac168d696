package dev.ludus.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Webhook deliveries for the console's tests, through the API: a game whose events send
 * {@code points.changed}, the delivery log as {@code GET /v1/webhooks/{id}/deliveries} answers it, and a
 * message's retries driven to their end by moving the test clock to each attempt's {@code next_attempt_at}
 * (a retry waits for the clock, which stands still in tests).
 */
final class WebhookDeliveries {

    private final TestLudus ludus;
    private final TestApp app;

    WebhookDeliveries(TestLudus ludus, TestApp app) {
        this.ludus = ludus;
        this.app = app;
        new GameSetup(ludus.http(), app).metric("steps").put("/v1/points/xp", """
                {"name":"Experience","triggers":[{"type":"metric","metric":"steps","points":1}]}""");
    }

    /** Sends {@code steps} steps of {@code user}: one {@code points.changed} message. */
    void event(String user, int steps) {
        Http.Answer answer = ludus.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"" + user
                + "\",\"value\":" + steps + "}", Http.bearer(app.tokenWith("users:write")));
        if (answer.status() != 201) {
            throw new AssertionError("the event answered " + answer.status() + ": " + answer.body());
        }
    }

    /** The endpoint's delivery log, newest first, as the API answers it. */
    JsonNode log(String endpointId) {
        Http.Answer answer = ludus.http().get("/v1/webhooks/" + endpointId + "/deliveries?limit=100",
                Http.bearer(app.tokenWith("admin")));
        if (answer.status() != 200) {
            throw new AssertionError("the delivery log answered " + answer.status() + ": " + answer.body());
        }
        return answer.json().path("items");
    }

    /** The delivery log once {@code until} holds for it (10 s at most). */
    JsonNode awaitLog(String endpointId, String what, Predicate<JsonNode> until) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode log = log(endpointId);
        while (!until.test(log)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the delivery log never had " + what + "; it has " + log);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            log = log(endpointId);
        }
        return log;
    }

    /**
     * Lets the endpoint's one message run through every retry of the schedule, the clock moved to each
     * attempt's time, until its last attempt failed for good; answers the log then.
     */
    JsonNode failForGood(String endpointId) {
        for (int attempt = 1; ; attempt++) {
            int number = attempt;
            JsonNode newest = awaitLog(endpointId, "attempt " + number,
                    log -> log.size() > 0 && log.get(0).path("attempt").asInt() == number).get(0);
            if (newest.path("status").asText().equals("failed")) {
                return log(endpointId);
            }
            ludus.clock().advanceTo(Instant.parse(newest.path("next_attempt_at").asText()));
        }
    }

    /** True when the log holds an attempt at {@code messageId} that had {@code status}. */
    static boolean has(JsonNode log, String messageId, String status) {
        for (JsonNode attempt : log) {
            if (attempt.path("message_id").asText().equals(messageId) && attempt.path("status").asText().equals(status)) {
                return true;
            }
        }
        return false;
    }
}
