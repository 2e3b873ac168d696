package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.accounts.AccountService;
import dev.ludus.accounts.Invitation;
import dev.ludus.accounts.Role;
import dev.ludus.audit.Actor;
import dev.ludus.store.Database;
import dev.ludus.testing.TestLudus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An account's own page: signing in with the password chosen from the set-up link, and changing it. */
class OwnAccountTest {

    static final String PASSWORD = "correct horse battery";

    TestLudus ludus;
    Database store;
    AccountService accounts;

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        store = ludus.store().open();
        // an operator role names no tenant or application, so the account service needs no tenancy here
        accounts = new AccountService(store.jdbi(), null, ludus.clock());
    }

    @AfterEach
    void stop() {
        store.close();
        ludus.close();
    }

    private String invitedAndSetUp(String email) {
        Invitation invitation = accounts.invite(Actor.operator(Optional.empty()), email, "Ada", List.of(Role.operator()));
        ConsoleClient browser = new ConsoleClient(ludus);
        assertThat(browser.get("/console/setup/" + invitation.token()).body()).contains("Welcome, Ada");
        ConsoleClient.Page done = browser.post("/console/setup/" + invitation.token(), "password", PASSWORD,
                "confirm", PASSWORD);
        assertThat(done.status()).isEqualTo(303);
        assertThat(browser.get("/console/setup/" + invitation.token()).status()).as("the link works once")
                .isEqualTo(404);
        return email;
    }

    @Test
    void anInvitedAccountSetsItsPasswordOnceAndSignsInWithIt() {
        String email = invitedAndSetUp("ada@example.com");
        ConsoleClient browser = new ConsoleClient(ludus);
        assertThat(browser.signIn("ADA@example.com ", PASSWORD).status()).isEqualTo(303);
        assertThat(browser.get("/console/account").body()).contains("ada@example.com", "operator");
        assertThat(new ConsoleClient(ludus).signIn(email, "not the password").status()).isEqualTo(401);
    }

    @Test
    void aWrongCurrentPasswordIsSaidNextToItsFieldAndCountsAsAFailedSignIn() {
        String email = invitedAndSetUp("bob@example.com");
        ConsoleClient browser = new ConsoleClient(ludus);
        browser.signIn(email, PASSWORD);
        browser.get("/console/account");
        ConsoleClient.Page wrong = browser.post("/console/account/password", "current_password", "wrong one",
                "new_password", "another long password", "confirm", "another long password");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("data-error-for=\"current_password\"");
        for (int i = 0; i < 4; i++) {
            browser.post("/console/account/password", "current_password", "wrong " + i,
                    "new_password", "another long password", "confirm", "another long password");
        }
        assertThat(new ConsoleClient(ludus).signIn(email, PASSWORD).status()).as("throttled after 5 failures")
                .isEqualTo(429);
    }

    @Test
    void changingThePasswordEndsTheSessionsAndTheNewOneWorks() {
        String email = invitedAndSetUp("cy@example.com");
        ConsoleClient browser = new ConsoleClient(ludus);
        browser.signIn(email, PASSWORD);
        ConsoleClient other = new ConsoleClient(ludus);
        other.signIn(email, PASSWORD);
        browser.get("/console/account");
        ConsoleClient.Page changed = browser.post("/console/account/password", "current_password", PASSWORD,
                "new_password", "a brand new password", "confirm", "a brand new password");
        assertThat(changed.status()).isEqualTo(303);
        assertThat(other.get("/console/account").status()).as("the other session ended").isEqualTo(303);
        assertThat(new ConsoleClient(ludus).signIn(email, PASSWORD).status()).isEqualTo(401);
        assertThat(new ConsoleClient(ludus).signIn(email, "a brand new password").status()).isEqualTo(303);
    }

    @Test
    void theOperatorKeyHasNoPasswordToChange() {
        ConsoleClient browser = new ConsoleClient(ludus).signInWithOperatorKey();
        assertThat(browser.get("/console/account").body()).contains("operator key");
        assertThat(browser.post("/console/account/password", "current_password", "x", "new_password",
                "yyyyyyyyyyyyyy", "confirm", "yyyyyyyyyyyyyy").status()).isEqualTo(403);
    }
}
