package dev.ludus.accounts;

import dev.ludus.secrets.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Console sessions, kept in the store so that they survive a restart and hold on every node. A
 * session's token (256 random bits, the cookie's value) is stored as its SHA-256 only, and looked up
 * by it. A session ends after {@link #IDLE} without use or {@link #ABSOLUTE} after it began, whichever
 * comes first; its last use is written at most once per {@link #TOUCH}, not on every request.
 * Expired sessions are deleted when met and whenever a session starts. Stateless but for the store.
 */
public final class SessionService {

    /** A session unused for longer ends. */
    public static final Duration IDLE = Duration.ofMinutes(30);
    /** A session ends this long after it began, however much it is used. */
    public static final Duration ABSOLUTE = Duration.ofHours(12);
    /** How stale the stored last use may get before a request writes it again. */
    public static final Duration TOUCH = Duration.ofMinutes(1);

    private static final int MAX_ADDRESS = 64;
    private static final int MAX_USER_AGENT = 256;
    private static final byte[] CSRF_LABEL = "ludus console csrf".getBytes(StandardCharsets.UTF_8);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Secrets secrets = new Secrets();

    public SessionService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Starts a session for the account, or for the operator key when {@code accountId} is empty
     * (authentication is the caller's, done before). The address and user agent are kept for a list
     * of sessions, cut to 64 and 256 characters.
     */
    public StartedSession start(Optional<String> accountId, Optional<String> address, Optional<String> userAgent) {
        Instant now = now();
        String token = secrets.secret("");
        Session session = new Session(secrets.id("ses_"), accountId, csrfToken(token), now, now, now.plus(ABSOLUTE));
        jdbi.useTransaction(handle -> {
            deleteExpired(handle, now);
            handle.createUpdate("""
                    INSERT INTO console_sessions (id, token_hash, account_id, created_at, last_seen_at, expires_at,
                        address, user_agent)
                    VALUES (:id, :token_hash, :account_id, :created_at, :created_at, :expires_at, :address,
                        :user_agent)""")
                    .bind("id", session.id())
                    .bind("token_hash", Secrets.sha256Hex(token))
                    .bind("account_id", accountId.orElse(null))
                    .bind("created_at", now.toEpochMilli())
                    .bind("expires_at", session.expiresAt().toEpochMilli())
                    .bind("address", address.map(value -> cut(value, MAX_ADDRESS)).orElse(null))
                    .bind("user_agent", userAgent.map(value -> cut(value, MAX_USER_AGENT)).orElse(null))
                    .execute();
        });
        return new StartedSession(session, token);
    }

    /**
     * The live session of this token: empty when the token is unknown, the session unused for longer
     * than {@link #IDLE}, or past its absolute end. Writes its last use when the stored one is
     * {@link #TOUCH} old or older, and deletes it when found expired.
     */
    public Optional<Session> find(String rawToken) {
        if (!AccountService.plausibleToken(rawToken)) {
            return Optional.empty();
        }
        String tokenHash = Secrets.sha256Hex(rawToken);
        Instant now = now();
        Optional<Session> stored = jdbi.withHandle(handle -> handle.createQuery("""
                SELECT id, account_id, created_at, last_seen_at, expires_at FROM console_sessions
                WHERE token_hash = :token_hash""")
                .bind("token_hash", tokenHash)
                .map((rs, ctx) -> new Session(rs.getString("id"), Optional.ofNullable(rs.getString("account_id")),
                        csrfToken(rawToken), Instant.ofEpochMilli(rs.getLong("created_at")),
                        Instant.ofEpochMilli(rs.getLong("last_seen_at")), Instant.ofEpochMilli(rs.getLong("expires_at"))))
                .findOne());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Session session = stored.get();
        if (!now.isBefore(session.expiresAt()) || now.isAfter(session.lastSeenAt().plus(IDLE))) {
            jdbi.useHandle(handle -> handle.execute("DELETE FROM console_sessions WHERE id = ?", session.id()));
            return Optional.empty();
        }
        if (session.lastSeenAt().plus(TOUCH).isAfter(now)) {
            return Optional.of(session);
        }
        jdbi.useHandle(handle -> handle.createUpdate("""
                UPDATE console_sessions SET last_seen_at = :now WHERE id = :id AND last_seen_at < :now""")
                .bind("now", now.toEpochMilli())
                .bind("id", session.id())
                .execute());
        return Optional.of(new Session(session.id(), session.accountId(), session.csrfToken(), session.createdAt(), now,
                session.expiresAt()));
    }

    /** Ends the session of this token (signing out); nothing when there is none. */
    public void end(String rawToken) {
        if (AccountService.plausibleToken(rawToken)) {
            jdbi.useHandle(handle -> handle.execute("DELETE FROM console_sessions WHERE token_hash = ?",
                    Secrets.sha256Hex(rawToken)));
        }
    }

    /**
     * Ends every session of the account, or every session signed in with the operator key when
     * {@code accountId} is empty (signing out everywhere); how many there were.
     */
    public int endAll(Optional<String> accountId) {
        return jdbi.withHandle(handle -> accountId
                .map(id -> handle.execute("DELETE FROM console_sessions WHERE account_id = ?", id))
                .orElseGet(() -> handle.execute("DELETE FROM console_sessions WHERE account_id IS NULL")));
    }

    private static void deleteExpired(Handle handle, Instant now) {
        handle.execute("DELETE FROM console_sessions WHERE expires_at <= ? OR last_seen_at < ?", now.toEpochMilli(),
                now.minus(IDLE).toEpochMilli());
    }

    /** The session's CSRF token: HMAC-SHA256 of a fixed label, keyed with the session token, in base64url. */
    static String csrfToken(String sessionToken) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(CSRF_LABEL));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static String cut(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
