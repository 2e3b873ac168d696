package dev.ludus.accounts;

import dev.ludus.secrets.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Limits failed console sign-ins: after {@link #MAX_FAILURES_PER_EMAIL} failures for one email, or
 * {@link #MAX_FAILURES_PER_ADDRESS} from one address, within {@link #WINDOW}, sign-ins for it are
 * refused until enough of those failures are older than the window. The failures are kept in the
 * store, so that the limit holds across nodes and restarts; an email is kept as its SHA-256 (people
 * type passwords into the email field), and rows older than the window are deleted as new ones come.
 * Stateless but for the store.
 *
 * <p>The caller asks {@link #blocked} before checking a password, and reports the outcome with
 * {@link #failed} or {@link #succeeded}.
 */
public final class SignInThrottle {

    /** Failures for one email within the window that block it. */
    public static final int MAX_FAILURES_PER_EMAIL = 5;
    /** Failures from one address within the window that block it. */
    public static final int MAX_FAILURES_PER_ADDRESS = 20;
    /** How long a failure counts. */
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private static final int MAX_ADDRESS = 64;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Secrets secrets = new Secrets();

    public SignInThrottle(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * How long to wait before signing in again for this email, or from this address: empty when
     * neither is blocked. Rounded up to whole seconds, at least one.
     */
    public Optional<Duration> blocked(String email, Optional<String> address) {
        Instant now = now();
        long since = now.minus(WINDOW).toEpochMilli();
        return jdbi.withHandle(handle -> {
            Optional<Long> byEmail = oldestBlocking(handle, "email_hash", emailHash(email), since,
                    MAX_FAILURES_PER_EMAIL);
            Optional<Long> byAddress = address.flatMap(value -> oldestBlocking(handle, "address", cut(value), since,
                    MAX_FAILURES_PER_ADDRESS));
            return Stream.of(byEmail, byAddress).flatMap(Optional::stream).max(Long::compare)
                    .map(at -> retryAfter(Instant.ofEpochMilli(at).plus(WINDOW), now));
        });
    }

    /** Records a failed sign-in (a wrong password, an unknown email) for the email and the address. */
    public void failed(String email, Optional<String> address) {
        Instant now = now();
        jdbi.useTransaction(handle -> {
            handle.execute("DELETE FROM console_sign_in_failures WHERE failed_at <= ?",
                    now.minus(WINDOW).toEpochMilli());
            handle.createUpdate("""
                    INSERT INTO console_sign_in_failures (id, email_hash, address, failed_at)
                    VALUES (:id, :email_hash, :address, :failed_at)""")
                    .bind("id", secrets.timeOrderedId("sif_", now))
                    .bind("email_hash", emailHash(email))
                    .bind("address", address.map(SignInThrottle::cut).orElse(null))
                    .bind("failed_at", now.toEpochMilli())
                    .execute();
        });
    }

    /** Forgets the failures for this email after a successful sign-in; those of the address still count. */
    public void succeeded(String email) {
        jdbi.useHandle(handle -> handle.execute("DELETE FROM console_sign_in_failures WHERE email_hash = ?",
                emailHash(email)));
    }

    /**
     * When the failure that keeps the key blocked happened: the {@code limit}-th newest one within the
     * window, whose leaving the window unblocks it; empty when there are fewer than {@code limit}.
     */
    private static Optional<Long> oldestBlocking(Handle handle, String column, String key, long since, int limit) {
        return handle.createQuery("SELECT failed_at FROM console_sign_in_failures WHERE " + column
                + " = :key AND failed_at > :since ORDER BY failed_at DESC LIMIT 1 OFFSET :skip")
                .bind("key", key)
                .bind("since", since)
                .bind("skip", limit - 1)
                .mapTo(Long.class)
                .findOne();
    }

    private static Duration retryAfter(Instant unblockedAt, Instant now) {
        long millis = Duration.between(now, unblockedAt).toMillis();
        return Duration.ofSeconds(Math.max(1, (millis + 999) / 1000));
    }

    /** The SHA-256 of the email as it would be normalised (trimmed, lower-case), even when it is no email. */
    private static String emailHash(String email) {
        return Secrets.sha256Hex(email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
    }

    private static String cut(String address) {
        return address.length() <= MAX_ADDRESS ? address : address.substring(0, MAX_ADDRESS);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
