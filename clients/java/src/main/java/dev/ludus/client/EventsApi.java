package dev.ludus.client;

import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code /v1/events}: events that feed the rules. Scope {@code write} for the token's own subject,
 * {@code users:write} for any user.
 *
 * <p><b>Idempotency.</b> Every event is sent with an idempotency key: its own
 * ({@link Event#idempotencyKey()}) or, when it has none, a new UUID for that send. Every attempt of
 * the send carries the same key, and the client retries a 429, a 503, a timeout or a broken
 * connection (up to {@code maxRetries}), so an event whose answer was lost is applied once; the answer
 * to such a retry may be the stored one ({@link EventAnswer#idempotentReplayed()} true). To send an
 * event again yourself later, give it a key of your own.
 */
public final class EventsApi {

    /** The most events one batch may hold. */
    public static final int MAX_BATCH = 1000;

    record Batch(List<Event> events) { }

    record BatchAnswer(List<BatchResult> results) { }

    private final Transport transport;
    private final Authentication authentication;

    EventsApi(Transport transport, Authentication authentication) {
        this.transport = transport;
        this.authentication = authentication;
    }

    /** {@code POST /v1/events}: records the event and answers what changed. */
    public EventAnswer send(Event event) {
        Event keyed = keyed(event);
        return transport.callIdempotent(authentication, "POST", "/v1/events", keyed, keyed.idempotencyKey(),
                EventAnswer.class);
    }

    /**
     * {@code POST /v1/events/batch}: records up to {@value #MAX_BATCH} events, each on its own (a failed
     * event does not stop the others), and answers one result per event, in order. Events without a
     * key get one each, so the whole batch is safe to send again.
     */
    public List<BatchResult> sendBatch(List<Event> events) {
        List<Event> keyed = new ArrayList<>(events.size());
        for (Event event : events) {
            keyed.add(keyed(event));
        }
        return transport.callIdempotent(authentication, "POST", "/v1/events/batch", new Batch(keyed), null,
                BatchAnswer.class).results();
    }

    /**
     * {@code POST /v1/events/validate}: checks the event as {@link #send} would (members, ranges, the
     * time window, permissions) and answers what would be recorded, recording nothing. The rules are
     * not consulted: an unknown metric passes here.
     */
    public ValidatedEvent validate(Event event) {
        return transport.call(authentication, "POST", "/v1/events/validate", event, ValidatedEvent.class);
    }

    private static Event keyed(Event event) {
        return event.idempotencyKey() != null ? event : event.withIdempotencyKey(UUID.randomUUID().toString());
    }
}
