package dev.ludus.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds compact JWTs by hand, byte for byte, so that tests can make any token a client (or an
 * attacker) could send: other algorithms, missing or mistyped claims, odd headers. The default is a
 * valid application token made exactly like the spec's Node example: header
 * {@code {"alg":"HS256","typ":"JWT"}}, HMAC-SHA256 over {@code header.payload} with the UTF-8 bytes
 * of the secret.
 */
public final class Tokens {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Tokens() {
    }

    public static Builder builder(Clock clock) {
        return new Builder(clock);
    }

    public static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String base64url(String text) {
        return base64url(text.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 of {@code input} keyed with the UTF-8 bytes of {@code secret}. */
    public static byte[] hmacSha256(String secret, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A mutable token description; {@link #build()} signs it. */
    public static final class Builder {

        private final ObjectNode header = MAPPER.createObjectNode();
        private final ObjectNode claims = MAPPER.createObjectNode();
        private String secret = "";

        private Builder(Clock clock) {
            long now = clock.instant().getEpochSecond();
            header.put("alg", "HS256");
            header.put("typ", "JWT");
            claims.put("sub", "user_123");
            claims.put("iat", now);
            claims.put("exp", now + 3600);
        }

        public Builder issuer(String tenantId) {
            claims.put("iss", tenantId);
            return this;
        }

        public Builder audience(String applicationId) {
            claims.put("aud", applicationId);
            return this;
        }

        public Builder subject(String subject) {
            claims.put("sub", subject);
            return this;
        }

        public Builder secret(String apiSecret) {
            this.secret = apiSecret;
            return this;
        }

        public Builder issuedAt(long epochSeconds) {
            claims.put("iat", epochSeconds);
            return this;
        }

        public Builder expiresAt(long epochSeconds) {
            claims.put("exp", epochSeconds);
            return this;
        }

        public Builder jti(String jti) {
            claims.put("jti", jti);
            return this;
        }

        public Builder scopes(String... scopes) {
            var array = claims.putArray("scope");
            for (String scope : scopes) {
                array.add(scope);
            }
            return this;
        }

        /** Sets a claim to any JSON value given as text, e.g. {@code "\"tomorrow\""} or {@code "[1,2]"}. */
        public Builder claimJson(String name, String json) {
            claims.set(name, parse(json));
            return this;
        }

        public Builder without(String claim) {
            claims.remove(claim);
            return this;
        }

        public Builder headerJson(String name, String json) {
            header.set(name, parse(json));
            return this;
        }

        public Builder alg(String alg) {
            header.put("alg", alg);
            return this;
        }

        /** Header and payload as base64url JSON, without signature. */
        public String signingInput() {
            return base64url(header.toString()) + "." + base64url(claims.toString());
        }

        /** Signed with HMAC-SHA256 and the secret, whatever {@code alg} says. */
        public String build() {
            String input = signingInput();
            return input + "." + base64url(hmacSha256(secret, input));
        }

        private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
            try {
                return MAPPER.readTree(json);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(json, e);
            }
        }
    }
}
