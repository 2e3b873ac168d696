package dev.ludus.console;

import dev.ludus.accounts.AccountService;
import dev.ludus.auth.RevocationService;
import dev.ludus.auth.SigningKeys;
import dev.ludus.http.Json;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The operator's pages, registered together: tenants and applications, an application's settings,
 * secrets, ECDSA keys and revocations, the signing keys, and the accounts.
 */
public final class OperatorPages {

    private final TenantPages tenants;
    private final List<Consumer<Pages>> pages;

    public OperatorPages(Console console, Json json, RevocationService revocations, SigningKeys signingKeys,
            AccountService accounts, Clock clock) {
        this.tenants = new TenantPages(console, json);
        this.pages = List.of(
                tenants::register,
                new SettingsPages(console, json)::register,
                new CredentialPages(console, json)::register,
                new EcdsaKeyPages(console, json)::register,
                new RevocationPages(console, revocations, json)::register,
                new SigningKeyPages(signingKeys, console.views(), clock)::register,
                new AccountPages(console, accounts)::register);
    }

    public void register(Pages routes) {
        pages.forEach(page -> page.accept(routes));
    }

    /** An operator's first page: the tenants. */
    public void home(ServerRequest request, ServerResponse response) {
        tenants.list(request, response);
    }
}
