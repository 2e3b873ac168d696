package dev.ludus.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies webhooks signed as <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> asks:
 * {@code webhook-signature} holds one or more space-separated {@code v1,<base64>} signatures, each an
 * HMAC-SHA256 of {@code webhook-id + "." + webhook-timestamp + "." + body} with the base64 key of a
 * {@code whsec_} secret. Pass the raw body bytes as received, before any JSON parsing.
 */
public final class Webhooks {

    /** How far {@code webhook-timestamp} may be from now, either way, by default. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final String SECRET_PREFIX = "whsec_";

    private Webhooks() { }

    /** As {@link #verify(String, Map, byte[], Duration, Clock)} with 5 minutes of tolerance and the system clock. */
    public static void verify(String secret, Map<String, String> headers, byte[] body) {
        verify(secret, headers, body, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    /**
     * Returns normally when one {@code v1} signature of the headers matches and the timestamp is
     * within {@code tolerance} of {@code clock}; otherwise throws {@link WebhookVerificationException}.
     * Header names are matched case-insensitively. Signatures are compared in constant time.
     */
    public static void verify(String secret, Map<String, String> headers, byte[] body, Duration tolerance,
            Clock clock) {
        byte[] key = key(secret);
        String id = header(headers, "webhook-id");
        String timestamp = header(headers, "webhook-timestamp");
        String signatures = header(headers, "webhook-signature");
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("webhook-timestamp is not whole seconds since the epoch");
        }
        Instant sent = Instant.ofEpochSecond(seconds);
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(tolerance))) {
            throw new WebhookVerificationException("webhook-timestamp is too old");
        }
        if (sent.isAfter(now.plus(tolerance))) {
            throw new WebhookVerificationException("webhook-timestamp is too far in the future");
        }
        byte[] expected = sign(key, id, timestamp, body);
        for (String candidate : signatures.trim().split(" +")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                continue;                                   // another version: not ours to check
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException notBase64) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return;
            }
        }
        throw new WebhookVerificationException("no v1 signature of webhook-signature matches");
    }

    private static byte[] key(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("secret must be a whsec_ webhook secret");
        }
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secret must be whsec_ and base64", e);
        }
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().toLowerCase(Locale.ROOT).equals(name)
                    && header.getValue() != null && !header.getValue().isBlank()) {
                return header.getValue().trim();
            }
        }
        throw new WebhookVerificationException("missing header " + name);
    }

    private static byte[] sign(byte[] key, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }
}
