package dev.ludus.auth;

import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * Revokes application tokens: one by {@code jti}, every token of a subject issued so far, or every
 * token of the application issued so far. Each revocation is durable (the auth change feed) and in
 * force on this node when the call returns, on other nodes within one poll of the feed.
 *
 * <p>"Issued so far" is second-granular, as {@code iat} is: a watermark set at 12:00:00.400 also
 * refuses a token issued at 12:00:00.900. Mint replacement tokens a second later.
 */
public final class RevocationService {

    private final Jdbi jdbi;
    private final AuthEventLog feed;
    private final Clock clock;

    public RevocationService(Jdbi jdbi, AuthEventLog feed, Clock clock) {
        this.jdbi = jdbi;
        this.feed = feed;
        this.clock = clock;
    }

    /** Revokes the token {@code jti} of the application until {@code expiresAt} (epoch seconds). */
    public void revokeToken(String applicationId, String jti, long expiresAt) {
        record(new AuthEvent.TokenRevoked(applicationId, jti, expiresAt));
    }

    /** Revokes every token of {@code subject} issued up to now; returns the new watermark. */
    public long revokeSubject(String applicationId, String subject) {
        long notBefore = watermark();
        record(new AuthEvent.SubjectRevoked(applicationId, subject, notBefore));
        return notBefore;
    }

    /** Revokes every token of the application issued up to now; returns the new watermark. */
    public long revokeAll(String applicationId) {
        long notBefore = watermark();
        record(new AuthEvent.AllRevoked(applicationId, notBefore));
        return notBefore;
    }

    private long watermark() {
        return clock.instant().getEpochSecond() + 1;
    }

    private void record(AuthEvent event) {
        jdbi.useTransaction(handle -> feed.append(handle, event));
        feed.poll();
    }
}
