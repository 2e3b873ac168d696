package dev.ludus.console;

import dev.ludus.accounts.Account;
import dev.ludus.accounts.AccountService;
import dev.ludus.accounts.SignInThrottle;
import dev.ludus.http.ApiException;
import dev.ludus.http.RequestInfo;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signed-in account's own page: who it is, its roles, and changing its password (which ends every
 * session of the account, so this browser signs in again). A wrong current password counts as a
 * failed sign-in, so a stolen session cannot be used to guess the password.
 */
public final class OwnAccountRoutes {

    static final String PATH = "/console/account";

    private final AccountService accounts;
    private final SignInThrottle throttle;
    private final Views views;

    public OwnAccountRoutes(AccountService accounts, SignInThrottle throttle, Views views) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.views = views;
    }

    public void register(Pages routes) {
        routes.get(PATH, (req, res) -> show(req, res, 200, Map.of(), Console.page(req, "Your account")));
        routes.post(PATH + "/password", this::changePassword);
    }

    private void show(ServerRequest request, ServerResponse response, int status, Map<String, String> errors,
            Page page) {
        views.render(response, status, "account.jte", page.in("account"), "errors", errors);
    }

    private void changePassword(ServerRequest request, ServerResponse response) {
        ConsoleUser user = Console.user(request);
        Account account = user.account().orElseThrow(() -> ConsoleFilter.forbidden(
                "the operator key has no password to change; set LUDUS_ADMIN_KEY or replace admin.key"));
        Form form = Form.of(request);
        Map<String, String> errors = new LinkedHashMap<>();
        String next = form.raw("new_password").orElse("");
        if (!next.equals(form.raw("confirm").orElse(""))) {
            errors.put("confirm", "The two new passwords differ.");
        } else {
            var blocked = throttle.blocked(account.email(), RequestInfo.remoteAddress(request));
            if (blocked.isPresent()) {
                throw ApiException.rateLimited(Math.max(1, blocked.get().toSeconds()));
            }
            try {
                accounts.changePassword(Console.actor(request), account.id(), form.raw("current_password").orElse(""),
                        next);
                Cookies.clear(request, response, Cookies.SESSION);
                Console.redirect(response, SignInRoutes.SIGN_IN + "?changed=1");
                return;
            } catch (ApiException e) {
                if (e.status() != 400) {
                    throw e;
                }
                String field = String.valueOf(e.members().getOrDefault("field", ""));
                if (field.equals("current_password")) {
                    throttle.failed(account.email(), RequestInfo.remoteAddress(request));
                }
                errors.put(field, e.detail());
            }
        }
        show(request, response, 422, errors, Console.page(request, "Your account"));
    }
}
