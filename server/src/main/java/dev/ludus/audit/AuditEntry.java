package dev.ludus.audit;

import java.time.Instant;

/**
 * One entry of the audit log as the API shows it; absent values are {@code null}.
 *
 * @param id the entry's place in the log: later entries have greater ids
 * @param occurredAt when the change was made
 * @param tenantId the tenant the change concerns; {@code null} for a server-wide change
 * @param applicationId the application the change concerns; {@code null} for a tenant's or the server's
 * @param actor who made it
 * @param address the remote address of the request that made it
 * @param action what was done, such as {@code rule.put} or {@code application.secret_rotated}
 * @param target what it was done to
 * @param summary what changed, in words; never a secret
 */
public record AuditEntry(String id, Instant occurredAt, String tenantId, String applicationId, ActorView actor,
        String address, String action, Target target, String summary) {

    /**
     * Who made a change.
     *
     * @param kind {@code api}, {@code operator} or {@code account}
     * @param applicationId the API principal's application
     * @param subject the API principal's subject; the console account's email
     * @param authMethod {@code jwt}, {@code auth_token}, {@code ecdsa}, {@code operator_key} or {@code console}
     * @param accountId the console account's id
     */
    public record ActorView(String kind, String applicationId, String subject, String authMethod, String accountId) { }

    /**
     * What a change was done to.
     *
     * @param kind such as {@code metric}, {@code application}, {@code webhook_endpoint}
     * @param id its id or key
     */
    public record Target(String kind, String id) { }
}
