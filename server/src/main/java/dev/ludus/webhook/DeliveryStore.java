package dev.ludus.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.jdbi.v3.core.Handle;

/** The SQL of the outbox: messages, deliveries and attempts. Stateless; runs on the caller's handle. */
final class DeliveryStore {

    /** Statuses of a delivery and outcomes of an attempt. */
    static final String PENDING = "pending";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";

    /** A delivery a node has claimed, with what it needs to make the attempt. */
    record Claimed(long seq, String endpointId, int attempts, String messageId, EventType type, String payload,
            long dueAt) { }

    /** How many pending deliveries a claim reads at a time. */
    static final int WINDOW = 1000;
    /** The most windows one claim reads before it asks the store for the rest. */
    static final int MOST_WINDOWS = 4;

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
    record Claims(List<Claimed> claimed, boolean heldBack, long oldestLeft) {
        /** Nothing claimed, nothing known to be left. */
        static final Claims NONE = new Claims(List.of(), false, NONE_LEFT);

        /**
         * What a claim came to: what it {@code picked}, of which it took {@code claimed}; rows another
         * node claimed meanwhile count as held back, so that the node claims again at once.
         */
        static Claims of(Picked picked, List<Claimed> claimed) {
            return new Claims(claimed, picked.heldBack() || claimed.size() < picked.seqs().size(),
                    picked.oldestLeft());
        }
    }

    /**
     * What a claim chose, before it takes them: the deliveries, whether it held some back for a
     * full endpoint, and when the oldest due delivery of a prompt endpoint that it left was due
     * (epoch milliseconds, {@link #NONE_LEFT} when it left none).
     */
    record Picked(List<Long> seqs, boolean heldBack, long oldestLeft) { }

    /** {@link Picked#oldestLeft} when a claim left no due delivery of a prompt endpoint. */
    static final long NONE_LEFT = Long.MAX_VALUE;

    /**
     * Claims up to {@code limit} due deliveries of enabled endpoints for {@code node} until
     * {@code until}, oldest first, skipping any that waits behind an earlier pending delivery of
     * the same endpoint and user, those in {@code inFlight} (this node's own), those of the endpoints
     * in {@code full}, and, of every other endpoint, those past its {@code room}.
     *
     * <p>The pending deliveries are read in order of {@code seq}, a window of {@link #WINDOW} at a
     * time from the oldest, narrow (no payload), and sorted out here: a query that did it all at once
     * made PostgreSQL check and sort every pending row whenever its statistics said the outbox was
     * small (about 2 s a claim under load with some 20,000 pending). Reading from the oldest also
     * makes the per-user check exact: every earlier pending delivery of a user has been seen. After
     * {@link #MOST_WINDOWS} windows (the oldest pending are a failing endpoint's retries and what
     * waits behind them) the rest comes from one query that checks each row in the store. Two nodes
     * may pick the same rows; the update takes only those still unclaimed (PostgreSQL checks each row
     * again once the other node's claim has committed), so a delivery is claimed by one node at a time.
     */
    Claims claim(Handle handle, String node, Instant now, Instant until, int limit, Set<Long> inFlight,
            Set<String> full, ToIntFunction<String> room, Predicate<String> prompt) {
        Picked picked = pick(handle, now, limit, inFlight, full, room, prompt);
        return Claims.of(picked, picked.seqs().isEmpty() ? List.of()
                : rows(handle, take(handle, node, now, until, picked.seqs())));
    }

