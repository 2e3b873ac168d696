/**
 * The audit log: who changed what by hand, when and from where. {@link dev.ludus.audit.Actor} says
 * who acts (an API principal, the operator key, a console account), {@link dev.ludus.audit.AuditLog}
 * appends an entry in the caller's transaction and reads pages of them. It stands on nothing of Ludus
 * but the paging of {@code http}, so that every service, the rules' included, may record.
 */
package dev.ludus.audit;
