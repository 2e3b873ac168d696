package dev.ludus.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.auth.Secrets;
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

    private final Json json;

    Idempotency(Json json) {
        this.json = json;
    }

    /** The hash that tells two requests apart: SHA-256 of their canonical JSON (sorted members). */
    String hash(String operation, Map<String, Object> request) {
        Map<String, Object> canonical = new TreeMap<>(request);
        canonical.put("operation", operation);
        return Secrets.sha256Hex(json.text(canonical));
    }

    /** The stored answer for {@code key}, as a replay; 409 when it was stored for another request. */
    Optional<Reply> replay(Handle handle, String applicationId, String key, String requestHash) {
        return handle.createQuery("""
                SELECT request_hash, status, response FROM idempotency_keys
                WHERE application_id = :application_id AND idem_key = :key""")
                .bind("application_id", applicationId)
                .bind("key", key)
                .map((rs, ctx) -> {
                    if (!rs.getString("request_hash").equals(requestHash)) {
                        throw new ApiException(409, "idempotency_conflict", "Idempotency key reused",
                                "this Idempotency-Key was used for a different request; use a new key for a new request",
                                Map.of("field", "idempotency_key"), Map.of());
                    }
                    ObjectNode answer = (ObjectNode) json.readTrusted(rs.getString("response"));
                    answer.put("idempotent_replayed", true);
                    return new Reply(rs.getInt("status"), json.write(answer));
                })
                .findOne();
    }

    void store(Handle handle, String applicationId, String key, String userId, String requestHash, Reply reply,
            Instant now) {
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
