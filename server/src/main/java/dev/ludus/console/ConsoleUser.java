package dev.ludus.console;

import dev.ludus.accounts.Account;
import dev.ludus.accounts.Role;
import dev.ludus.accounts.Session;
import dev.ludus.audit.Actor;
import dev.ludus.tenancy.Application;
import java.util.Optional;

/**
 * Who is signed in to the console: an account, or (no account) the holder of the operator key, the
 * built-in operator. Says what they may see and change.
 *
 * @param session the session the request came with
 * @param account the account; empty for the operator key
 */
public record ConsoleUser(Session session, Optional<Account> account) {

    /** The name shown in the console's header. */
    public String name() {
        return account.map(Account::displayName).orElse("Operator (operator key)");
    }

    /** True for the operator key and for accounts with the {@code operator} role: the whole server. */
    public boolean operator() {
        return account.isEmpty() || account.get().roles().stream().anyMatch(role -> role.kind() == Role.Kind.OPERATOR);
    }

    /** True when the user may see the application: an operator, or any role on it or its tenant. */
    public boolean canView(Application application) {
        return operator() || account.get().roles().stream().anyMatch(role -> covers(role, application));
    }

    /** True when the user may change the application: an operator, or {@code admin} of it or its tenant. */
    public boolean canChange(Application application) {
        return operator() || account.get().roles().stream()
                .anyMatch(role -> role.kind() == Role.Kind.ADMIN && covers(role, application));
    }

    /** True when the user may see the tenant's page: an operator, or a role on the tenant itself. */
    public boolean canViewTenant(String tenantId) {
        return operator() || account.get().roles().stream()
                .anyMatch(role -> role.tenantId().filter(tenantId::equals).isPresent());
    }

    /** Who makes a change through the console, for the audit log. */
    public Actor actor(Optional<String> address) {
        return account.map(a -> Actor.account(a.id(), a.email(), address)).orElseGet(() -> Actor.operator(address));
    }

    private static boolean covers(Role role, Application application) {
        return role.applicationId().filter(application.id()::equals).isPresent()
                || role.tenantId().filter(application.tenantId()::equals).isPresent();
    }
}
