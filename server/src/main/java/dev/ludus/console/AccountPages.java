package dev.ludus.console;

import dev.ludus.accounts.Account;
import dev.ludus.accounts.AccountService;
import dev.ludus.accounts.Invitation;
import dev.ludus.accounts.Role;
import dev.ludus.http.ApiException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Console accounts ({@code /console/accounts}, operators only): the list with roles, inviting an
 * account (its one-time set-up link is shown in that answer only, with its expiry), inviting again,
 * changing roles, removing an account behind its typed email. Every change goes through the account
 * service, which checks it and records it in the audit log.
 */
public final class AccountPages {

    private static final String PATH = "/console/accounts";

    private final Console console;
    private final AccountService accounts;

    public AccountPages(Console console, AccountService accounts) {
        this.console = console;
        this.accounts = accounts;
    }

    public void register(Pages routes) {
        routes.get(PATH, this::list);
        routes.post(PATH, this::invite);
        routes.get(PATH + "/{account}", this::account);
        routes.post(PATH + "/{account}/roles", this::setRoles);
        routes.post(PATH + "/{account}/reinvite", this::reinvite);
        routes.post(PATH + "/{account}/remove", this::remove);
    }

    private void list(ServerRequest request, ServerResponse response) {
        Console.requireOperator(request);
        showList(response, After.notice(request, listPage(request), Map.of("removed", "Account removed.")),
                200, Map.of("role_kind", "viewer"), Map.of());
    }

    private void invite(ServerRequest request, ServerResponse response) {
        Console.requireOperator(request);
        Form form = Form.of(request);
        Invitation invitation;
        try {
            List<Role> roles = RoleChoices.of(form.text("role_kind"), form.text("role_target")).map(List::of)
                    .orElse(List.of());
            invitation = accounts.invite(Console.actor(request), form.text("email"), form.text("display_name"), roles);
        } catch (ApiException e) {
            After.stay(response);
            showList(response, listPage(request), 422, form.values(), errors(e, "email"));
            return;
        }
        showInvitation(request, response, invitation, "Invitation for " + invitation.account().displayName());
    }

    private void account(ServerRequest request, ServerResponse response) {
        Account account = find(request);
        Page page = After.notice(request, accountPage(request, account), Map.of("roles", "Roles saved."));
        showAccount(response, page, account, 200, Map.of(), Map.of());
    }

    private void setRoles(ServerRequest request, ServerResponse response) {
        Account account = find(request);
        Form form = Form.of(request);
        try {
            List<Role> roles = new ArrayList<>();
            for (String kept : form.all("role")) {
                roles.add(RoleChoices.decode(kept));
            }
            RoleChoices.of(form.text("role_kind"), form.text("role_target")).ifPresent(roles::add);
            accounts.setRoles(Console.actor(request), account.id(), roles);
        } catch (ApiException e) {
            After.stay(response);
            showAccount(response, accountPage(request, account), account, 422, form.values(), errors(e, "roles"));
            return;
        }
        After.redirect(response, PATH + "/" + account.id(), "roles");
    }

    private void reinvite(ServerRequest request, ServerResponse response) {
        Account account = find(request);
        Invitation invitation = accounts.reinvite(Console.actor(request), account.id());
        showInvitation(request, response, invitation, "New invitation for " + account.displayName());
    }

    private void remove(ServerRequest request, ServerResponse response) {
        Account account = find(request);
        Form form = Form.of(request);
        if (!form.raw("confirm").orElse("").strip().equals(account.email())) {
            After.stay(response);
            showAccount(response, accountPage(request, account), account, 422, form.values(), Map.of("confirm",
                    "Type the account's email, exactly as shown, to remove it. Nothing was changed."));
            return;
        }
        accounts.remove(Console.actor(request), account.id());
        After.redirect(response, PATH, "removed");
    }

    /** The account of the path; operators only; 404 when there is none. */
    private Account find(ServerRequest request) {
        Console.requireOperator(request);
        String id = request.path().pathParameters().get("account");
        return accounts.find(id).orElseThrow(() -> ApiException.notFound("there is no account '" + id + "'"));
    }

    private static Page listPage(ServerRequest request) {
        return Console.page(request, "Accounts").in("accounts");
    }

    private static Page accountPage(ServerRequest request, Account account) {
        return Console.page(request, account.displayName()).in("accounts");
    }

    private void showList(ServerResponse response, Page page, int status, Map<String, String> values,
            Map<String, String> errors) {
        Directory directory = Directory.read(console.tenancy());
        console.views().render(response, status, "operator/accounts.jte", page, "accounts", accounts.list(),
                "directory", directory, "kinds", RoleChoices.KINDS, "targets", RoleChoices.targets(directory), "values", values, "errors", errors);
    }

    private void showAccount(ServerResponse response, Page page, Account account, int status,
            Map<String, String> values, Map<String, String> errors) {
        Directory directory = Directory.read(console.tenancy());
        List<RoleRow> roles = account.roles().stream()
                .map(role -> new RoleRow(RoleChoices.encode(role), directory.describe(role))).toList();
        console.views().render(response, status, "operator/account.jte", page, "account", account, "roles", roles,
                "kinds", RoleChoices.KINDS, "targets", RoleChoices.targets(directory), "values", values, "errors", errors);
    }

    /** A role of the account as its checkbox shows it: the form value and the words. */
    public record RoleRow(String value, String words) { }

    /** The set-up link, shown in this answer only. */
    private void showInvitation(ServerRequest request, ServerResponse response, Invitation invitation,
            String heading) {
        var uri = request.requestedUri();
        String link = uri.scheme() + "://" + uri.authority() + SignInRoutes.SET_UP + "/" + invitation.token();
        After.stay(response);
        console.views().render(response, 201, "operator/secrets.jte", listPage(request), "heading", heading,
                "secrets", List.of(new ShownSecret("setup-link", "Set-up link for " + invitation.account().email(), link,
                        true)),
                "notes", List.of("Send this link to " + invitation.account().displayName() + " over a channel you "
                        + "trust. It works once, until " + invitation.expiresAt() + " ("
                        + AccountService.INVITATION_LIFETIME.toHours() + " hours), to choose a password."),
                "next", PATH + "/" + invitation.account().id(), "link", true);
    }

    /** The refusal of a form by field; a conflict (an email already taken, say) goes next to {@code conflictField}. */
    private static Map<String, String> errors(ApiException refusal, String conflictField) {
        return refusal.status() == 409 ? Map.of(conflictField, refusal.detail()) : FormBody.errors(refusal);
    }
}
