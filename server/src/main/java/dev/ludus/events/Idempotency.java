package dev.ludus.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.secrets.Secrets;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Idempotency keys: the first answer to a request sent with a key is stored with a hash of the
 * request, in the transaction that made the change; the same key and request later get that answer
 * with {@code idempotent_replayed: true}; the same key with another request is a 409. Keys belong
 * to an application. Stateless.
 */
final class Idempotency {

    static final int MAX_KEY_LENGTH = 255;

    /** Stores between two purges of expired records. */
    static final int PURGE_EVERY = 1000;

    private final Json json;
    private final java.time.Duration retention;
    private final java.util.concurrent.atomic.AtomicLong stored = new java.util.concurrent.atomic.AtomicLong();

    Idempotency(Json json, java.time.Duration retention) {
        this.json = json;
        this.retention = retention;
    }

    /** The hash that tells two requests apart: SHA-256 of their canonical JSON (sorted members). */
    String hash(String operation, Map<String, Object> request) {
        Map<String, Object> canonical = new TreeMap<>(request);
        canonical.put("operation", operation);
        return Secrets.sha256Hex(json.text(canonical));
    }

    /**
     * The stored answer for {@code key}, as a replay; 409 when it was stored for another request.
     * A record older than the retention is no longer replayed (the purge may not have run yet).
     */
    Optional<Reply> replay(Handle handle, String applicationId, String key, String requestHash, Instant now) {
        return handle.createQuery("""
                SELECT request_hash, status, response FROM idempotency_keys
                WHERE application_id = :application_id AND idem_key = :key AND created_at >= :oldest""")
                .bind("application_id", applicationId)
                .bind("key", key)
                .bind("oldest", now.minus(retention).toEpochMilli())
                .map((rs, ctx) -> {
                    if (!rs.getString("request_hash").equals(requestHash)) {
                        throw new ApiException(409, "idempotency_conflict", "Idempotency key reused",
                                "this Idempotency-Key was used for a different request; use a new key for a new request",
                                Map.of("field", "idempotency_key"), Map.of());
                    }
                    ObjectNode answer = (ObjectNode) json.readTrusted(rs.getString("response"));
                    answer.put("idempotent_replayed", true);
                    return Reply.written(rs.getInt("status"), json.write(answer));
                })
                .findOne();
    }

    /**
     * Stores the answer under the key (replacing an expired record of the same key), and every
     * {@link #PURGE_EVERY} stores deletes the expired records.
     */
    void store(Handle handle, String applicationId, String key, String userId, String requestHash, Reply reply,
            Instant now) {
        long oldest = now.minus(retention).toEpochMilli();
        if (stored.incrementAndGet() % PURGE_EVERY == 0) {
            handle.createUpdate("DELETE FROM idempotency_keys WHERE created_at < :oldest").bind("oldest", oldest).execute();
        } else {
            handle.createUpdate("""
                    DELETE FROM idempotency_keys WHERE application_id = :application_id AND idem_key = :key
                      AND created_at < :oldest""")
                    .bind("application_id", applicationId)
                    .bind("key", key)
                    .bind("oldest", oldest)
                    .execute();
        }
        handle.createUpdate("""
                INSERT INTO idempotency_keys (application_id, idem_key, user_id, request_hash, status, response, created_at)
                VALUES (:application_id, :key, :user_id, :hash, :status, :response, :now)""")
                .bind("application_id", applicationId)
                .bind("key", key)
                .bind("user_id", userId)
                .bind("hash", requestHash)
                .bind("status", reply.status())
                .bind("response", new String(reply.body(), StandardCharsets.UTF_8))
                .bind("now", now.toEpochMilli())
                .execute();
    }
}
