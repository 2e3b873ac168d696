package dev.ludus;

import dev.ludus.audit.Actor;
import dev.ludus.auth.AuthFilter;
import dev.ludus.auth.Principal;
import dev.ludus.auth.Scope;
import dev.ludus.rules.RuleAccess;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;

/**
 * The rule routes' access by token scope: {@code read} to read rules, {@code admin} to change them (and
 * to see hidden ones). Ties {@code rules} to {@code auth} here, so that neither knows the other.
 */
record TokenRuleAccess(AuthFilter auth) implements RuleAccess {

    @Override
    public Handler reading(Handler handler) {
        return auth.require(Scope.READ, handler);
    }

    @Override
    public Handler changing(Handler handler) {
        return auth.require(Scope.ADMIN, handler);
    }

    @Override
    public Caller caller(ServerRequest request) {
        Principal principal = AuthFilter.principal(request);
        return new Caller(principal.applicationId(), principal.subject(), principal.has(Scope.ADMIN));
    }

    @Override
    public Actor actor(ServerRequest request) {
        return AuthFilter.actor(request);
    }
}
