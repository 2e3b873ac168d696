package dev.ludus.console;

import dev.ludus.accounts.AccountService;
import dev.ludus.accounts.Invitation;
import dev.ludus.accounts.Role;
import dev.ludus.audit.Actor;
import dev.ludus.auth.AuthEventLog;
import dev.ludus.auth.RevocationService;
import dev.ludus.secrets.Secrets;
import dev.ludus.store.Database;
import dev.ludus.tenancy.TenancyService;
import dev.ludus.testing.TestLudus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Console accounts for HTTP tests: invites an account with roles through the accounts service on the
 * test server's own store (as an operator would from the console), then sets its password through the
 * set-up link and signs it in, as its owner would in a browser.
 */
final class ConsoleAccounts {

    static final String PASSWORD = "correct horse battery staple";

    private ConsoleAccounts() { }

    /** A browser signed in to {@code ludus} as a new account with {@code roles}. */
    static ConsoleClient signedIn(TestLudus ludus, String email, Role... roles) {
        Invitation invitation;
        try (Database database = ludus.store().open();
                AuthEventLog feed = new AuthEventLog(database.jdbi(), ludus.clock(), Duration.ofHours(1))) {
            TenancyService tenancy = new TenancyService(database.jdbi(), feed,
                    new RevocationService(database.jdbi(), feed, ludus.clock()), new Secrets(), ludus.clock());
            invitation = new AccountService(database.jdbi(), tenancy, ludus.clock())
                    .invite(Actor.operator(Optional.empty()), email, email, List.of(roles));
        }
        ConsoleClient browser = new ConsoleClient(ludus);
        browser.get("/console/setup/" + invitation.token());
        ConsoleClient.Page accepted = browser.post("/console/setup/" + invitation.token(), "password", PASSWORD,
                "confirm", PASSWORD);
        if (accepted.status() != 303) {
            throw new AssertionError("setting up " + email + " answered " + accepted.status() + ": " + accepted.body());
        }
        browser.follow(accepted.location());
        return browser;
    }
}
