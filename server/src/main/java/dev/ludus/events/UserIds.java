package dev.ludus.events;

import dev.ludus.auth.AuthException;
import dev.ludus.auth.Principal;
import dev.ludus.auth.Scope;
import dev.ludus.http.ApiException;

/** User ids in paths and bodies: {@code me} stands for the token's subject; acting for others needs a users scope. */
public final class UserIds {

    public static final int MAX_LENGTH = 255;

    private UserIds() { }

    /**
     * The user id {@code raw} names, after checking that {@code principal} may act for that user:
     * its own subject needs {@code read}/{@code write}, anyone else {@code users:read}/{@code users:write}.
     */
    public static String resolve(String raw, Principal principal, String field, boolean write) {
        return checked(raw, principal, field, write);
    }

    /** The user the request path's {@code {id}} names: {@link #resolve} with the request's principal. */
    public static String ofPath(io.helidon.webserver.http.ServerRequest request, boolean write) {
        return checked(request.path().pathParameters().get("id"), dev.ludus.auth.AuthFilter.principal(request), "id",
                write);
    }

    private static String checked(String raw, Principal principal, String field, boolean write) {
        String userId = raw.equals("me") ? principal.subject() : raw;
        if (userId.isEmpty() || userId.length() > MAX_LENGTH || userId.chars().anyMatch(Character::isISOControl)
                || userId.indexOf('/') >= 0) {
            throw ApiException.invalidField(field, "a user id has 1 to " + MAX_LENGTH
                    + " characters, no control characters and no '/' (it must be usable in a path)");
        }
        if (!userId.equals(principal.subject())) {
            Scope required = write ? Scope.USERS_WRITE : Scope.USERS_READ;
            if (!principal.has(required)) {
                throw AuthException.otherUser(required, field);
            }
        }
        return userId;
    }
}
