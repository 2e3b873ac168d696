package dev.ludus.accounts;

import dev.ludus.audit.Actor;
import dev.ludus.audit.AuditLog;
import dev.ludus.http.ApiException;
import dev.ludus.secrets.Secrets;
import dev.ludus.tenancy.TenancyService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Console accounts: invited by an operator with their roles, set up by accepting the invitation (a
 * one-time link that expires after {@link #INVITATION_LIFETIME}) with a password, then signing in with
 * email and password. Passwords are kept as Argon2id hashes, invitation tokens as their SHA-256. Each
 * change made by hand is recorded in the audit log in its transaction. Password hashing, the slow
 * part, runs outside any transaction.
 *
 * <p>Who may call what (an operator invites, anyone changes only their own password) is the caller's
 * to decide; this service checks what is asked, not who asks.
 */
public final class AccountService {

    /** How long an invitation link works. */
    public static final Duration INVITATION_LIFETIME = Duration.ofHours(72);
    /** The fewest characters (code points) of a password. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    /** The most characters of a password. */
    public static final int MAX_PASSWORD_LENGTH = 1024;
    /** The most characters of an email. */
    public static final int MAX_EMAIL_LENGTH = 254;
    /** The most characters of a display name. */
    public static final int MAX_DISPLAY_NAME_LENGTH = 200;

    /** Longest raw token looked up; anything longer is no token of ours. */
    static final int MAX_TOKEN = 100;

    private final Jdbi jdbi;
    private final TenancyService tenancy;
    private final Clock clock;
    private final AccountStore store = new AccountStore();
    private final AuditLog audit = new AuditLog();
    private final Secrets secrets = new Secrets();
    private final Passwords passwords = new Passwords();

    /** The password hashing's work so far ({@link Passwords#work()}), for this package's tests. */
    long passwordWork() {
        return passwords.work();
    }

    public AccountService(Jdbi jdbi, TenancyService tenancy, Clock clock) {
        this.jdbi = jdbi;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /**
     * Creates an account, not active yet, and its invitation.
     *
     * @throws ApiException 400 naming {@code email}, {@code display_name} or {@code roles} (a role on a
     *     tenant or application that does not exist); 409 {@code conflict} when the email has an account
     */
    public Invitation invite(Actor actor, String email, String displayName, List<Role> roles) {
        String normalizedEmail = AccountFields.email(email);
        String name = AccountFields.displayName(displayName);
        List<Role> checked = checkedRoles(roles);
        Instant now = now();
        String token = secrets.secret("");
        Instant expiresAt = now.plus(INVITATION_LIFETIME);
        Account account = new Account(secrets.id("acc_"), normalizedEmail, name, now, false, checked);
        jdbi.useTransaction(handle -> {
            if (!store.insertAccount(handle, account.id(), normalizedEmail, name, now)) {
                throw conflict("an account with the email " + normalizedEmail + " exists already");
            }
            store.replaceRoles(handle, account.id(), checked);
            store.insertInvitation(handle, Secrets.sha256Hex(token), account.id(), now, expiresAt);
            audit.record(handle, now, actor, AccountAudit.invited(account, expiresAt));
        });
        return new Invitation(account, token, expiresAt);
    }

    /**
     * A new invitation link for an account that has not accepted one yet; every earlier link stops
     * working.
     *
     * @throws ApiException 404 for an unknown account; 409 {@code conflict} when it is active already
     */
    public Invitation reinvite(Actor actor, String accountId) {
        Instant now = now();
        String token = secrets.secret("");
        Instant expiresAt = now.plus(INVITATION_LIFETIME);
        Account account = jdbi.inTransaction(handle -> {
            Account found = store.find(handle, accountId).orElseThrow(() -> noAccount(accountId)).account();
            if (found.active()) {
                throw conflict("the account " + found.email() + " accepted its invitation already");
            }
            store.expireInvitations(handle, accountId, now);
            store.insertInvitation(handle, Secrets.sha256Hex(token), accountId, now, expiresAt);
            audit.record(handle, now, actor, AccountAudit.reinvited(found, expiresAt));
            return found;
        });
        return new Invitation(account, token, expiresAt);
    }

    /** The account an invitation token sets up, while the token is unused and unexpired. */
    public Optional<Account> invitation(String rawToken) {
        if (!plausibleToken(rawToken)) {
            return Optional.empty();
        }
        Instant now = now();
        return jdbi.withHandle(handle -> store.invitation(handle, Secrets.sha256Hex(rawToken))
                .filter(invitation -> invitation.usableAt(now))
                .flatMap(invitation -> store.find(handle, invitation.accountId()))
                .map(AccountStore.StoredAccount::account)
                .filter(account -> !account.active()));
    }

    /**
     * Sets the account's first password and makes it active; the token is used up.
     *
     * @throws ApiException 404 for a token never issued; 410 {@code gone} for one used, expired or
     *     replaced by a reinvitation; 400 naming {@code password} when it is too short or too long
     */
    public Account acceptInvitation(String rawToken, String password) {
        if (!plausibleToken(rawToken)) {
            throw unknownInvitation();
        }
        String tokenHash = Secrets.sha256Hex(rawToken);
        AccountStore.StoredInvitation invitation = jdbi.withHandle(handle -> store.invitation(handle, tokenHash))
                .orElseThrow(AccountService::unknownInvitation);
        if (!invitation.usableAt(now())) {
            throw goneInvitation();
        }
        AccountFields.password("password", password);
        String passwordHash = passwords.hash(password);
        return jdbi.inTransaction(handle -> {
            Instant now = now();
            if (!store.useInvitation(handle, tokenHash, now)
                    || !store.setPassword(handle, invitation.accountId(), Optional.empty(), passwordHash, now)) {
                throw goneInvitation();
            }
            return store.find(handle, invitation.accountId()).orElseThrow(AccountService::goneInvitation).account();
        });
    }

    /**
     * The active account with this email and password. Takes as long whether or not the account exists
     * (a password is verified against a dummy hash when there is none), so that the answer's time does
     * not tell which emails have accounts. An account that has not accepted its invitation never
     * authenticates. Counting failures is {@link SignInThrottle}'s job.
     */
    public Optional<Account> authenticate(String email, String password) {
        String presented = password == null ? "" : password;
        Optional<AccountStore.StoredAccount> found = AccountFields.normalizedEmail(email)
                .flatMap(normalized -> jdbi.withHandle(handle -> store.findByEmail(handle, normalized)))
                .filter(stored -> stored.account().active() && stored.passwordHash().isPresent());
        if (found.isEmpty() || presented.length() > MAX_PASSWORD_LENGTH) {
            passwords.verifyNothing(presented.substring(0, Math.min(presented.length(), MAX_PASSWORD_LENGTH)));
            return Optional.empty();
        }
        return passwords.verify(presented, found.get().passwordHash().orElseThrow())
                ? Optional.of(found.get().account()) : Optional.empty();
    }

    /** Every account, by email. */
    public List<Account> list() {
        return jdbi.withHandle(store::list);
    }

    public Optional<Account> find(String accountId) {
        return jdbi.withHandle(handle -> store.find(handle, accountId)).map(AccountStore.StoredAccount::account);
    }

    /**
     * Replaces the account's roles (an empty list takes them all away). Nothing is recorded when they
     * do not change.
     *
     * @throws ApiException 400 naming {@code roles}; 404 for an unknown account
     */
    public Account setRoles(Actor actor, String accountId, List<Role> roles) {
        List<Role> checked = checkedRoles(roles);
        return jdbi.inTransaction(handle -> {
            Account current = store.find(handle, accountId).orElseThrow(() -> noAccount(accountId)).account();
            if (current.roles().equals(checked)) {
                return current;
            }
            store.replaceRoles(handle, accountId, checked);
            audit.record(handle, now(), actor, AccountAudit.rolesChanged(current, checked));
            return new Account(current.id(), current.email(), current.displayName(), current.createdAt(),
                    current.active(), checked);
        });
    }

    /**
     * Removes the account, its roles, its invitations, and ends its sessions.
     *
     * @throws ApiException 404 for an unknown account
     */
    public void remove(Actor actor, String accountId) {
        jdbi.useTransaction(handle -> {
            Account current = store.find(handle, accountId).orElseThrow(() -> noAccount(accountId)).account();
            int sessions = store.deleteSessions(handle, accountId);
            store.deleteAccount(handle, accountId);
            audit.record(handle, now(), actor, AccountAudit.removed(current, sessions));
        });
    }

    /**
     * Changes an active account's password, given its current one, and ends every session of the
     * account, the caller's own included: the caller starts a new one for the browser that asked.
     *
     * @throws ApiException 400 naming {@code current_password} when it is not right, or
     *     {@code new_password} when it is too short or too long; 404 for an unknown account; 409
     *     {@code conflict} when the account is not active or its password changed meanwhile
     */
    public void changePassword(Actor actor, String accountId, String current, String next) {
        AccountStore.StoredAccount stored = jdbi.withHandle(handle -> store.find(handle, accountId))
                .orElseThrow(() -> noAccount(accountId));
        String currentHash = stored.passwordHash().filter(hash -> stored.account().active())
                .orElseThrow(() -> conflict("the account " + stored.account().email()
                        + " has not accepted its invitation: it has no password to change"));
        if (current == null || current.length() > MAX_PASSWORD_LENGTH
                || !passwords.verify(current, currentHash)) {
            throw ApiException.invalidField("current_password", "the current password is not right");
        }
        AccountFields.password("new_password", next);
        String nextHash = passwords.hash(next);
        jdbi.useTransaction(handle -> {
            Instant now = now();
            if (!store.setPassword(handle, accountId, Optional.of(currentHash), nextHash, now)) {
                throw conflict("the password of " + stored.account().email() + " changed meanwhile; try again");
            }
            int sessions = store.deleteSessions(handle, accountId);
            audit.record(handle, now, actor, AccountAudit.passwordChanged(stored.account(), sessions));
        });
    }

    /** The roles without repeats; 400 naming {@code roles} when one is on a tenant or application that does not exist. */
    private List<Role> checkedRoles(List<Role> roles) {
        List<Role> checked = AccountFields.roles(roles);
        for (Role role : checked) {
            role.tenantId().ifPresent(id -> exists(() -> tenancy.tenant(id), "no tenant '" + id + "'"));
            role.applicationId().ifPresent(id -> exists(() -> tenancy.application(id), "no application '" + id + "'"));
        }
        return checked;
    }

    private static void exists(Runnable lookUp, String detail) {
        try {
            lookUp.run();
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw ApiException.invalidField("roles", detail);
            }
            throw e;
        }
    }

    static boolean plausibleToken(String rawToken) {
        return rawToken != null && !rawToken.isEmpty() && rawToken.length() <= MAX_TOKEN;
    }

    private static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", "Conflict", detail);
    }

    private static ApiException noAccount(String accountId) {
        return ApiException.notFound("no account '" + accountId + "'");
    }

    private static ApiException unknownInvitation() {
        return ApiException.notFound("this invitation link is not valid");
    }

    private static ApiException goneInvitation() {
        return new ApiException(410, "gone", "Gone",
                "this invitation link has expired, was used already or was replaced by a newer one; ask for a new one");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
