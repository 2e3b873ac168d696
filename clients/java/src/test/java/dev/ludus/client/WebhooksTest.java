package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * {@link Webhooks#verify} on payloads signed here with javax.crypto exactly as Standard Webhooks
 * describes, for the cases a server does not produce (other versions, keys, malformed headers).
 * {@link WebhookDeliveryTest} verifies the messages the real server sends.
 */
class WebhooksTest {

    private static final byte[] KEY = "a 32-byte test key for webhooks!".getBytes(StandardCharsets.US_ASCII);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final byte[] BODY = "{\"type\":\"achievement.unlocked\",\"data\":{\"user_id\":\"u1\"}}"
            .getBytes(StandardCharsets.UTF_8);

    private static String signature(byte[] key, String id, long timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    private static Map<String, String> headers(String id, long timestamp, String signature) {
        return Map.of("webhook-id", id, "webhook-timestamp", Long.toString(timestamp), "webhook-signature", signature);
    }

    private static void verify(Map<String, String> headers, byte[] body) {
        Webhooks.verify(SECRET, headers, body, Webhooks.DEFAULT_TOLERANCE, CLOCK);
    }

    @Test
    void acceptsASignedPayload() throws Exception {
        long timestamp = NOW.getEpochSecond();
        assertThatCode(() -> verify(headers("msg_1", timestamp, signature(KEY, "msg_1", timestamp, BODY)), BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsWhenOneOfSeveralSignaturesMatchesAndHeaderNamesDifferInCase() throws Exception {
        long timestamp = NOW.getEpochSecond() - 60;
        String other = signature("another key of 32 bytes, rotated".getBytes(StandardCharsets.US_ASCII), "msg_2",
                timestamp, BODY);
        String ours = signature(KEY, "msg_2", timestamp, BODY);
        Map<String, String> headers = Map.of("Webhook-Id", "msg_2", "Webhook-Timestamp", Long.toString(timestamp),
                "Webhook-Signature", "v2,abc " + other + " " + ours);
        assertThatCode(() -> verify(headers, BODY)).doesNotThrowAnyException();
    }

    @Test
    void rejectsATamperedBody() throws Exception {
        long timestamp = NOW.getEpochSecond();
        Map<String, String> headers = headers("msg_3", timestamp, signature(KEY, "msg_3", timestamp, BODY));
        byte[] tampered = "{\"type\":\"achievement.unlocked\",\"data\":{\"user_id\":\"u2\"}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verify(headers, tampered)).isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void rejectsAnotherIdWithTheSameSignature() throws Exception {
        long timestamp = NOW.getEpochSecond();
        Map<String, String> headers = headers("msg_other", timestamp, signature(KEY, "msg_4", timestamp, BODY));
        assertThatThrownBy(() -> verify(headers, BODY)).isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void rejectsTimestampsOutsideTheTolerance() throws Exception {
        long old = NOW.minus(Duration.ofMinutes(6)).getEpochSecond();
        long future = NOW.plus(Duration.ofMinutes(6)).getEpochSecond();
        assertThatThrownBy(() -> verify(headers("m", old, signature(KEY, "m", old, BODY)), BODY))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("too old");
        assertThatThrownBy(() -> verify(headers("m", future, signature(KEY, "m", future, BODY)), BODY))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("future");
    }

    @Test
    void rejectsMissingHeadersAndOtherVersionsOnly() throws Exception {
        long timestamp = NOW.getEpochSecond();
        assertThatThrownBy(() -> verify(Map.of("webhook-id", "m", "webhook-timestamp", Long.toString(timestamp)), BODY))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("webhook-signature");
        String v2 = signature(KEY, "m", timestamp, BODY).replace("v1,", "v2,");
        assertThatThrownBy(() -> verify(headers("m", timestamp, v2), BODY))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> verify(headers("m", timestamp, "v1,%%%"), BODY))
                .isInstanceOf(WebhookVerificationException.class);
    }
}
