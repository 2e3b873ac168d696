package dev.ludus.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The SQL of the outbox: messages, deliveries and attempts. Stateless; runs on the caller's handle. */
final class DeliveryStore {

    /** Statuses of a delivery and outcomes of an attempt. */
    static final String PENDING = "pending";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";

    /** A delivery a node has claimed, with what it needs to make the attempt. */
    record Claimed(long seq, String endpointId, int attempts, String messageId, EventType type, String payload) { }

    private final boolean skipLocked;

    /** @param skipLocked whether the store has {@code FOR UPDATE SKIP LOCKED} (PostgreSQL) */
    DeliveryStore(boolean skipLocked) {
        this.skipLocked = skipLocked;
    }

    long insertMessage(Handle handle, String id, String applicationId, String userId, EventType type, String payload,
            Instant now) {
        return handle.createQuery("""
                INSERT INTO webhook_messages (id, application_id, user_id, type, payload, created_at)
                VALUES (:id, :application_id, :user_id, :type, :payload, :now) RETURNING seq""")
                .bind("id", id)
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .bind("type", type.wireName())
                .bind("payload", payload)
                .bind("now", now.toEpochMilli())
                .mapTo(Long.class)
                .one();
    }

    /** Queues one message for one endpoint; {@code claimedBy} claims it at once (a ping). */
    long insertDelivery(Handle handle, long messageSeq, String endpointId, String userId, Instant now,
            Optional<String> claimedBy, Instant claimedUntil) {
        return handle.createQuery("""
                INSERT INTO webhook_deliveries (message_seq, endpoint_id, user_key, status, attempts, next_attempt_at,
                    claimed_by, claimed_until, created_at)
                VALUES (:message_seq, :endpoint_id, :user_key, 'pending', 0, :now, :claimed_by, :claimed_until, :now)
                RETURNING seq""")
                .bind("message_seq", messageSeq)
                .bind("endpoint_id", endpointId)
                .bind("user_key", userId == null ? "" : userId)
                .bind("now", now.toEpochMilli())
                .bind("claimed_by", claimedBy.orElse(null))
                .bind("claimed_until", claimedBy.isPresent() ? claimedUntil.toEpochMilli() : null)
                .mapTo(Long.class)
                .one();
    }

    /**
     * What a claim took, and whether it left due deliveries behind because their endpoint had no
     * room left (then claiming again at once may find deliveries of other endpoints).
     */
    record Claims(List<Claimed> claimed, boolean heldBack) { }

    /**
     * Claims up to {@code limit} due deliveries of enabled endpoints for {@code node} until
     * {@code until}, oldest first, skipping any that waits behind an earlier pending delivery of
     * the same endpoint and user, those in {@code inFlight} (this node's own), those of the endpoints
     * in {@code full}, and, of every other endpoint, those past its {@code room}. On PostgreSQL the
     * rows are locked with {@code SKIP LOCKED}, so nodes claiming at once never claim the same row.
     */
    Claims claim(Handle handle, String node, Instant now, Instant until, int limit, Set<Long> inFlight,
            Set<String> full, ToIntFunction<String> room) {
        Query query = handle.createQuery("""
                SELECT d.seq, d.endpoint_id, d.attempts, m.id AS message_id, m.type, m.payload
                FROM webhook_deliveries d
                JOIN webhook_messages m ON m.seq = d.message_seq
                JOIN webhook_endpoints e ON e.id = d.endpoint_id
                WHERE d.status = 'pending' AND d.next_attempt_at <= :now
                    AND (d.claimed_until IS NULL OR d.claimed_until < :now) AND e.enabled = 1
                    AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.endpoint_id = d.endpoint_id
                        AND p.user_key = d.user_key AND p.status = 'pending' AND p.seq < d.seq)"""
                + (full.isEmpty() ? "" : " AND d.endpoint_id NOT IN (<full>)")
                + " ORDER BY d.seq LIMIT :limit" + (skipLocked ? " FOR UPDATE OF d SKIP LOCKED" : ""))
                .bind("now", now.toEpochMilli())
                .bind("limit", limit + inFlight.size());
        if (!full.isEmpty()) {
            query.bindList("full", List.copyOf(full));
        }
        List<Claimed> due = query.map((rs, ctx) -> claimedRow(rs)).list();
        Map<String, Integer> taken = new HashMap<>();
        List<Claimed> claimable = new ArrayList<>();
        boolean heldBack = false;
        for (Claimed claimed : due) {
            if (inFlight.contains(claimed.seq()) || claimable.size() == limit) {
                continue;
            }
            if (taken.getOrDefault(claimed.endpointId(), 0) >= room.applyAsInt(claimed.endpointId())) {
                heldBack = true;
                continue;
            }
            taken.merge(claimed.endpointId(), 1, Integer::sum);
            claimable.add(claimed);
        }
        for (Claimed claimed : claimable) {
            handle.createUpdate("""
                    UPDATE webhook_deliveries SET claimed_by = :node, claimed_until = :until WHERE seq = :seq""")
                    .bind("node", node)
                    .bind("until", until.toEpochMilli())
                    .bind("seq", claimed.seq())
                    .execute();
        }
        return new Claims(claimable, heldBack);
    }

