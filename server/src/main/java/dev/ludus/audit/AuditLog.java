package dev.ludus.audit;

import dev.ludus.http.ApiException;
import dev.ludus.http.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Appends entries to the audit log and reads them, newest first. Stateless: every call runs on the
 * caller's handle, so an entry commits or rolls back with the change it describes. Nothing updates
 * or deletes an entry.
 */
public final class AuditLog {

    /** The longest summary kept; a longer one is cut with an ellipsis. */
    public static final int MAX_SUMMARY = 1000;

    /**
     * A change to record. Never put a secret or a token in it.
     *
     * @param tenantId the tenant it concerns; empty: the tenant of {@code applicationId}, if any
     * @param applicationId the application it concerns; empty for a tenant's or the server's change
     * @param action such as {@code rule.put}
     * @param targetKind such as {@code metric}
     * @param targetId the target's id or key
     * @param summary what changed, in words
     */
    public record Change(Optional<String> tenantId, Optional<String> applicationId, String action, String targetKind,
            String targetId, String summary) {

        /** A change to one application's configuration or users. */
        public static Change ofApplication(String applicationId, String action, String targetKind, String targetId,
                String summary) {
            return new Change(Optional.empty(), Optional.of(applicationId), action, targetKind, targetId, summary);
        }

        /** A change of the whole server's, such as a signing key rotation. */
        public static Change ofServer(String action, String targetKind, String targetId, String summary) {
            return new Change(Optional.empty(), Optional.empty(), action, targetKind, targetId, summary);
        }
    }

    /** Appends {@code change}, made by {@code actor} at {@code at}, in the handle's transaction. */
    public void record(Handle handle, Instant at, Actor actor, Change change) {
        String summary = change.summary().length() <= MAX_SUMMARY ? change.summary()
                : change.summary().substring(0, MAX_SUMMARY - 1) + "…";
        handle.createUpdate("""
                INSERT INTO audit_log (occurred_at, tenant_id, application_id, actor_kind, actor_application_id,
                    actor_subject, auth_method, actor_account_id, address, action, target_kind, target_id, summary)
                VALUES (:at, COALESCE(:tenant_id, (SELECT tenant_id FROM applications WHERE id = :application_id)),
                    :application_id, :actor_kind, :actor_application_id, :actor_subject, :auth_method,
                    :actor_account_id, :address, :action, :target_kind, :target_id, :summary)""")
                .bind("at", at.toEpochMilli())
                .bind("tenant_id", change.tenantId().orElse(null))
                .bind("application_id", change.applicationId().orElse(null))
                .bind("actor_kind", actor.kind().wireName())
                .bind("actor_application_id", actor.applicationId().orElse(null))
                .bind("actor_subject", actor.subject().orElse(null))
                .bind("auth_method", actor.authMethod().orElse(null))
                .bind("actor_account_id", actor.accountId().orElse(null))
                .bind("address", actor.address().map(address -> address.length() > 64 ? address.substring(0, 64)
                        : address).orElse(null))
                .bind("action", change.action())
                .bind("target_kind", change.targetKind())
                .bind("target_id", change.targetId())
                .bind("summary", summary)
                .execute();
    }

    /** A page of the entries {@code filter} accepts, newest first; the cursor is the last entry's id. */
    public PageRequest.Page<AuditEntry> page(Handle handle, AuditFilter filter, PageRequest page) {
        long before = page.after().map(AuditLog::sequence).orElse(Long.MAX_VALUE);
        StringBuilder sql = new StringBuilder("""
                SELECT seq, occurred_at, tenant_id, application_id, actor_kind, actor_application_id, actor_subject,
                    auth_method, actor_account_id, address, action, target_kind, target_id, summary
                FROM audit_log WHERE seq < :before""");
        filter.tenantId().ifPresent(value -> sql.append(" AND tenant_id = :tenant_id"));
        filter.applicationId().ifPresent(value -> sql.append(" AND application_id = :application_id"));
        filter.action().ifPresent(value -> sql.append(value.endsWith(".")
                ? " AND action LIKE :action ESCAPE '\\'" : " AND action = :action"));
        filter.targetKind().ifPresent(value -> sql.append(" AND target_kind = :target_kind"));
        filter.targetId().ifPresent(value -> sql.append(" AND target_id = :target_id"));
        filter.since().ifPresent(value -> sql.append(" AND occurred_at >= :since"));
        filter.until().ifPresent(value -> sql.append(" AND occurred_at < :until"));
        sql.append(" ORDER BY seq DESC LIMIT :limit");
        Query query = handle.createQuery(sql.toString())
                .bind("before", before)
                .bind("limit", page.limit() + 1);
        filter.tenantId().ifPresent(value -> query.bind("tenant_id", value));
        filter.applicationId().ifPresent(value -> query.bind("application_id", value));
        filter.action().ifPresent(value -> query.bind("action", value.endsWith(".")
                ? value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" : value));
        filter.targetKind().ifPresent(value -> query.bind("target_kind", value));
        filter.targetId().ifPresent(value -> query.bind("target_id", value));
        filter.since().ifPresent(value -> query.bind("since", value.toEpochMilli()));
        filter.until().ifPresent(value -> query.bind("until", value.toEpochMilli()));
        return page.page(query.map((rs, ctx) -> entry(rs)).list(), AuditEntry::id);
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(Long.toString(rs.getLong("seq")), Instant.ofEpochMilli(rs.getLong("occurred_at")),
                rs.getString("tenant_id"), rs.getString("application_id"),
                new AuditEntry.ActorView(Actor.Kind.of(rs.getString("actor_kind")).wireName(),
                        rs.getString("actor_application_id"), rs.getString("actor_subject"), rs.getString("auth_method"),
                        rs.getString("actor_account_id")),
                rs.getString("address"), rs.getString("action"),
                new AuditEntry.Target(rs.getString("target_kind"), rs.getString("target_id")), rs.getString("summary"));
    }

    private static long sequence(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("cursor", "'cursor' is not a cursor this list gave out");
        }
    }
}
