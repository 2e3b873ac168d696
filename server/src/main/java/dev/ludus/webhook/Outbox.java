package dev.ludus.webhook;

import dev.ludus.secrets.Secrets;
import dev.ludus.events.AppliedChange;
import dev.ludus.engine.Rules;
import dev.ludus.http.Json;
import dev.ludus.store.WriteBatch;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The transactional outbox: writes a message, and a delivery for each enabled endpoint subscribed
 * to its type, on the transaction of the change it reports, so that the change and its
 * notification commit together or not at all. Writes nothing when no endpoint wants the type (the
 * application's endpoints come from a cache checked against a version, read once per batch).
 * After a commit that wrote a message, the local {@link Dispatcher} is woken.
 *
 * <p>The payload is {@code {"type","timestamp","data"}}; {@code timestamp} is when the change
 * happened. Thread-safe: stateless but for the service's cache.
 */
public final class Outbox {

    private final WebhookService service;
    private final DeliveryStore deliveries;
    private final Secrets secrets;
    /** An application's enabled endpoints, read once per batch. */
    private static final WriteBatch.Memo<List<Endpoint>> SUBSCRIBERS = WriteBatch.Memo.named("webhook subscribers");

    private final Json json;
    private final Runnable wake;

    /** @param wake called after a commit that wrote messages (the dispatcher's wake-up) */
    Outbox(WebhookService service, DeliveryStore deliveries, Secrets secrets, Json json, Runnable wake) {
        this.service = service;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.json = json;
        this.wake = wake;
    }

    /**
     * Writes the messages of one change of a user's state (achievements, points, levels, streaks) of
     * the types {@code sent} accepts, on the batch's transaction ({@link WebhookListener} calls it for
     * every applied change), naming rules in the change's {@link AppliedChange#language}.
     */
    public void record(WriteBatch batch, AppliedChange applied, java.util.function.Predicate<EventType> sent) {
        if (subscribers(batch, applied.applicationId()).isEmpty()) {
            return;
        }
        for (Payloads.Pending message : Payloads.of(applied.userId(), applied.rules(), applied.change(),
                applied.language())) {
            if (sent.test(message.type())) {
                enqueue(batch, applied.applicationId(), applied.userId(), message.type(), message.data(), applied.now());
            }
        }
    }

    /**
     * Writes one message of {@code type} about {@code userId} (null for a message about no user,
     * such as {@code leaderboard.period_finished}) on the batch's transaction, for every enabled
     * endpoint subscribed to the type; {@code data} is serialised with snake_case members (see
     * {@link LeaderboardPayloads}). Returns whether any endpoint wanted it.
     */
    public boolean enqueue(WriteBatch batch, String applicationId, String userId, EventType type, Object data,
            Instant now) {
        boolean written = write(batch.handle(), subscribers(batch, applicationId), applicationId, userId, type, data,
                now).isPresent();
        if (written) {
            batch.afterCommit(wake);
        }
        return written;
    }

    /**
     * As {@link #enqueue(WriteBatch, String, String, EventType, Object, Instant)} on a plain
     * transaction; call {@link #wake()} after it commits (or let the dispatcher's poll find it).
     */
    public boolean enqueue(Handle handle, String applicationId, String userId, EventType type, Object data,
            Instant now) {
        return write(handle, service.subscribers(handle, applicationId), applicationId, userId, type, data, now)
                .isPresent();
    }

    /** Wakes the local dispatcher: something was committed to deliver. */
    public void wake() {
        wake.run();
    }

    /** Writes a message for exactly one endpoint, claimed by {@code node} (a ping); returns the delivery. */
    long writeClaimed(Handle handle, Endpoint endpoint, EventType type, Object data, Instant now, String node,
            Instant claimedUntil) {
        long messageSeq = deliveries.insertMessage(handle, secrets.id("msg_"), endpoint.applicationId(), null, type,
                payload(type, data, now), now);
        return deliveries.insertDelivery(handle, messageSeq, endpoint.id(), null, now, Optional.of(node),
                claimedUntil);
    }

    private Optional<Long> write(Handle handle, List<Endpoint> endpoints, String applicationId, String userId,
            EventType type, Object data, Instant now) {
        List<Endpoint> wanting = endpoints.stream().filter(endpoint -> endpoint.wants(type)).toList();
        if (wanting.isEmpty()) {
            return Optional.empty();
        }
        long messageSeq = deliveries.insertMessage(handle, secrets.id("msg_"), applicationId, userId, type,
                payload(type, data, now), now);
        for (Endpoint endpoint : wanting) {
            deliveries.insertDelivery(handle, messageSeq, endpoint.id(), userId, now, Optional.empty(), now);
        }
        return Optional.of(messageSeq);
    }

    private String payload(EventType type, Object data, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type.wireName());
        payload.put("timestamp", now);
        payload.put("data", data);
        return json.text(payload);
    }

    private List<Endpoint> subscribers(WriteBatch batch, String applicationId) {
        return batch.memo(SUBSCRIBERS, applicationId, () -> service.subscribers(batch.handle(), applicationId));
    }
}