    /**
     * The reading half of {@link #claim}: chooses the deliveries without taking them. On SQLite it
     * runs on a connection of its own, off the event writer; {@link #take} then takes only those
     * still unclaimed.
     *
     * @param prompt the endpoints whose due deliveries count in {@link Picked#oldestLeft}
     */
    Picked pick(Handle handle, Instant now, int limit, Set<Long> inFlight, Set<String> full,
            ToIntFunction<String> room, Predicate<String> prompt) {
        long nowMillis = now.toEpochMilli();
        Map<String, Boolean> enabled = new HashMap<>();
        Set<String> lines = new java.util.HashSet<>();
        Map<String, Integer> taken = new HashMap<>();
        List<Long> picked = new ArrayList<>();
        Set<String> roomless = new java.util.HashSet<>(full);
        int heldBack = 0;
        int busy = 0;
        long after = 0;
        long oldestLeft = NONE_LEFT;
        for (int window = 0; window < MOST_WINDOWS && picked.size() + heldBack + busy < limit; window++) {
            List<Pending> pending = handle.createQuery("""
                    SELECT seq, endpoint_id, user_key, next_attempt_at, claimed_until, created_at FROM webhook_deliveries
                    WHERE status = 'pending' AND seq > :after ORDER BY seq LIMIT :window""")
                    .bind("after", after)
                    .bind("window", WINDOW)
                    .map((rs, ctx) -> {
                        long claimedUntil = rs.getLong("claimed_until");
                        boolean unclaimed = rs.wasNull();
                        return new Pending(rs.getLong("seq"), rs.getString("endpoint_id"), rs.getString("user_key"),
                                rs.getLong("next_attempt_at"), unclaimed ? 0 : claimedUntil, rs.getLong("created_at"));
                    })
                    .list();
            enabled(handle, pending, enabled);
            for (Pending row : pending) {
                after = row.seq();
                boolean first = lines.add(row.endpointId() + '\n' + row.userKey());
                if (row.nextAttemptAt() > nowMillis || row.claimedUntil() >= nowMillis
                        || inFlight.contains(row.seq()) || !enabled.get(row.endpointId())) {
                    continue;
                }
                boolean noRoom = full.contains(row.endpointId()) || roomless.contains(row.endpointId())
                        || taken.getOrDefault(row.endpointId(), 0) >= room.applyAsInt(row.endpointId());
                if ((!first || noRoom || picked.size() == limit) && prompt.test(row.endpointId())) {
                    // due and left waiting: for room, or behind the user's earlier message
                    oldestLeft = Math.min(oldestLeft, Math.max(row.createdAt(), row.nextAttemptAt()));
                }
                if (!first || picked.size() == limit) {
                    continue;
                }
                if (full.contains(row.endpointId())) {
                    busy++;
                    continue;
                }
                if (noRoom) {
                    // this claim took all the room the endpoint had: claim again at once, without it
                    roomless.add(row.endpointId());
                    heldBack++;
                    continue;
                }
                taken.merge(row.endpointId(), 1, Integer::sum);
                picked.add(row.seq());
            }
            if (pending.size() < WINDOW) {
                break;
            }
            if (window == MOST_WINDOWS - 1 && picked.size() + heldBack + busy < limit) {
                // the oldest pending are mostly waiting (a failing endpoint's retries and what queues
                // behind them): the rest from the store's own search, which skips them in its indexes
                beyond(handle, nowMillis, after, limit - picked.size(), inFlight, roomless, room, taken, picked);
            }
        }
        return new Picked(List.copyOf(picked), heldBack > 0, oldestLeft);
    }

    /** The writing half of {@link #claim}: takes those of {@code seqs} still unclaimed, and answers them. */
    List<Long> take(Handle handle, String node, Instant now, Instant until, List<Long> seqs) {
        return handle.createQuery("""
                UPDATE webhook_deliveries SET claimed_by = :node, claimed_until = :until
                WHERE seq IN (<seqs>) AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < :now)
                RETURNING seq""")
                .bind("node", node)
                .bind("until", until.toEpochMilli())
                .bind("now", now.toEpochMilli())
                .bindList("seqs", seqs)
                .mapTo(Long.class)
                .list();
    }

