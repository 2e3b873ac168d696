package dev.ludus.client;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An event to record ({@code POST /v1/events}): the user's total of {@code metric} grows by
 * {@code value}, and the rules run. Build one with {@link #builder(String)}:
 *
 * <pre>{@code
 * Event event = Event.builder("steps")
 *         .userId("user_123")
 *         .value(1200)
 *         .attribute("device", "watch")
 *         .build();
 * }</pre>
 *
 * @param metric the metric's key (required)
 * @param userId whose event it is; null: the token's subject
 * @param value an exact decimal, at most 6 decimal places; null: 1
 * @param occurredAt when it happened; null: when the server receives it
 * @param attributes string attributes that trigger filters match; null: none
 * @param user profile members to set in the same transaction, or null
 * @param idempotencyKey 1 to 255 characters; null: {@link EventsApi} generates a UUID for each send
 */
public record Event(String metric, String userId, BigDecimal value, Instant occurredAt, Map<String, String> attributes,
        ProfileChanges user, String idempotencyKey) {

    public Event {
        Objects.requireNonNull(metric, "metric");
        attributes = attributes == null ? null : Map.copyOf(attributes);
    }

    public static Builder builder(String metric) {
        return new Builder(metric);
    }

    /** This event with another idempotency key. */
    public Event withIdempotencyKey(String idempotencyKey) {
        return new Event(metric, userId, value, occurredAt, attributes, user, idempotencyKey);
    }

    /** Collects the members of an event. */
    public static final class Builder {
        private final String metric;
        private String userId;
        private BigDecimal value;
        private Instant occurredAt;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private ProfileChanges user;
        private String idempotencyKey;

        private Builder(String metric) {
            this.metric = Objects.requireNonNull(metric, "metric");
        }

        /** Whose event it is (default: the token's subject); another user needs scope {@code users:write}. */
        public Builder userId(String userId) {
            this.userId = userId;
            return this;
        }

        /** An exact decimal with at most 6 decimal places (there is no {@code double} overload, by design). */
        public Builder value(BigDecimal value) {
            this.value = value;
            return this;
        }

        public Builder value(long value) {
            return value(BigDecimal.valueOf(value));
        }

        /** When it happened (default: when received); within the server's window (7 days back, 5 minutes ahead). */
        public Builder occurredAt(Instant occurredAt) {
            this.occurredAt = occurredAt;
            return this;
        }

        public Builder attribute(String name, String value) {
            attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder attributes(Map<String, String> attributes) {
            this.attributes.putAll(attributes);
            return this;
        }

        /** Profile members to change in the same transaction. */
        public Builder user(ProfileChanges user) {
            this.user = user;
            return this;
        }

        /**
         * The key that makes this event apply once however often it is sent: give one when you may send
         * the event again yourself (after a crash, from a queue). Default: a new UUID for each send.
         */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public Event build() {
            return new Event(metric, userId, value, occurredAt, attributes.isEmpty() ? null : attributes, user,
                    idempotencyKey);
        }
    }
}
