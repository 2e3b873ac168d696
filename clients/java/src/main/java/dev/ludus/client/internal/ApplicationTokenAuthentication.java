package dev.ludus.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints a short-lived HS256 application token for every request (spec 000): header
 * {@code {"alg":"HS256","typ":"JWT"}}, claims {@code sub iss aud iat exp jti scope}, signed with the
 * UTF-8 bytes of the whole API secret. Immutable; minting is a few microseconds, so nothing is cached.
 */
public final class ApplicationTokenAuthentication implements Authentication {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = BASE64URL.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final String tenantId;
    private final String applicationId;
    private final SecretKeySpec key;
    private final String subject;
    private final List<String> scopes;
    private final Duration lifetime;
    private final Clock clock;
    private final ObjectMapper json;

    public ApplicationTokenAuthentication(String tenantId, String applicationId, String apiSecret, String subject,
            List<String> scopes, Duration lifetime, Clock clock, ObjectMapper json) {
        this(requireText(tenantId, "tenantId"), requireText(applicationId, "applicationId"),
                new SecretKeySpec(requireText(apiSecret, "apiSecret").getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                subject, scopes, lifetime, clock, json);
    }

    private ApplicationTokenAuthentication(String tenantId, String applicationId, SecretKeySpec key, String subject,
            List<String> scopes, Duration lifetime, Clock clock, ObjectMapper json) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("tokenLifetime must be above 0 and at most 24 hours, was " + lifetime);
        }
        this.tenantId = tenantId;
        this.applicationId = applicationId;
        this.key = key;
        this.subject = requireText(subject, "subject");
        this.scopes = List.copyOf(scopes);
        this.lifetime = lifetime;
        this.clock = clock;
        this.json = json;
    }

    /** The same application and secret, acting for {@code userId} with {@code read} and {@code write}. */
    public ApplicationTokenAuthentication forUser(String userId) {
        return new ApplicationTokenAuthentication(tenantId, applicationId, key, userId, List.of("read", "write"),
                lifetime, clock, json);
    }

    @Override
    public String apply(HttpRequest.Builder request, String method, URI uri, byte[] body) {
        String token = mint();
        request.setHeader("Authorization", "Bearer " + token);
        return token;
    }

    /** A new token: {@code iat} now by the client's clock, {@code exp} one lifetime later, a random {@code jti}. */
    public String mint() {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("iss", tenantId);
        claims.put("aud", applicationId);
        claims.put("iat", now);
        claims.put("exp", now + lifetime.toSeconds());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("scope", scopes);
        try {
            String signingInput = HEADER + "." + BASE64URL.encodeToString(json.writeValueAsBytes(claims));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature);
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot mint an HS256 token", e);
        }
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
