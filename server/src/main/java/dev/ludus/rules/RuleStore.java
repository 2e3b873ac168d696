package dev.ludus.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.http.Json;
import dev.ludus.http.JsonBody;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The SQL of rules and rule-set versions. Stateless; every method runs on the caller's handle. */
final class RuleStore {

    private final Json json;
    private final RuleKinds kinds;

    RuleStore(Json json, RuleKinds kinds) {
        this.json = json;
        this.kinds = kinds;
    }

    /** Bumps the application's rule-set version (creating it at 1) and returns the new version. */
    long bumpVersion(Handle handle, String applicationId) {
        return handle.createQuery("""
                INSERT INTO rule_sets (application_id, version) VALUES (:application_id, 1)
                ON CONFLICT (application_id) DO UPDATE SET version = rule_sets.version + 1
                RETURNING version""")
                .bind("application_id", applicationId)
                .mapTo(Long.class)
                .one();
    }

    long version(Handle handle, String applicationId) {
        return handle.createQuery("SELECT version FROM rule_sets WHERE application_id = :application_id")
                .bind("application_id", applicationId)
                .mapTo(Long.class)
                .findOne()
                .orElse(0L);
    }

    <R> Optional<StoredRule<R>> find(Handle handle, String applicationId, RuleKind<R> kind, String key) {
        return handle.createQuery("""
                SELECT * FROM rules WHERE application_id = :application_id AND kind = :kind AND rule_key = :key""")
                .bind("application_id", applicationId)
                .bind("kind", kind.name())
                .bind("key", key)
                .map((rs, ctx) -> row(kind, rs))
                .findOne();
    }

    List<StoredRule<?>> active(Handle handle, String applicationId) {
        return handle.createQuery("""
                SELECT * FROM rules WHERE application_id = :application_id AND archived_at IS NULL
                ORDER BY kind, rule_key""")
                .bind("application_id", applicationId)
                .<StoredRule<?>>map((rs, ctx) -> row(kinds.named(rs.getString("kind")), rs))
                .list();
    }

    List<String> applicationsWith(Handle handle, RuleKind<?> kind) {
        return handle.createQuery("""
                SELECT DISTINCT application_id FROM rules WHERE kind = :kind AND archived_at IS NULL
                ORDER BY application_id""")
                .bind("kind", kind.name())
                .mapTo(String.class)
                .list();
    }

    /** Up to {@code count} rules of a kind in key order after {@code after}. */
    <R> List<StoredRule<R>> list(Handle handle, String applicationId, RuleKind<R> kind, Optional<String> after, int count,
            boolean includeArchived) {
        return handle.createQuery("""
                SELECT * FROM rules WHERE application_id = :application_id AND kind = :kind AND rule_key > :after
                """ + (includeArchived ? "" : " AND archived_at IS NULL") + " ORDER BY rule_key LIMIT :count")
                .bind("application_id", applicationId)
                .bind("kind", kind.name())
                .bind("after", after.orElse(""))
                .bind("count", count)
                .map((rs, ctx) -> row(kind, rs))
                .list();
    }

    void upsert(Handle handle, String applicationId, RuleKind<?> kind, String key, ObjectNode definition, Instant now) {
        handle.createUpdate("""
                INSERT INTO rules (application_id, kind, rule_key, definition, created_at, updated_at, archived_at)
                VALUES (:application_id, :kind, :key, :definition, :now, :now, NULL)
                ON CONFLICT (application_id, kind, rule_key) DO UPDATE SET definition = excluded.definition,
                    updated_at = excluded.updated_at, archived_at = NULL""")
                .bind("application_id", applicationId)
                .bind("kind", kind.name())
                .bind("key", key)
                .bind("definition", json.text(definition))
                .bind("now", now.toEpochMilli())
                .execute();
    }

    void archive(Handle handle, String applicationId, RuleKind<?> kind, String key, Instant now) {
        handle.createUpdate("""
                UPDATE rules SET archived_at = :now, updated_at = :now
                WHERE application_id = :application_id AND kind = :kind AND rule_key = :key""")
                .bind("application_id", applicationId)
                .bind("kind", kind.name())
                .bind("key", key)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    private <R> StoredRule<R> row(RuleKind<R> kind, java.sql.ResultSet rs) throws java.sql.SQLException {
        String key = rs.getString("rule_key");
        JsonBody definition = json.bodyOf(rs.getString("definition"));
        R rule = kind.read(key, definition);
        long archivedAt = rs.getLong("archived_at");
        Optional<Instant> archived = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(archivedAt));
        return new StoredRule<>(kind, key, rule, Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")), archived);
    }
}
