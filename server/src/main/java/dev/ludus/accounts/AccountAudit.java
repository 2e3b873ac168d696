package dev.ludus.accounts;

import dev.ludus.audit.AuditLog;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The audit log's entries of account changes: server-wide changes about the target {@code account}
 * (its id). A summary names the account by its email and says what changed; never a token or a
 * password.
 */
final class AccountAudit {

    private AccountAudit() {
    }

    static AuditLog.Change invited(Account account, Instant expiresAt) {
        return change("account.invited", account, "invited " + account.email() + " ('" + account.displayName()
                + "') as " + roles(account.roles()) + "; the set-up link expires at " + expiresAt);
    }

    static AuditLog.Change reinvited(Account account, Instant expiresAt) {
        return change("account.reinvited", account, "sent " + account.email()
                + " a new set-up link, which expires at " + expiresAt + "; the previous link no longer works");
    }

    static AuditLog.Change rolesChanged(Account account, List<Role> after) {
        return change("account.roles_changed", account, "changed the roles of " + account.email() + " from "
                + roles(account.roles()) + " to " + roles(after));
    }

    static AuditLog.Change removed(Account account, int sessions) {
        return change("account.removed", account, "removed the account " + account.email() + " ("
                + roles(account.roles()) + "); " + sessions(sessions) + " ended");
    }

    static AuditLog.Change passwordChanged(Account account, int sessions) {
        return change("account.password_changed", account, "changed the password of " + account.email() + "; "
                + sessions(sessions) + " ended");
    }

    private static AuditLog.Change change(String action, Account account, String summary) {
        return AuditLog.Change.ofServer(action, "account", account.id(), summary);
    }

    private static String roles(List<Role> roles) {
        return roles.isEmpty() ? "no role" : roles.stream().map(Role::describe).collect(Collectors.joining(", "));
    }

    private static String sessions(int count) {
        return count == 1 ? "1 session" : count + " sessions";
    }
}
