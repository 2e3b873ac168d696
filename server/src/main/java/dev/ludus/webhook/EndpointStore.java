package dev.ludus.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** The SQL of endpoints, their secrets, versions and notices. Stateless; runs on the caller's handle. */
final class EndpointStore {

    long bumpVersion(Handle handle, String applicationId) {
        return handle.createQuery("""
                INSERT INTO webhook_versions (application_id, version) VALUES (:application_id, 1)
                ON CONFLICT (application_id) DO UPDATE SET version = webhook_versions.version + 1
                RETURNING version""")
                .bind("application_id", applicationId)
                .mapTo(Long.class)
                .one();
    }

    long version(Handle handle, String applicationId) {
        return handle.createQuery("SELECT version FROM webhook_versions WHERE application_id = :application_id")
                .bind("application_id", applicationId)
                .mapTo(Long.class)
                .findOne()
                .orElse(0L);
    }

    void insert(Handle handle, Endpoint endpoint) {
        handle.createUpdate("""
                INSERT INTO webhook_endpoints (id, application_id, url, description, event_types, enabled, created_at,
                    updated_at)
                VALUES (:id, :application_id, :url, :description, :event_types, 1, :now, :now)""")
                .bind("id", endpoint.id())
                .bind("application_id", endpoint.applicationId())
                .bind("url", endpoint.url())
                .bind("description", endpoint.description().orElse(null))
                .bind("event_types", types(endpoint.eventTypes()))
                .bind("now", endpoint.createdAt().toEpochMilli())
                .execute();
    }

    void update(Handle handle, Endpoint endpoint) {
        handle.createUpdate("""
                UPDATE webhook_endpoints SET url = :url, description = :description, event_types = :event_types,
                    enabled = :enabled, disabled_reason = :reason, disabled_at = :disabled_at,
                    failing_since = CASE WHEN :enabled = 1 THEN NULL ELSE failing_since END, updated_at = :now
                WHERE id = :id""")
                .bind("id", endpoint.id())
                .bind("url", endpoint.url())
                .bind("description", endpoint.description().orElse(null))
                .bind("event_types", types(endpoint.eventTypes()))
                .bind("enabled", endpoint.enabled() ? 1 : 0)
                .bind("reason", endpoint.disabledReason().orElse(null))
                .bind("disabled_at", endpoint.disabledAt().map(Instant::toEpochMilli).orElse(null))
                .bind("now", endpoint.updatedAt().toEpochMilli())
                .execute();
    }

    boolean delete(Handle handle, String applicationId, String id) {
        return handle.createUpdate("DELETE FROM webhook_endpoints WHERE application_id = :application_id AND id = :id")
                .bind("application_id", applicationId)
                .bind("id", id)
                .execute() == 1;
    }

    Optional<Endpoint> find(Handle handle, String applicationId, String id) {
        return handle.createQuery("SELECT * FROM webhook_endpoints WHERE application_id = :application_id AND id = :id")
                .bind("application_id", applicationId)
                .bind("id", id)
                .map((rs, ctx) -> endpoint(rs))
                .findOne();
    }

