package dev.ludus.accounts;

import static dev.ludus.accounts.AccountsFixture.OPERATOR;
import static dev.ludus.accounts.AccountsFixture.field;
import static dev.ludus.accounts.AccountsFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.http.ApiException;
import dev.ludus.secrets.Secrets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An invitation's life: made with the account, shown once, stored hashed, used once, dead after 72 h or a reinvitation. */
class InvitationTest {

    private static final String PASSWORD = "a long enough password";

    private final AccountsFixture fixture = new AccountsFixture();
    private final AccountService accounts = fixture.accounts;

    @AfterEach
    void close() {
        fixture.close();
    }

    private Invitation inviteAlice() {
        return accounts.invite(OPERATOR, "alice@example.com", "Alice", List.of(Role.operator()));
    }

    @Test
    void inviteMakesAnInactiveAccountAndALinkValidFor72Hours() {
        Invitation invitation = accounts.invite(OPERATOR, "  Alice@Example.COM ", " Alice Liddell ",
                List.of(Role.operator()));

        Account account = invitation.account();
        assertThat(account.id()).matches("acc_[0-9a-z]{20}");
        assertThat(account.email()).isEqualTo("alice@example.com");
        assertThat(account.displayName()).isEqualTo("Alice Liddell");
        assertThat(account.active()).isFalse();
        assertThat(account.roles()).containsExactly(Role.operator());
        assertThat(account.createdAt()).isEqualTo(fixture.clock.instant());
        assertThat(invitation.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(invitation.expiresAt()).isEqualTo(fixture.clock.instant().plus(Duration.ofHours(72)));
        assertThat(accounts.invitation(invitation.token())).contains(account);
        assertThat(accounts.find(account.id())).contains(account);
        assertThat(invitation.toString()).doesNotContain(invitation.token());
    }

    @Test
    void theTokenIsStoredOnlyAsItsSha256() {
        Invitation invitation = inviteAlice();

        assertThat(fixture.count("SELECT COUNT(*) FROM console_invitations WHERE token_hash = ?",
                Secrets.sha256Hex(invitation.token()))).isEqualTo(1);
        assertThat(fixture.count("SELECT COUNT(*) FROM console_invitations WHERE token_hash = ? OR account_id = ?",
                invitation.token(), invitation.token())).isZero();
    }

    @Test
    void acceptingSetsThePasswordAndUsesTheLinkUp() {
        Invitation invitation = inviteAlice();

        Account accepted = accounts.acceptInvitation(invitation.token(), PASSWORD);

        assertThat(accepted.active()).isTrue();
        assertThat(accepted.id()).isEqualTo(invitation.account().id());
        assertThat(accounts.invitation(invitation.token())).isEmpty();
        ApiException again = refused(() -> accounts.acceptInvitation(invitation.token(), "another long password"));
        assertThat(again.status()).isEqualTo(410);
        assertThat(accounts.authenticate("alice@example.com", PASSWORD)).isPresent();
        assertThat(accounts.authenticate("alice@example.com", "another long password")).isEmpty();
    }

    @Test
    void theLinkExpiresAfter72Hours() {
        Invitation invitation = inviteAlice();

        fixture.clock.advance(Duration.ofHours(72).minusMillis(1));
        assertThat(accounts.invitation(invitation.token())).isPresent();

        fixture.clock.advance(Duration.ofMillis(1));
        assertThat(accounts.invitation(invitation.token())).isEmpty();
        assertThat(refused(() -> accounts.acceptInvitation(invitation.token(), PASSWORD)).status()).isEqualTo(410);
        assertThat(accounts.find(invitation.account().id()).orElseThrow().active()).isFalse();
    }

    @Test
    void aReinvitationKillsTheEarlierLink() {
        Invitation first = inviteAlice();
        fixture.clock.advance(Duration.ofHours(1));

        Invitation second = accounts.reinvite(OPERATOR, first.account().id());

        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(second.expiresAt()).isEqualTo(fixture.clock.instant().plus(AccountService.INVITATION_LIFETIME));
        assertThat(accounts.invitation(first.token())).isEmpty();
        assertThat(refused(() -> accounts.acceptInvitation(first.token(), PASSWORD)).status()).isEqualTo(410);
        assertThat(accounts.acceptInvitation(second.token(), PASSWORD).active()).isTrue();
    }

    @Test
    void anActiveAccountCannotBeReinvited() {
        Invitation invitation = inviteAlice();
        accounts.acceptInvitation(invitation.token(), PASSWORD);

        ApiException refusal = refused(() -> accounts.reinvite(OPERATOR, invitation.account().id()));

        assertThat(refusal.status()).isEqualTo(409);
        assertThat(refused(() -> accounts.reinvite(OPERATOR, "acc_nope")).status()).isEqualTo(404);
    }

    @Test
    void aTokenNeverIssuedIs404() {
        inviteAlice();

        assertThat(refused(() -> accounts.acceptInvitation(new Secrets().secret(""), PASSWORD)).status()).isEqualTo(404);
        assertThat(refused(() -> accounts.acceptInvitation("", PASSWORD)).status()).isEqualTo(404);
        assertThat(refused(() -> accounts.acceptInvitation(null, PASSWORD)).status()).isEqualTo(404);
        assertThat(accounts.invitation("x".repeat(10_000))).isEmpty();
    }

    @Test
    void aWeakPasswordIsRefusedAndLeavesTheLinkUsable() {
        Invitation invitation = inviteAlice();

        ApiException tooShort = refused(() -> accounts.acceptInvitation(invitation.token(), "elevenchars"));
        ApiException tooLong = refused(() -> accounts.acceptInvitation(invitation.token(), "x".repeat(1025)));
        ApiException none = refused(() -> accounts.acceptInvitation(invitation.token(), null));

        assertThat(List.of(tooShort, tooLong, none)).allSatisfy(refusal -> {
            assertThat(refusal.status()).isEqualTo(400);
            assertThat(field(refusal)).isEqualTo("password");
        });
        assertThat(accounts.invitation(invitation.token())).isPresent();
        assertThat(accounts.acceptInvitation(invitation.token(), "twelve chars").active()).isTrue();
    }

    @Test
    void anEmailHasOneAccountWhateverItsCase() {
        inviteAlice();

        ApiException refusal = refused(() -> accounts.invite(OPERATOR, " ALICE@example.com", "Other", List.of()));

        assertThat(refusal.status()).isEqualTo(409);
        assertThat(accounts.list()).hasSize(1);
    }

    @Test
    void aBadEmailOrNameIsRefusedNamingTheField() {
        for (String email : new String[] {"alice", "alice@", "@example.com", "al ice@example.com", "a@b@c", "",
                "a".repeat(250) + "@b.cd", "alice\u0000@example.com"}) {
            ApiException refusal = refused(() -> accounts.invite(OPERATOR, email, "Alice", List.of()));
            assertThat(refusal.status()).as(email).isEqualTo(400);
            assertThat(field(refusal)).as(email).isEqualTo("email");
        }
        for (String name : new String[] {"", "   ", "x".repeat(201), "tab\tname"}) {
            ApiException refusal = refused(() -> accounts.invite(OPERATOR, "alice@example.com", name, List.of()));
            assertThat(refusal.status()).as(name).isEqualTo(400);
            assertThat(field(refusal)).as(name).isEqualTo("display_name");
        }
        assertThat(accounts.list()).isEmpty();
        assertThat(accounts.invite(OPERATOR, "root@localhost", "Root", List.of()).account().email())
                .isEqualTo("root@localhost");
    }
}
