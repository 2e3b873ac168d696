package dev.ludus.accounts;

/**
 * A session just signed in, with its token: the cookie's value, handed out this once (the store
 * keeps only its SHA-256).
 *
 * @param session the session
 * @param token the raw token
 */
public record StartedSession(Session session, String token) {

    @Override
    public String toString() {
        return "StartedSession[session=" + session + ", token=(hidden)]";
    }
}
