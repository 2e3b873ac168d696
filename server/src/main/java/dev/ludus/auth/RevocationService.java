package dev.ludus.auth;

import dev.ludus.audit.Actor;
import dev.ludus.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Revokes tokens of an application, of either kind: one by {@code jti}, every token of a subject
 * (a user, or the client id of server tokens) issued so far, or every token of the application
 * issued so far. Each revocation is durable (the auth change feed) and in force on this node when
 * the call returns, on other nodes within one poll of the feed. The current server tokens it covers
 * are forgotten in the same transaction, so {@code /v1/auth_token} never hands a revoked token out.
 *
 * <p>"Issued so far" is second-granular, as {@code iat} is: a watermark set at 12:00:00.400 also
 * refuses a token issued at 12:00:00.900. Mint replacement tokens a second later.
 *
 * <p>The methods that take an {@link Actor} are revocations by hand ({@code POST /v1/auth/revocations}):
 * they are recorded in the audit log in the revocation's transaction. A client revoking its own token
 * (RFC 7009, {@code DELETE /v1/auth_token}) is not.
 */
public final class RevocationService {

    /** The longest subject or token id ({@code jti}) a revocation by hand names. */
    public static final int MAX_ID_LENGTH = 256;

    private final Jdbi jdbi;
    private final AuthEventLog feed;
    private final Clock clock;
    private final AuditLog audit = new AuditLog();

    public RevocationService(Jdbi jdbi, AuthEventLog feed, Clock clock) {
        this.jdbi = jdbi;
        this.feed = feed;
        this.clock = clock;
    }

    /** Revokes the token {@code jti} of the application until {@code expiresAt} (epoch seconds). */
    public void revokeToken(String applicationId, String jti, long expiresAt) {
        record(new AuthEvent.TokenRevoked(applicationId, jti, expiresAt), forget(applicationId, "jti", jti),
                Optional.empty());
    }

    /** {@link #revokeToken(String, String, long)} by hand, recorded in the audit log as {@code token.revoked}. */
    public void revokeToken(Actor actor, String applicationId, String jti, long expiresAt) {
        record(new AuthEvent.TokenRevoked(applicationId, jti, expiresAt), forget(applicationId, "jti", jti),
                Optional.of(new Audited(actor, AuditLog.Change.ofApplication(applicationId, "token.revoked", "token",
                        jti, "revoked the token with jti '" + jti + "'"))));
    }

    /**
     * Revokes the token {@code jti} of the application by hand, knowing only its id: for as long as
     * any token of the application may live from now. Returns that end (epoch seconds).
     */
    public long revokeTokenId(Actor actor, String applicationId, String jti) {
        long until = clock.instant().getEpochSecond() + ApplicationLimits.MAX_TOKEN_LIFETIME_SECONDS;
        revokeToken(actor, applicationId, jti, until);
        return until;
    }

    /** Invalidates a client's server token: refused from now on, and never handed out again. */
    public void invalidateAuthToken(String applicationId, String jti, long expiresAt) {
        record(new AuthEvent.TokenRevoked(applicationId, jti, expiresAt), forget(applicationId, "jti", jti),
                Optional.empty());
    }

    /** Revokes every token of {@code subject} issued up to now; returns the new watermark. */
    public long revokeSubject(String applicationId, String subject) {
        long notBefore = watermark();
        record(new AuthEvent.SubjectRevoked(applicationId, subject, notBefore),
                forget(applicationId, "client_id", subject), Optional.empty());
        return notBefore;
    }

    /** {@link #revokeSubject(String, String)} by hand, recorded in the audit log as {@code subject.revoked}. */
    public long revokeSubject(Actor actor, String applicationId, String subject) {
        long notBefore = watermark();
        record(new AuthEvent.SubjectRevoked(applicationId, subject, notBefore),
                forget(applicationId, "client_id", subject),
                Optional.of(new Audited(actor, AuditLog.Change.ofApplication(applicationId, "subject.revoked",
                        "subject", subject, "revoked every token of subject '" + subject + "' issued before "
                                + Instant.ofEpochSecond(notBefore)))));
        return notBefore;
    }

    /**
     * Revokes every token of {@code subject} issued up to now inside the caller's transaction (used
     * by an emergency client secret refresh); the caller polls the feed after its commit.
     */
    public void revokeSubject(Handle handle, String applicationId, String subject) {
        forget(applicationId, "client_id", subject).accept(handle);
        feed.append(handle, new AuthEvent.SubjectRevoked(applicationId, subject, watermark()));
    }

    /**
     * Revokes every token of the application issued up to now, by hand; returns the new watermark.
     * Recorded in the audit log as {@code application.tokens_revoked}.
     */
    public long revokeAll(Actor actor, String applicationId) {
        long notBefore = watermark();
        record(new AuthEvent.AllRevoked(applicationId, notBefore), forget(applicationId, "application_id", applicationId),
                Optional.of(new Audited(actor, AuditLog.Change.ofApplication(applicationId,
                        "application.tokens_revoked", "application", applicationId,
                        "revoked every token of the application issued before " + Instant.ofEpochSecond(notBefore)))));
        return notBefore;
    }

    private long watermark() {
        return clock.instant().getEpochSecond() + 1;
    }

    /** Deletes the application's current server tokens whose {@code column} is {@code value}. */
    private static Consumer<Handle> forget(String applicationId, String column, String value) {
        return handle -> handle.createUpdate("DELETE FROM auth_tokens WHERE application_id = :application_id AND "
                        + column + " = :value")
                .bind("application_id", applicationId)
                .bind("value", value)
                .execute();
    }

    /** A revocation by hand: who made it, and the audit log's entry. */
    private record Audited(Actor actor, AuditLog.Change change) { }

    private void record(AuthEvent event, Consumer<Handle> forget, Optional<Audited> audited) {
        jdbi.useTransaction(handle -> {
            forget.accept(handle);
            feed.append(handle, event);
            audited.ifPresent(entry -> audit.record(handle, clock.instant(), entry.actor(), entry.change()));
        });
        feed.poll();
    }
}
