package dev.ludus.accounts;

import java.time.Instant;
import java.util.List;

/**
 * A console account. Holds no password, not even its hash.
 *
 * @param id its id, {@code acc_...}
 * @param email trimmed and lower-case
 * @param displayName the name shown in the console
 * @param createdAt when it was invited
 * @param active whether it accepted its invitation (set a password); only an active account signs in
 * @param roles what it may do, in the order given
 */
public record Account(String id, String email, String displayName, Instant createdAt, boolean active, List<Role> roles) {

    public Account {
        roles = List.copyOf(roles);
    }

    /** Whether one of its roles is {@code operator}. */
    public boolean isOperator() {
        return roles.stream().anyMatch(role -> role.kind() == Role.Kind.OPERATOR);
    }
}
