package dev.ludus.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: a secret is {@code whsec_} + base64 of 32 random bytes, the HMAC key
 * is those bytes, and a signature is {@code v1,} + base64 of HMAC-SHA256 over
 * {@code id + "." + timestamp + "." + body}. Several secrets (during a rotation's grace period)
 * give several signatures, space-separated. Thread-safe: stateless but for {@link SecureRandom}.
 */
public final class WebhookSigner {

    /** The prefix of every webhook secret. */
    public static final String PREFIX = "whsec_";

    private final SecureRandom random = new SecureRandom();

    /** A new secret: {@code whsec_} + standard base64 of 32 random bytes. */
    public String newSecret() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header value: one {@code v1,...} per secret, space-separated. */
    public static String signatures(List<String> secrets, String id, long timestamp, byte[] body) {
        return secrets.stream().map(secret -> sign(secret, id, timestamp, body)).collect(Collectors.joining(" "));
    }

    /** {@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body} keyed with the secret's bytes. */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** True when {@code header} holds a {@code v1} signature that {@code secret} makes; compared in constant time. */
    public static boolean verifies(String header, String secret, String id, long timestamp, byte[] body) {
        byte[] expected = sign(secret, id, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        boolean found = false;
        for (String candidate : header.split(" ")) {
            found |= MessageDigest.isEqual(candidate.getBytes(StandardCharsets.US_ASCII), expected);
        }
        return found;
    }

    private static byte[] key(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
