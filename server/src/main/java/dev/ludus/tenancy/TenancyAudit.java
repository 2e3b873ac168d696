package dev.ludus.tenancy;

import dev.ludus.audit.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The audit log's entries of tenancy changes: their action codes and summaries. A summary names
 * settings and their new values, the end of a grace period, never a secret.
 */
final class TenancyAudit {

    private TenancyAudit() {
    }

    static AuditLog.Change tenantCreated(Tenant tenant) {
        return new AuditLog.Change(Optional.of(tenant.id()), Optional.empty(), "tenant.created",
                "tenant", tenant.id(), "created tenant '" + tenant.name() + "'");
    }

    static AuditLog.Change tenantRenamed(Tenant before, Tenant after) {
        return new AuditLog.Change(Optional.of(after.id()), Optional.empty(), "tenant.renamed", "tenant", after.id(),
                "renamed tenant '" + before.name() + "' to '" + after.name() + "'");
    }

    static AuditLog.Change applicationCreated(Application app) {
        return AuditLog.Change.ofApplication(app.id(), "application.created", "application", app.id(),
                "created application '" + app.name() + "' with an API secret and a client secret");
    }

    /** The settings that differ between {@code before} and {@code after}, with their new values; empty when none. */
    static Optional<AuditLog.Change> applicationUpdated(Application before, Application after) {
        List<String> changed = new ArrayList<>();
        setting(changed, "name", before, after, app -> "'" + app.name() + "'");
        setting(changed, "default_scopes", before, after, app -> String.join(" ", app.defaultScopes()));
        setting(changed, "max_token_lifetime_seconds", before, after, Application::maxTokenLifetimeSeconds);
        setting(changed, "ecdsa_enabled", before, after, Application::ecdsaEnabled);
        setting(changed, "cors_origins", before, after, Application::corsOrigins);
        setting(changed, "client_scopes", before, after, app -> String.join(" ", app.clientScopes()));
        setting(changed, "timezone", before, after, Application::timezone);
        setting(changed, "max_teams_per_user", before, after, Application::maxTeamsPerUser);
        setting(changed, "control_group_percent", before, after, Application::controlGroupPercent);
        setting(changed, "default_language", before, after, Application::defaultLanguage);
        return changed.isEmpty() ? Optional.empty() : Optional.of(AuditLog.Change.ofApplication(after.id(),
                "application.updated", "application", after.id(), "changed " + String.join(", ", changed)));
    }

    /**
     * A secret rotation: {@code application.secret_rotated} (or {@code client_secret}), or
     * {@code ..._refreshed} for the emergency refresh (no grace period).
     */
    static AuditLog.Change secretRotated(String applicationId, String secret, Duration grace,
            Instant previousExpiresAt) {
        String noun = secret.equals("secret") ? "API secret" : "client secret";
        String summary = grace.isZero()
                ? "refreshed the " + noun + " in an emergency: the previous one was refused at once"
                        + (secret.equals("secret") ? "" : ", and the client's server tokens were revoked")
                : "rotated the " + noun + "; the previous one stays valid until " + previousExpiresAt;
        return AuditLog.Change.ofApplication(applicationId,
                "application." + secret + (grace.isZero() ? "_refreshed" : "_rotated"), "application",
                applicationId, summary);
    }

    static AuditLog.Change ecdsaKeyAdded(String applicationId, String address, List<String> scopes) {
        return AuditLog.Change.ofApplication(applicationId, "ecdsa_key.added", "ecdsa_key", "0x" + address,
                "registered the ECDSA key 0x" + address + " with scopes " + String.join(" ", scopes));
    }

    static AuditLog.Change ecdsaKeyRemoved(String applicationId, String address) {
        return AuditLog.Change.ofApplication(applicationId, "ecdsa_key.removed", "ecdsa_key", "0x" + address,
                "removed the ECDSA key 0x" + address);
    }

    private static void setting(List<String> changed, String name, Application before, Application after,
            Function<Application, Object> value) {
        if (!Objects.equals(value.apply(before), value.apply(after))) {
            changed.add(name + " to " + value.apply(after));
        }
    }
}
