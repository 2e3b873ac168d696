package dev.ludus.accounts;

import static dev.ludus.accounts.AccountsFixture.OPERATOR;
import static dev.ludus.accounts.AccountsFixture.field;
import static dev.ludus.accounts.AccountsFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.audit.Actor;
import dev.ludus.http.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Signing in with email and password, how passwords are kept, and changing one. */
class AuthenticationTest {

    private static final String PASSWORD = "correct horse battery staple";

    private final AccountsFixture fixture = new AccountsFixture();
    private final AccountService accounts = fixture.accounts;

    @AfterEach
    void close() {
        fixture.close();
    }

    private Account activeAlice() {
        Invitation invitation = accounts.invite(OPERATOR, "alice@example.com", "Alice", List.of(Role.operator()));
        return accounts.acceptInvitation(invitation.token(), PASSWORD);
    }

    @Test
    void authenticatesTheRightPasswordOnly() {
        Account alice = activeAlice();

        assertThat(accounts.authenticate("alice@example.com", PASSWORD)).contains(alice);
        assertThat(accounts.authenticate(" Alice@EXAMPLE.com ", PASSWORD)).contains(alice);
        assertThat(accounts.authenticate("alice@example.com", PASSWORD + " ")).isEmpty();
        assertThat(accounts.authenticate("alice@example.com", PASSWORD.toUpperCase())).isEmpty();
        assertThat(accounts.authenticate("alice@example.com", "")).isEmpty();
        assertThat(accounts.authenticate("alice@example.com", null)).isEmpty();
        assertThat(accounts.authenticate("alice@example.com", "x".repeat(5000))).isEmpty();
    }

    @Test
    void unknownEmailsAndInactiveAccountsNeverAuthenticate() {
        activeAlice();
        accounts.invite(OPERATOR, "bob@example.com", "Bob", List.of());

        assertThat(accounts.authenticate("carol@example.com", PASSWORD)).isEmpty();
        assertThat(accounts.authenticate("bob@example.com", PASSWORD)).isEmpty();
        assertThat(accounts.authenticate("bob@example.com", "")).isEmpty();
        assertThat(accounts.authenticate("not an email", PASSWORD)).isEmpty();
        assertThat(accounts.authenticate(null, PASSWORD)).isEmpty();
    }

    @Test
    void anUnknownEmailOrAnInactiveAccountTakesAsLongAsAWrongPassword() {
        activeAlice();
        accounts.invite(OPERATOR, "bob@example.com", "Bob", List.of());
        accounts.authenticate("alice@example.com", "warm-up only");

        long wrongPassword = workOf(() -> accounts.authenticate("alice@example.com", "not the password"));

        // a verification against the dummy hash does the same Argon2id work; without it, these would
        // answer after one indexed query or none, a hundred times sooner. Work, not time: the same
        // derivations take as long on an idle machine, and timings on a busy one tell nothing
        assertThat(wrongPassword).isEqualTo((long) Passwords.MEMORY_KIB * Passwords.ITERATIONS);
        assertThat(workOf(() -> accounts.authenticate("nobody@example.com", "not the password")))
                .isEqualTo(wrongPassword);
        assertThat(workOf(() -> accounts.authenticate("bob@example.com", "not the password"))).isEqualTo(wrongPassword);
        assertThat(workOf(() -> accounts.authenticate("nobody", "not the password"))).isEqualTo(wrongPassword);
        assertThat(workOf(() -> accounts.authenticate("alice@example.com", "x".repeat(5000)))).isEqualTo(wrongPassword);
    }

    /** The Argon2id work of one refused sign-in. */
    private long workOf(Supplier<Optional<Account>> call) {
        long before = accounts.passwordWork();
        assertThat(call.get()).isEmpty();
        return accounts.passwordWork() - before;
    }

    @Test
    void theStoreKeepsAnArgon2idHashAndNoPasswordInClear() {
        Account alice = activeAlice();

        String hash = fixture.jdbi().withHandle(handle -> handle.select(
                "SELECT password_hash FROM console_accounts WHERE id = ?", alice.id()).mapTo(String.class).one());
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        for (String table : List.of("console_accounts", "console_account_roles", "console_invitations",
                "console_sessions", "audit_log")) {
            String rows = fixture.jdbi().withHandle(handle -> handle.createQuery("SELECT * FROM " + table)
                    .mapToMap().list().toString());
            assertThat(rows).as(table).doesNotContain(PASSWORD);
        }
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsTheAccountsSessions() {
        Account alice = activeAlice();
        StartedSession browser = fixture.sessions.start(Optional.of(alice.id()), Optional.empty(), Optional.empty());
        StartedSession operatorKey = fixture.sessions.start(Optional.empty(), Optional.empty(), Optional.empty());
        Actor self = Actor.account(alice.id(), alice.email(), Optional.of("192.0.2.1"));

        ApiException wrongCurrent = refused(() -> accounts.changePassword(self, alice.id(), "not it at all",
                "a brand new password"));
        ApiException weakNext = refused(() -> accounts.changePassword(self, alice.id(), PASSWORD, "short"));

        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(field(wrongCurrent)).isEqualTo("current_password");
        assertThat(weakNext.status()).isEqualTo(400);
        assertThat(field(weakNext)).isEqualTo("new_password");
        assertThat(accounts.authenticate(alice.email(), PASSWORD)).isPresent();
        assertThat(fixture.sessions.find(browser.token())).isPresent();

        accounts.changePassword(self, alice.id(), PASSWORD, "a brand new password");

        assertThat(accounts.authenticate(alice.email(), PASSWORD)).isEmpty();
        assertThat(accounts.authenticate(alice.email(), "a brand new password")).isPresent();
        assertThat(fixture.sessions.find(browser.token())).isEmpty();
        assertThat(fixture.sessions.find(operatorKey.token())).isPresent();
        assertThat(fixture.auditEntries().getFirst().action()).isEqualTo("account.password_changed");
        assertThat(fixture.auditEntries().getFirst().summary())
                .isEqualTo("changed the password of alice@example.com; 1 session ended")
                .doesNotContain(PASSWORD);
    }

    @Test
    void anAccountWithoutAPasswordHasNoneToChange() {
        Account bob = accounts.invite(OPERATOR, "bob@example.com", "Bob", List.of()).account();

        assertThat(refused(() -> accounts.changePassword(OPERATOR, bob.id(), "", "a brand new password")).status())
                .isEqualTo(409);
        assertThat(refused(() -> accounts.changePassword(OPERATOR, "acc_nope", PASSWORD, "a brand new password"))
                .status()).isEqualTo(404);
    }
}