    /** The endpoint of that id, whatever its application (for the dispatcher). */
    Optional<Endpoint> find(Handle handle, String id) {
        return handle.createQuery("SELECT * FROM webhook_endpoints WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> endpoint(rs))
                .findOne();
    }

    /** Up to {@code count} endpoints in id order after {@code after}. */
    List<Endpoint> list(Handle handle, String applicationId, Optional<String> after, int count) {
        return handle.createQuery("""
                SELECT * FROM webhook_endpoints WHERE application_id = :application_id AND id > :after
                ORDER BY id LIMIT :count""")
                .bind("application_id", applicationId)
                .bind("after", after.orElse(""))
                .bind("count", count)
                .map((rs, ctx) -> endpoint(rs))
                .list();
    }

    List<Endpoint> enabled(Handle handle, String applicationId) {
        return handle.createQuery("""
                SELECT * FROM webhook_endpoints WHERE application_id = :application_id AND enabled = 1 ORDER BY id""")
                .bind("application_id", applicationId)
                .map((rs, ctx) -> endpoint(rs))
                .list();
    }

    void addSecret(Handle handle, String id, String endpointId, String secret, Instant now) {
        handle.createUpdate("""
                INSERT INTO webhook_secrets (id, endpoint_id, secret, created_at) VALUES (:id, :endpoint_id, :secret, :now)""")
                .bind("id", id)
                .bind("endpoint_id", endpointId)
                .bind("secret", secret)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    /**
     * Ends the current secret's life at {@code expiresAt} (at once when it is not after {@code now})
     * and forgets secrets already expired.
     */
    void retireSecrets(Handle handle, String endpointId, Instant expiresAt, Instant now) {
        handle.createUpdate("DELETE FROM webhook_secrets WHERE endpoint_id = :endpoint_id AND expires_at <= :now")
                .bind("endpoint_id", endpointId)
                .bind("now", now.toEpochMilli())
                .execute();
        if (expiresAt.isAfter(now)) {
            handle.createUpdate("""
                    UPDATE webhook_secrets SET expires_at = :expires_at
                    WHERE endpoint_id = :endpoint_id AND (expires_at IS NULL OR expires_at > :expires_at)""")
                    .bind("endpoint_id", endpointId)
                    .bind("expires_at", expiresAt.toEpochMilli())
                    .execute();
        } else {
            handle.createUpdate("DELETE FROM webhook_secrets WHERE endpoint_id = :endpoint_id")
                    .bind("endpoint_id", endpointId)
                    .execute();
        }
    }

    /** The secrets that sign now, the current one first, and when the first of them stops signing. */
    record LiveSecrets(List<String> secrets, Optional<Instant> firstExpiry) { }

    LiveSecrets live(Handle handle, String endpointId, Instant now) {
        record Row(String secret, Optional<Instant> expiresAt) { }
        List<Row> rows = handle.createQuery("""
                SELECT secret, expires_at FROM webhook_secrets WHERE endpoint_id = :endpoint_id
                    AND (expires_at IS NULL OR expires_at > :now)
                ORDER BY CASE WHEN expires_at IS NULL THEN 0 ELSE 1 END, created_at DESC""")
                .bind("endpoint_id", endpointId)
                .bind("now", now.toEpochMilli())
                .map((rs, ctx) -> {
                    long expires = rs.getLong("expires_at");
                    Optional<Instant> expiresAt = rs.wasNull() ? Optional.empty()
                            : Optional.of(Instant.ofEpochMilli(expires));
                    return new Row(rs.getString("secret"), expiresAt);
                })
                .list();
        return new LiveSecrets(rows.stream().map(Row::secret).toList(),
                rows.stream().flatMap(row -> row.expiresAt().stream()).min(Instant::compareTo));
    }

    /** When the previous secret stops being used, if one is in its grace period. */
    Optional<Instant> previousSecretExpiry(Handle handle, String endpointId, Instant now) {
        return handle.createQuery("""
                SELECT MAX(expires_at) FROM webhook_secrets WHERE endpoint_id = :endpoint_id AND expires_at > :now""")
                .bind("endpoint_id", endpointId)
                .bind("now", now.toEpochMilli())
                .mapTo(Long.class)
                .findOne()
                .map(Instant::ofEpochMilli);
    }

    void addNotice(Handle handle, String id, String applicationId, Endpoint endpoint, String type, String reason,
            Instant now) {
        handle.createUpdate("""
                INSERT INTO webhook_notices (id, application_id, endpoint_id, type, url, reason, created_at)
                VALUES (:id, :application_id, :endpoint_id, :type, :url, :reason, :now)""")
                .bind("id", id)
                .bind("application_id", applicationId)
                .bind("endpoint_id", endpoint.id())
                .bind("type", type)
                .bind("url", endpoint.url())
                .bind("reason", reason)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    /** Up to {@code count} notices, newest first, before sequence number {@code before}. */
    List<EndpointNotice> notices(Handle handle, String applicationId, long before, int count) {
        return handle.createQuery("""
                SELECT * FROM webhook_notices WHERE application_id = :application_id AND seq < :before
                ORDER BY seq DESC LIMIT :count""")
                .bind("application_id", applicationId)
                .bind("before", before)
                .bind("count", count)
                .map((rs, ctx) -> new EndpointNotice(rs.getLong("seq"), rs.getString("id"), rs.getString("type"),
                        rs.getString("endpoint_id"), rs.getString("url"), rs.getString("reason"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list();
    }

    /** Records a failed attempt: the endpoint is failing since then, unless it already was. Returns since when. */
    Instant failing(Handle handle, String endpointId, Instant now) {
        handle.createUpdate("""
                UPDATE webhook_endpoints SET failing_since = :now WHERE id = :id AND failing_since IS NULL""")
                .bind("id", endpointId)
                .bind("now", now.toEpochMilli())
                .execute();
        return handle.createQuery("SELECT failing_since FROM webhook_endpoints WHERE id = :id")
                .bind("id", endpointId)
                .mapTo(Long.class)
                .findOne()
                .map(Instant::ofEpochMilli)
                .orElse(now);
    }

    /**
     * Whether the endpoint of that id is there (empty when it is not) and, if it is, since when its
     * deliveries have been failing (empty when they are not): one narrow read per attempt's result.
     */
    Optional<Optional<Instant>> failingSince(Handle handle, String endpointId) {
        return handle.createQuery("SELECT failing_since FROM webhook_endpoints WHERE id = :id")
                .bind("id", endpointId)
                .map((rs, ctx) -> {
                    long since = rs.getLong("failing_since");
                    return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(since));
                })
                .findOne();
    }

    void succeeding(Handle handle, String endpointId) {
        handle.createUpdate("UPDATE webhook_endpoints SET failing_since = NULL WHERE id = :id AND failing_since IS NOT NULL")
                .bind("id", endpointId)
                .execute();
    }

    private static Endpoint endpoint(ResultSet rs) throws SQLException {
        long disabledAt = rs.getLong("disabled_at");
        boolean disabled = !rs.wasNull();
        return new Endpoint(rs.getString("id"), rs.getString("application_id"), rs.getString("url"),
                Optional.ofNullable(rs.getString("description")), parseTypes(rs.getString("event_types")),
                rs.getInt("enabled") == 1, Optional.ofNullable(rs.getString("disabled_reason")),
                disabled ? Optional.of(Instant.ofEpochMilli(disabledAt)) : Optional.empty(),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private static String types(Set<EventType> types) {
        return types.stream().map(EventType::wireName).sorted().collect(Collectors.joining(" "));
    }

    private static Set<EventType> parseTypes(String stored) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        Arrays.stream(stored.split(" ")).map(EventType::subscribable).flatMap(Optional::stream).forEach(types::add);
        return types;
    }
}