    /** What the attempts of the deliveries {@code seqs} need, in seq order. */
    List<Claimed> rows(Handle handle, List<Long> seqs) {
        if (seqs.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("""
                SELECT d.seq, d.endpoint_id, d.attempts, d.created_at, d.next_attempt_at, m.id AS message_id, m.type,
                    m.payload
                FROM webhook_deliveries d JOIN webhook_messages m ON m.seq = d.message_seq
                WHERE d.seq IN (<seqs>) ORDER BY d.seq""")
                .bindList("seqs", seqs)
                .map((rs, ctx) -> claimedRow(rs))
                .list();
    }

    /**
     * Picks due deliveries after {@code after} that wait behind no earlier pending delivery, searched
     * by the store, leaving out the endpoints without room ({@code roomless}).
     */
    private static void beyond(Handle handle, long nowMillis, long after, int wanted, Set<Long> inFlight,
            Set<String> roomless, ToIntFunction<String> room, Map<String, Integer> taken, List<Long> picked) {
        var query = handle.createQuery("""
                SELECT d.seq, d.endpoint_id, d.user_key, d.next_attempt_at FROM webhook_deliveries d
                WHERE d.status = 'pending' AND d.seq > :after AND d.next_attempt_at <= :now
                    AND (d.claimed_until IS NULL OR d.claimed_until < :now)
                    AND d.endpoint_id IN (SELECT e.id FROM webhook_endpoints e WHERE e.enabled = 1)
                    AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.endpoint_id = d.endpoint_id
                        AND p.user_key = d.user_key AND p.status = 'pending' AND p.seq < d.seq)"""
                + (roomless.isEmpty() ? "" : " AND d.endpoint_id NOT IN (<roomless>)")
                + " ORDER BY d.seq LIMIT :limit")
                .bind("after", after)
                .bind("now", nowMillis)
                .bind("limit", wanted + inFlight.size());
        if (!roomless.isEmpty()) {
            query.bindList("roomless", List.copyOf(roomless));
        }
        List<Pending> due = query.map((rs, ctx) -> new Pending(rs.getLong("seq"), rs.getString("endpoint_id"),
                rs.getString("user_key"), rs.getLong("next_attempt_at"), 0, 0)).list();
        int before = picked.size();
        for (Pending row : due) {
            if (inFlight.contains(row.seq()) || picked.size() - before == wanted
                    || taken.getOrDefault(row.endpointId(), 0) >= room.applyAsInt(row.endpointId())) {
                continue;
            }
            taken.merge(row.endpointId(), 1, Integer::sum);
            picked.add(row.seq());
        }
    }

    /** Learns whether each endpoint of {@code pending} not yet in {@code enabled} is enabled. */
    private static void enabled(Handle handle, List<Pending> pending, Map<String, Boolean> enabled) {
        List<String> unknown = pending.stream().map(Pending::endpointId).distinct()
                .filter(endpoint -> !enabled.containsKey(endpoint)).toList();
        if (unknown.isEmpty()) {
            return;
        }
        unknown.forEach(endpoint -> enabled.put(endpoint, false));
        handle.createQuery("SELECT id FROM webhook_endpoints WHERE enabled = 1 AND id IN (<ids>)")
                .bindList("ids", unknown)
                .mapTo(String.class)
                .forEach(endpoint -> enabled.put(endpoint, true));
    }

    /** A pending delivery, as a claim reads it. */
    private record Pending(long seq, String endpointId, String userKey, long nextAttemptAt, long claimedUntil,
            long createdAt) { }

    /** The delivery of {@code seq} as {@link #claim} would give it. */
    Claimed claimed(Handle handle, long seq) {
        List<Claimed> rows = rows(handle, List.of(seq));
        if (rows.isEmpty()) {
            throw new IllegalStateException("no webhook delivery " + seq);
        }
        return rows.get(0);
    }

    /** Gives claimed deliveries back without an attempt (their endpoint was disabled meanwhile, or the node stops). */
    void release(Handle handle, List<Long> seqs) {
        handle.createUpdate("""
                UPDATE webhook_deliveries SET claimed_by = NULL, claimed_until = NULL WHERE seq IN (<seqs>)""")
                .bindList("seqs", seqs)
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
                rs.getString("message_id"), type(rs.getString("type")), rs.getString("payload"),
                Math.max(rs.getLong("created_at"), rs.getLong("next_attempt_at")));
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
