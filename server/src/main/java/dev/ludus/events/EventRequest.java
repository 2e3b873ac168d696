package dev.ludus.events;

import dev.ludus.auth.Principal;
import dev.ludus.engine.Amount;
import dev.ludus.http.ApiException;
import dev.ludus.http.JsonBody;
import dev.ludus.rules.RuleCodec;
import dev.ludus.profiles.UserPatch;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One event as sent, validated: every bad member answers 400 naming it.
 *
 * @param occurredAt when it happened; empty means when it is received
 */
public record EventRequest(String userId, String metric, Amount value, Optional<Instant> occurredAt,
        Map<String, String> attributes, UserPatch profile, Optional<String> idempotencyKey) {

    public static final int MAX_ATTRIBUTES = 20;
    public static final int MAX_ATTRIBUTE_VALUE = 256;
    private static final Set<String> MEMBERS = Set.of("metric", "user_id", "value", "occurred_at", "attributes",
            "user", "idempotency_key");

    public EventRequest {
        attributes = Map.copyOf(attributes);
    }

    /** How far back and ahead of the server's clock {@code occurred_at} may be. */
    public record Window(Duration maxAge, Duration maxSkew) { }

    /**
     * Reads an event; {@code headerKey} is the {@code Idempotency-Key} header (for a single event).
     * A write token may only send events for its own subject.
     */
    public static EventRequest read(JsonBody body, Principal principal, Optional<String> headerKey, Window window,
            Instant now) {
        body.allowOnly(MEMBERS);
        String metric = body.requiredString("metric", 64);
        if (!RuleCodec.KEY.matcher(metric).matches()) {
            throw ApiException.invalidField(body.field("metric"), "'" + body.field("metric")
                    + "' must be a metric key ([a-z0-9_.-]{1,64})");
        }
        String userId = UserIds.resolve(body.string("user_id", UserIds.MAX_LENGTH).orElse("me"), principal,
                body.field("user_id"), true);
        BigDecimal rawValue = body.decimal("value").orElse(BigDecimal.ONE);
        Amount value;
        try {
            value = Amount.exact(rawValue);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(body.field("value"), "'" + body.field("value") + "' " + e.getMessage());
        }
        Optional<Instant> occurredAt = body.string("occurred_at", 64).map(text -> instant(body, text, window, now));
        Map<String, String> attributes = body.stringMap("attributes", MAX_ATTRIBUTES, RuleCodec.ATTRIBUTE_NAME,
                MAX_ATTRIBUTE_VALUE).orElse(Map.of());
        UserPatch profile = body.object("user").map(user -> UserPatch.read(user, false)).orElse(UserPatch.NONE);
        Optional<String> bodyKey = body.string("idempotency_key", Idempotency.MAX_KEY_LENGTH);
        if (bodyKey.isPresent() && headerKey.isPresent() && !bodyKey.equals(headerKey)) {
            throw ApiException.invalidField(body.field("idempotency_key"),
                    "'idempotency_key' and the Idempotency-Key header differ");
        }
        return new EventRequest(userId, metric, value, occurredAt, attributes, profile,
                bodyKey.isPresent() ? bodyKey : headerKey);
    }

    private static Instant instant(JsonBody body, String text, Window window, Instant now) {
        String field = body.field("occurred_at");
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "'" + field + "' must be an ISO 8601 instant with an offset, "
                    + "such as 2026-11-23T10:15:30Z");
        }
        if (instant.isBefore(now.minus(window.maxAge())) || instant.isAfter(now.plus(window.maxSkew()))) {
            throw ApiException.invalidField(field, "'" + field + "' must be within " + window.maxAge()
                    + " before and " + window.maxSkew() + " after the server's time (" + now + ")");
        }
        return instant;
    }

    /** The members that make two requests the same request, for idempotency. */
    Map<String, Object> canonical() {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("user_id", userId);
        canonical.put("metric", metric);
        canonical.put("value", value.micros());
        canonical.put("occurred_at", occurredAt.map(Instant::toString).orElse(null));
        canonical.put("attributes", new java.util.TreeMap<>(attributes));
        canonical.put("user", profile.given());
        return canonical;
    }
}
