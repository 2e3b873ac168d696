package dev.ludus.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * Which entries of the audit log to read; every present value must match.
 *
 * @param tenantId entries about this tenant
 * @param applicationId entries about this application
 * @param action entries of this action ({@code rule.put}), or of every action of a family when it ends
 *     with a dot ({@code rule.})
 * @param targetKind entries about a target of this kind
 * @param targetId entries about a target with this id or key
 * @param since entries made at or after this instant
 * @param until entries made before this instant
 */
public record AuditFilter(Optional<String> tenantId, Optional<String> applicationId, Optional<String> action,
        Optional<String> targetKind, Optional<String> targetId, Optional<Instant> since, Optional<Instant> until) {

    /** Every entry. */
    public static final AuditFilter ALL = new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** This filter, narrowed to one application's entries. */
    public AuditFilter ofApplication(String id) {
        return new AuditFilter(tenantId, Optional.of(id), action, targetKind, targetId, since, until);
    }
}
