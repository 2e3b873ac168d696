package dev.ludus.accounts;

import dev.ludus.secrets.Secrets;
import java.time.Instant;
import java.util.Optional;

/**
 * A console session, as found by its token. Holds no token of its own: {@link #id} names it (in
 * lists, in logs), the cookie's token only reaches the store as its SHA-256.
 *
 * @param id its id, {@code ses_...}; not the token
 * @param accountId the account signed in; empty for the operator key
 * @param csrfToken the token every form of the session carries back: derived from the session's own
 *     token (HMAC-SHA256), so it is stored nowhere, and useless without the cookie
 * @param createdAt when it was signed in
 * @param lastSeenAt when it was last used, to the minute ({@link SessionService#TOUCH})
 * @param expiresAt when it ends whatever its use ({@link SessionService#ABSOLUTE} after it began)
 */
public record Session(String id, Optional<String> accountId, String csrfToken, Instant createdAt, Instant lastSeenAt,
        Instant expiresAt) {

    /** Whether {@code presented} is this session's CSRF token, compared in constant time; false for null. */
    public boolean csrfMatches(String presented) {
        return presented != null && Secrets.constantTimeEquals(presented, csrfToken);
    }

    /** Whether it was signed in with the operator key rather than an account. */
    public boolean operatorKey() {
        return accountId.isEmpty();
    }

    @Override
    public String toString() {
        return "Session[id=" + id + ", accountId=" + accountId + ", csrfToken=(hidden), createdAt=" + createdAt
                + ", lastSeenAt=" + lastSeenAt + ", expiresAt=" + expiresAt + "]";
    }
}
