package dev.ludus.console;

import dev.ludus.accounts.Role;
import dev.ludus.http.ApiException;
import dev.ludus.tenancy.Application;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Roles in the account forms: a role is written {@code operator}, {@code admin:tenant:<id>} or
 * {@code viewer:application:<id>} (the value of a kept role's checkbox), and a new one is chosen with
 * two selects, its kind and its tenant or application. A value that is not a role is refused with 400
 * naming {@code roles}, the field the account service names too.
 */
final class RoleChoices {

    /** The kinds a new role may have; the empty one adds none. */
    static final Map<String, String> KINDS = CredentialPages.ordered("", "(no new role)", "viewer",
            "viewer: sees, changes nothing", "admin", "admin: sees and changes", "operator",
            "operator: the whole server (then no tenant or application)");

    private RoleChoices() {
    }

    /** The role as a form value. */
    static String encode(Role role) {
        String kind = role.kind().name().toLowerCase(Locale.ROOT);
        return role.tenantId().map(id -> kind + ":tenant:" + id)
                .or(() -> role.applicationId().map(id -> kind + ":application:" + id))
                .orElse(kind);
    }

    /** The role of a form value. */
    static Role decode(String value) {
        String[] parts = value.split(":", 2);
        return of(parts[0], parts.length == 2 ? parts[1] : "").orElseThrow(() -> invalid("choose a kind of role"));
    }

    /**
     * The role made of a kind ({@code operator}, {@code admin}, {@code viewer}; empty: none) and a target
     * ({@code tenant:<id>} or {@code application:<id>}; ignored for an operator).
     */
    static Optional<Role> of(String kind, String target) {
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        Role.Kind parsed = switch (kind) {
            case "operator" -> Role.Kind.OPERATOR;
            case "admin" -> Role.Kind.ADMIN;
            case "viewer" -> Role.Kind.VIEWER;
            default -> throw invalid("there is no role '" + kind + "': operator, admin or viewer");
        };
        if (parsed == Role.Kind.OPERATOR) {
            return Optional.of(Role.operator());
        }
        if (target.startsWith("tenant:") && target.length() > "tenant:".length()) {
            return Optional.of(new Role(parsed, Optional.of(target.substring("tenant:".length())), Optional.empty()));
        }
        if (target.startsWith("application:") && target.length() > "application:".length()) {
            return Optional.of(new Role(parsed, Optional.empty(), Optional.of(target.substring("application:".length()))));
        }
        throw invalid("the " + kind + " role is on a tenant or an application: choose one");
    }

    /** The tenants and applications a role may be on, as select options, each tenant followed by its applications. */
    static Map<String, String> targets(Directory directory) {
        List<String> pairs = new ArrayList<>(List.of("", "(choose a tenant or an application)"));
        for (Directory.Entry entry : directory.entries()) {
            pairs.add("tenant:" + entry.tenant().id());
            pairs.add("Tenant " + entry.tenant().name() + " (all its applications)");
            for (Application app : entry.applications()) {
                pairs.add("application:" + app.id());
                pairs.add("Application " + entry.tenant().name() + " / " + app.name());
            }
        }
        return CredentialPages.ordered(pairs.toArray(String[]::new));
    }

    private static ApiException invalid(String detail) {
        return ApiException.invalidField("roles", detail);
    }
}
