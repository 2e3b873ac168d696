package dev.ludus.rules;

import dev.ludus.audit.Actor;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;

/**
 * Who may use the rule routes, and who is calling: the routes' only tie to authentication, given by
 * the composition root (in Ludus, token scopes: {@code read} to read rules, {@code admin} to change them).
 */
public interface RuleAccess {

    /** {@code handler}, run only for a caller who may read the application's rules. */
    Handler reading(Handler handler);

    /** {@code handler}, run only for a caller who may define and archive the application's rules. */
    Handler changing(Handler handler);

    /** The caller of a request that {@link #reading} or {@link #changing} let through. */
    Caller caller(ServerRequest request);

    /** Who makes a change through a request that {@link #changing} let through, for the audit log. */
    Actor actor(ServerRequest request);

    /**
     * The caller of a rule route.
     *
     * @param subject the user the caller acts as
     * @param admin whether the caller may change rules (and so see every rule, hidden ones too)
     */
    record Caller(String applicationId, String subject, boolean admin) { }
}