    /** The delivery of {@code seq} as {@link #claim} would give it. */
    Claimed claimed(Handle handle, long seq) {
        return handle.createQuery("""
                SELECT d.seq, d.endpoint_id, d.attempts, m.id AS message_id, m.type, m.payload
                FROM webhook_deliveries d JOIN webhook_messages m ON m.seq = d.message_seq WHERE d.seq = :seq""")
                .bind("seq", seq)
                .map((rs, ctx) -> claimedRow(rs))
                .one();
    }

    /** Gives a claimed delivery back without an attempt (its endpoint was disabled meanwhile). */
    void release(Handle handle, long seq) {
        handle.createUpdate("UPDATE webhook_deliveries SET claimed_by = NULL, claimed_until = NULL WHERE seq = :seq")
                .bind("seq", seq)
                .execute();
    }

    /**
     * Logs attempt number {@code attempt} and moves the delivery on: {@code status} is
     * {@link #SUCCEEDED}, {@link #FAILED} or {@link #PENDING} (due again at {@code next}).
     */
    void recordAttempt(Handle handle, Claimed claimed, int attempt, String status, Integer httpStatus, long latencyMs,
            String response, Instant attemptedAt, Optional<Instant> next) {
        handle.createUpdate("""
                INSERT INTO webhook_attempts (delivery_seq, endpoint_id, attempt, outcome, http_status, latency_ms,
                    response, attempted_at, next_attempt_at)
                VALUES (:delivery_seq, :endpoint_id, :attempt, :outcome, :http_status, :latency_ms, :response,
                    :attempted_at, :next_attempt_at)""")
                .bind("delivery_seq", claimed.seq())
                .bind("endpoint_id", claimed.endpointId())
                .bind("attempt", attempt)
                .bind("outcome", status)
                .bind("http_status", httpStatus)
                .bind("latency_ms", latencyMs)
                .bind("response", response)
                .bind("attempted_at", attemptedAt.toEpochMilli())
                .bind("next_attempt_at", next.map(Instant::toEpochMilli).orElse(null))
                .execute();
        handle.createUpdate("""
                UPDATE webhook_deliveries SET status = :status, attempts = :attempt, next_attempt_at = :next,
                    claimed_by = NULL, claimed_until = NULL
                WHERE seq = :seq""")
                .bind("status", status)
                .bind("attempt", attempt)
                .bind("next", next.orElse(attemptedAt).toEpochMilli())
                .bind("seq", claimed.seq())
                .execute();
    }

    /** Up to {@code count} attempts at an endpoint, newest first, before attempt {@code before}. */
    List<DeliveryAttempt> attempts(Handle handle, String endpointId, long before, int count) {
        return handle.createQuery("""
                SELECT a.*, m.id AS message_id, m.type FROM webhook_attempts a
                JOIN webhook_deliveries d ON d.seq = a.delivery_seq
                JOIN webhook_messages m ON m.seq = d.message_seq
                WHERE a.endpoint_id = :endpoint_id AND a.seq < :before
                ORDER BY a.seq DESC LIMIT :count""")
                .bind("endpoint_id", endpointId)
                .bind("before", before)
                .bind("count", count)
                .map((rs, ctx) -> {
                    int status = rs.getInt("http_status");
                    Integer httpStatus = rs.wasNull() ? null : status;
                    long next = rs.getLong("next_attempt_at");
                    Instant nextAt = rs.wasNull() ? null : Instant.ofEpochMilli(next);
                    return new DeliveryAttempt(rs.getLong("seq"), rs.getString("message_id"), rs.getString("type"),
                            rs.getInt("attempt"), rs.getString("outcome"), httpStatus, rs.getLong("latency_ms"),
                            rs.getString("response"), Instant.ofEpochMilli(rs.getLong("attempted_at")), nextAt);
                })
                .list();
    }

    /**
     * The messages once addressed to an endpoint: the one of {@code messageId}, or those created in
     * {@code [since, until)}, at most {@code max}, in commit order. Returns (message seq, user id) pairs.
     */
    List<MessageRef> addressed(Handle handle, String endpointId, Optional<String> messageId, Instant since,
            Instant until, int max) {
        return handle.createQuery("""
                SELECT m.seq, m.user_id FROM webhook_messages m
                WHERE EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.message_seq = m.seq
                        AND d.endpoint_id = :endpoint_id)
                    AND (:message_id = '' OR m.id = :message_id)
                    AND m.created_at >= :since AND m.created_at < :until
                ORDER BY m.seq LIMIT :max""")
                .bind("endpoint_id", endpointId)
                .bind("message_id", messageId.orElse(""))
                .bind("since", since.toEpochMilli())
                .bind("until", until.toEpochMilli())
                .bind("max", max)
                .map((rs, ctx) -> new MessageRef(rs.getLong("seq"), rs.getString("user_id")))
                .list();
    }

    /** A stored message's sequence number and user. */
    record MessageRef(long seq, String userId) { }

    private static Claimed claimedRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Claimed(rs.getLong("seq"), rs.getString("endpoint_id"), rs.getInt("attempts"),
                rs.getString("message_id"), type(rs.getString("type")), rs.getString("payload"));
    }

    private static EventType type(String wireName) {
        for (EventType type : EventType.values()) {
            if (type.wireName().equals(wireName)) {
                return type;
            }
        }
        throw new IllegalStateException("unknown stored webhook type " + wireName);
    }
}
