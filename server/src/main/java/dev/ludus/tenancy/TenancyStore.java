package dev.ludus.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import dev.ludus.auth.Client;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/** The SQL of tenants, applications and API secrets. Every method runs on the caller's handle. */
final class TenancyStore {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TenancyStore.class);

    /** A stored API secret. */
    record StoredSecret(String id, String secret, Instant createdAt, Optional<Instant> expiresAt) { }

    void insertTenant(Handle handle, Tenant tenant) {
        handle.createUpdate("INSERT INTO tenants (id, name, created_at) VALUES (:id, :name, :created_at)")
                .bind("id", tenant.id())
                .bind("name", tenant.name())
                .bind("created_at", tenant.createdAt().toEpochMilli())
                .execute();
    }

    Optional<Tenant> findTenant(Handle handle, String id) {
        return handle.createQuery("SELECT id, name, created_at FROM tenants WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Tenant(rs.getString("id"), rs.getString("name"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .findOne();
    }

    /** Up to {@code count} tenants in id order, after {@code after} when given. */
    List<Tenant> listTenants(Handle handle, Optional<String> after, int count) {
        return handle.createQuery("SELECT id, name, created_at FROM tenants WHERE id > :after ORDER BY id LIMIT :count")
                .bind("after", after.orElse(""))
                .bind("count", count)
                .map((rs, ctx) -> new Tenant(rs.getString("id"), rs.getString("name"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list();
    }

    void renameTenant(Handle handle, String id, String name) {
        handle.createUpdate("UPDATE tenants SET name = :name WHERE id = :id")
                .bind("id", id)
                .bind("name", name)
                .execute();
    }

    void insertApplication(Handle handle, Application app, String clientSecretHash) {
        handle.createUpdate("""
                INSERT INTO applications (id, tenant_id, name, default_scopes, max_token_lifetime_seconds,
                    ecdsa_enabled, client_scopes, timezone, cors_origins, max_teams_per_user, control_group_percent,
                    default_language, client_id, client_secret_hash, created_at, updated_at)
                VALUES (:id, :tenant_id, :name, :default_scopes, :max_lifetime, :ecdsa, :client_scopes, :timezone,
                    :cors_origins, :max_teams, :control_group_percent, :default_language,
                    :client_id, :client_secret_hash, :created_at, :updated_at)""")
                .bind("id", app.id())
                .bind("tenant_id", app.tenantId())
                .bind("name", app.name())
                .bind("default_scopes", String.join(" ", app.defaultScopes()))
                .bind("max_lifetime", app.maxTokenLifetimeSeconds())
                .bind("ecdsa", app.ecdsaEnabled() ? 1 : 0)
                .bind("client_scopes", String.join(" ", app.clientScopes()))
                .bind("timezone", app.timezone().getId())
                .bind("cors_origins", String.join(" ", app.corsOrigins()))
                .bind("max_teams", app.maxTeamsPerUser())
                .bind("control_group_percent", app.controlGroupPercent())
                .bind("default_language", app.defaultLanguage())
                .bind("client_id", app.clientId())
                .bind("client_secret_hash", clientSecretHash)
                .bind("created_at", app.createdAt().toEpochMilli())
                .bind("updated_at", app.updatedAt().toEpochMilli())
                .execute();
    }

    Optional<Application> findApplication(Handle handle, String id) {
        return handle.createQuery("SELECT * FROM applications WHERE id = :id")
                .bind("id", id)
                .map(TenancyStore::application)
                .findOne();
    }

    /** The settings an application's writes of game state follow; empty for an unknown application. */
    Optional<GameSettings> gameSettings(Handle handle, String id) {
        return handle.createQuery("""
                        SELECT id, timezone, control_group_percent, default_language FROM applications WHERE id = :id""")
                .bind("id", id)
                .map((rs, ctx) -> new GameSettings(zone(rs), rs.getInt("control_group_percent"),
                        rs.getString("default_language")))
                .findOne();
    }

    /** Up to {@code count} applications of the tenant in id order, after {@code after} when given. */
    List<Application> listApplications(Handle handle, String tenantId, Optional<String> after, int count) {
        return handle.createQuery("""
                SELECT * FROM applications WHERE tenant_id = :tenant_id AND id > :after ORDER BY id LIMIT :count""")
                .bind("tenant_id", tenantId)
                .bind("after", after.orElse(""))
                .bind("count", count)
                .map(TenancyStore::application)
                .list();
    }

    /** Every origin listed by some application. */
    java.util.Set<String> corsOrigins(Handle handle) {
        java.util.Set<String> origins = new java.util.HashSet<>();
        handle.createQuery("SELECT cors_origins FROM applications WHERE cors_origins <> ''")
                .map((rs, ctx) -> rs.getString(1))
                .forEach(spaced -> origins.addAll(words(spaced)));
        return origins;
    }

    void updateApplication(Handle handle, Application app) {
        handle.createUpdate("""
                UPDATE applications SET name = :name, default_scopes = :default_scopes,
                    max_token_lifetime_seconds = :max_lifetime, ecdsa_enabled = :ecdsa,
                    client_scopes = :client_scopes, timezone = :timezone, cors_origins = :cors_origins,
                    max_teams_per_user = :max_teams, control_group_percent = :control_group_percent,
                    default_language = :default_language,
                    updated_at = :updated_at
                WHERE id = :id""")
                .bind("id", app.id())
                .bind("name", app.name())
                .bind("default_scopes", String.join(" ", app.defaultScopes()))
                .bind("max_lifetime", app.maxTokenLifetimeSeconds())
                .bind("ecdsa", app.ecdsaEnabled() ? 1 : 0)
                .bind("client_scopes", String.join(" ", app.clientScopes()))
                .bind("timezone", app.timezone().getId())
                .bind("cors_origins", String.join(" ", app.corsOrigins()))
                .bind("max_teams", app.maxTeamsPerUser())
                .bind("control_group_percent", app.controlGroupPercent())
                .bind("default_language", app.defaultLanguage())
                .bind("updated_at", app.updatedAt().toEpochMilli())
                .execute();
    }

    void insertSecret(Handle handle, String applicationId, StoredSecret secret) {
        handle.createUpdate("""
                INSERT INTO api_secrets (id, application_id, secret, created_at, expires_at)
                VALUES (:id, :application_id, :secret, :created_at, :expires_at)""")
                .bind("id", secret.id())
                .bind("application_id", applicationId)
                .bind("secret", secret.secret())
                .bind("created_at", secret.createdAt().toEpochMilli())
                .bind("expires_at", secret.expiresAt().map(Instant::toEpochMilli).orElse(null))
                .execute();
    }

    List<StoredSecret> secrets(Handle handle, String applicationId) {
        return handle.createQuery("""
                SELECT id, secret, created_at, expires_at FROM api_secrets
                WHERE application_id = :application_id ORDER BY created_at DESC, id""")
                .bind("application_id", applicationId)
                .map((rs, ctx) -> new StoredSecret(rs.getString("id"), rs.getString("secret"),
                        Instant.ofEpochMilli(rs.getLong("created_at")), instant(rs, "expires_at")))
                .list();
    }

    /** Deletes every secret of the application that is already in a grace period or expired. */
    void deletePreviousSecrets(Handle handle, String applicationId) {
        handle.createUpdate("DELETE FROM api_secrets WHERE application_id = :application_id AND expires_at IS NOT NULL")
                .bind("application_id", applicationId)
                .execute();
    }

    /** Ends the current secret at {@code expiresAt}, or deletes it when that is now or earlier. */
    void retireCurrentSecret(Handle handle, String applicationId, Instant expiresAt, Instant now) {
        if (expiresAt.isAfter(now)) {
            handle.createUpdate("""
                    UPDATE api_secrets SET expires_at = :expires_at
                    WHERE application_id = :application_id AND expires_at IS NULL""")
                    .bind("application_id", applicationId)
                    .bind("expires_at", expiresAt.toEpochMilli())
                    .execute();
        } else {
            handle.createUpdate("DELETE FROM api_secrets WHERE application_id = :application_id AND expires_at IS NULL")
                    .bind("application_id", applicationId)
                    .execute();
        }
    }

    private static Application application(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Application(
                rs.getString("id"),
                rs.getString("tenant_id"),
                rs.getString("name"),
                words(rs.getString("default_scopes")),
                rs.getLong("max_token_lifetime_seconds"),
                rs.getInt("ecdsa_enabled") != 0,
                words(rs.getString("client_scopes")),
                zone(rs),
                words(rs.getString("cors_origins")),
                rs.getInt("max_teams_per_user"),
                rs.getInt("control_group_percent"),
                rs.getString("default_language"),
                rs.getString("client_id"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                instant(rs, "ecdsa_last_used_at").orElse(null));
    }

    /** The {@code timezone} column: NULL is UTC, and so is an id this JDK's time zone data does not know. */
    private static ZoneId zone(ResultSet rs) throws SQLException {
        String stored = rs.getString("timezone");
        if (stored == null) {
            return TenancyService.DEFAULT_TIMEZONE;
        }
        try {
            return ZoneId.of(stored);
        } catch (DateTimeException e) {
            LOG.warn("application {} has the timezone '{}', which this Java runtime does not know; using UTC "
                    + "until it is set again (PATCH /v1/application)", rs.getString("id"), stored);
            return TenancyService.DEFAULT_TIMEZONE;
        }
    }

    private static List<String> words(String spaced) {
        return Arrays.stream(spaced.split(" ")).filter(word -> !word.isEmpty()).toList();
    }

    /** Up to {@code count} keys of the application in address order, after {@code after} (lower-case hex). */
    List<EcdsaKey> ecdsaKeys(Handle handle, String applicationId, String after, int count) {
        return handle.createQuery("""
                SELECT address, scopes, created_at, last_used_at FROM ecdsa_keys
                WHERE application_id = :application_id AND address > :after ORDER BY address LIMIT :count""")
                .bind("application_id", applicationId)
                .bind("after", after)
                .bind("count", count)
                .map((rs, ctx) -> new EcdsaKey("0x" + rs.getString("address"), words(rs.getString("scopes")),
                        Instant.ofEpochMilli(rs.getLong("created_at")), instant(rs, "last_used_at").orElse(null)))
                .list();
    }

    /** Registers a key; false when the application already has it. */
    boolean insertEcdsaKey(Handle handle, String applicationId, String address, List<String> scopes, Instant now) {
        return handle.createUpdate("""
                INSERT INTO ecdsa_keys (application_id, address, scopes, created_at)
                VALUES (:application_id, :address, :scopes, :created_at)
                ON CONFLICT (application_id, address) DO NOTHING""")
                .bind("application_id", applicationId)
                .bind("address", address)
                .bind("scopes", String.join(" ", scopes))
                .bind("created_at", now.toEpochMilli())
                .execute() == 1;
    }

    boolean deleteEcdsaKey(Handle handle, String applicationId, String address) {
        return handle.createUpdate("DELETE FROM ecdsa_keys WHERE application_id = :application_id AND address = :address")
                .bind("application_id", applicationId)
                .bind("address", address)
                .execute() == 1;
    }

    /**
     * Moves each key's {@code last_used_at} forward to its time (epoch milliseconds), never back, in one
     * JDBC batch, in the map's order (a key no longer registered is left out); then each of their
     * applications' {@code ecdsa_last_used_at} to the latest of its keys' times, in application order.
     */
    void markEcdsaKeysUsed(Handle handle, SortedMap<EcdsaKeyUses.Key, Long> latest) {
        PreparedBatch update = handle.prepareBatch("""
                UPDATE ecdsa_keys SET last_used_at = :at
                WHERE application_id = :application_id AND address = :address
                    AND (last_used_at IS NULL OR last_used_at < :at)""");
        SortedMap<String, Long> applications = new java.util.TreeMap<>();
        latest.forEach((key, at) -> {
            update.bind("application_id", key.applicationId()).bind("address", key.address()).bind("at", at).add();
            applications.merge(key.applicationId(), at, Math::max);
        });
        update.execute();
        PreparedBatch application = handle.prepareBatch("""
                UPDATE applications SET ecdsa_last_used_at = :at
                WHERE id = :id AND (ecdsa_last_used_at IS NULL OR ecdsa_last_used_at < :at)""");
        applications.forEach((id, at) -> application.bind("id", id).bind("at", at).add());
        application.execute();
    }

    Optional<Client> findClient(Handle handle, String clientId) {
        return handle.createQuery("""
                SELECT id, tenant_id, client_id, client_secret_hash, previous_client_secret_hash,
                    previous_client_secret_expires_at, client_scopes
                FROM applications WHERE client_id = :client_id""")
                .bind("client_id", clientId)
                .map((rs, ctx) -> new Client(rs.getString("client_id"), rs.getString("id"), rs.getString("tenant_id"),
                        rs.getString("client_secret_hash"),
                        Optional.ofNullable(rs.getString("previous_client_secret_hash")),
                        instant(rs, "previous_client_secret_expires_at"),
                        words(rs.getString("client_scopes"))))
                .findOne();
    }

    /** Replaces the client secret; the previous one stays valid until {@code previousExpiresAt} (empty: dies now). */
    void rotateClientSecret(Handle handle, String applicationId, String newHash, Optional<Instant> previousExpiresAt,
            Instant now) {
        handle.createUpdate("""
                UPDATE applications SET
                    previous_client_secret_hash = CASE WHEN :keep = 1 THEN client_secret_hash ELSE NULL END,
                    previous_client_secret_expires_at = :previous_expires_at,
                    client_secret_hash = :hash, updated_at = :now
                WHERE id = :id""")
                .bind("id", applicationId)
                .bind("keep", previousExpiresAt.isPresent() ? 1 : 0)
                .bind("previous_expires_at", previousExpiresAt.map(Instant::toEpochMilli).orElse(null))
                .bind("hash", newHash)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
