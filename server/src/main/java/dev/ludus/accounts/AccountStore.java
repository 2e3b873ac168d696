package dev.ludus.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The SQL of accounts, their roles and invitations. Every method runs on the caller's handle. */
final class AccountStore {

    /** An account as stored: with its password hash, which never leaves this package. */
    record StoredAccount(Account account, Optional<String> passwordHash) {

        StoredAccount withRoles(List<Role> roles) {
            return new StoredAccount(new Account(account.id(), account.email(), account.displayName(),
                    account.createdAt(), account.active(), roles), passwordHash);
        }
    }

    /** An invitation as stored: whose it is, until when, and whether it was used. */
    record StoredInvitation(String accountId, Instant expiresAt, Optional<Instant> usedAt) {

        boolean usableAt(Instant now) {
            return usedAt.isEmpty() && now.isBefore(expiresAt);
        }
    }

    /** Inserts a new account, not active; false when an account has this email already. */
    boolean insertAccount(Handle handle, String id, String email, String displayName, Instant createdAt) {
        return handle.createUpdate("""
                INSERT INTO console_accounts (id, email, display_name, created_at)
                VALUES (:id, :email, :display_name, :created_at)
                ON CONFLICT (email) DO NOTHING""")
                .bind("id", id)
                .bind("email", email)
                .bind("display_name", displayName)
                .bind("created_at", createdAt.toEpochMilli())
                .execute() == 1;
    }

    void replaceRoles(Handle handle, String accountId, List<Role> roles) {
        handle.execute("DELETE FROM console_account_roles WHERE account_id = ?", accountId);
        for (int position = 0; position < roles.size(); position++) {
            Role role = roles.get(position);
            handle.createUpdate("""
                    INSERT INTO console_account_roles (account_id, position, kind, tenant_id, application_id)
                    VALUES (:account_id, :position, :kind, :tenant_id, :application_id)""")
                    .bind("account_id", accountId)
                    .bind("position", position)
                    .bind("kind", role.kind().wireName())
                    .bind("tenant_id", role.tenantId().orElse(null))
                    .bind("application_id", role.applicationId().orElse(null))
                    .execute();
        }
    }

    Optional<StoredAccount> find(Handle handle, String id) {
        return handle.createQuery("SELECT * FROM console_accounts WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> stored(rs, List.of()))
                .findOne()
                .map(found -> found.withRoles(roles(handle, id)));
    }

    Optional<StoredAccount> findByEmail(Handle handle, String email) {
        Optional<String> id = handle.createQuery("SELECT id FROM console_accounts WHERE email = :email")
                .bind("email", email)
                .mapTo(String.class)
                .findOne();
        return id.flatMap(found -> find(handle, found));
    }

    /** Every account, by email. */
    List<Account> list(Handle handle) {
        Map<String, List<Role>> roles = new HashMap<>();
        handle.createQuery("SELECT * FROM console_account_roles ORDER BY account_id, position")
                .map((rs, ctx) -> Map.entry(rs.getString("account_id"), role(rs)))
                .forEach(entry -> roles.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue()));
        return handle.createQuery("SELECT * FROM console_accounts ORDER BY email")
                .map((rs, ctx) -> stored(rs, roles.getOrDefault(rs.getString("id"), List.of())).account())
                .list();
    }

    boolean deleteAccount(Handle handle, String id) {
        handle.execute("DELETE FROM console_account_roles WHERE account_id = ?", id);
        handle.execute("DELETE FROM console_invitations WHERE account_id = ?", id);
        return handle.execute("DELETE FROM console_accounts WHERE id = ?", id) == 1;
    }

    /** Ends every session of the account; how many there were. */
    int deleteSessions(Handle handle, String accountId) {
        return handle.execute("DELETE FROM console_sessions WHERE account_id = ?", accountId);
    }

    /**
     * Sets the password hash (and marks the account active) when the stored hash is still
     * {@code expected} (empty: none yet); false when it changed meanwhile or the account is gone.
     */
    boolean setPassword(Handle handle, String accountId, Optional<String> expected, String passwordHash, Instant now) {
        String unchanged = expected.isPresent() ? "password_hash = :expected" : "password_hash IS NULL";
        return handle.createUpdate("UPDATE console_accounts SET password_hash = :hash,"
                + " activated_at = COALESCE(activated_at, :now) WHERE id = :id AND " + unchanged)
                .bind("hash", passwordHash)
                .bind("now", now.toEpochMilli())
                .bind("id", accountId)
                .bind("expected", expected.orElse(null))
                .execute() == 1;
    }

    void insertInvitation(Handle handle, String tokenHash, String accountId, Instant createdAt, Instant expiresAt) {
        handle.createUpdate("""
                INSERT INTO console_invitations (token_hash, account_id, created_at, expires_at)
                VALUES (:token_hash, :account_id, :created_at, :expires_at)""")
                .bind("token_hash", tokenHash)
                .bind("account_id", accountId)
                .bind("created_at", createdAt.toEpochMilli())
                .bind("expires_at", expiresAt.toEpochMilli())
                .execute();
    }

    /** Ends every unused invitation of the account that has not expired yet, from {@code now}. */
    void expireInvitations(Handle handle, String accountId, Instant now) {
        handle.createUpdate("""
                UPDATE console_invitations SET expires_at = :now
                WHERE account_id = :account_id AND used_at IS NULL AND expires_at > :now""")
                .bind("now", now.toEpochMilli())
                .bind("account_id", accountId)
                .execute();
    }

    Optional<StoredInvitation> invitation(Handle handle, String tokenHash) {
        return handle.createQuery("SELECT account_id, expires_at, used_at FROM console_invitations WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> {
                    long usedAt = rs.getLong("used_at");
                    Optional<Instant> used = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(usedAt));
                    return new StoredInvitation(rs.getString("account_id"), Instant.ofEpochMilli(rs.getLong("expires_at")),
                            used);
                })
                .findOne();
    }

    /** Marks the invitation used, if it still is usable at {@code now}; false when it is not. */
    boolean useInvitation(Handle handle, String tokenHash, Instant now) {
        return handle.createUpdate("""
                UPDATE console_invitations SET used_at = :now
                WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now""")
                .bind("now", now.toEpochMilli())
                .bind("hash", tokenHash)
                .execute() == 1;
    }

    private List<Role> roles(Handle handle, String accountId) {
        return handle.createQuery("SELECT * FROM console_account_roles WHERE account_id = :id ORDER BY position")
                .bind("id", accountId)
                .map((rs, ctx) -> role(rs))
                .list();
    }

    private static Role role(ResultSet rs) throws SQLException {
        return new Role(Role.Kind.of(rs.getString("kind")), Optional.ofNullable(rs.getString("tenant_id")),
                Optional.ofNullable(rs.getString("application_id")));
    }

    private static StoredAccount stored(ResultSet rs, List<Role> roles) throws SQLException {
        rs.getLong("activated_at");
        boolean active = !rs.wasNull();
        return new StoredAccount(new Account(rs.getString("id"), rs.getString("email"), rs.getString("display_name"),
                Instant.ofEpochMilli(rs.getLong("created_at")), active, roles),
                Optional.ofNullable(rs.getString("password_hash")));
    }
}
