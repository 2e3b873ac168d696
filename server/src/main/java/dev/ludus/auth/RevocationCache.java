package dev.ludus.auth;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Revocation state in memory, fed by the {@link AuthEventLog}, so that checking a token costs no
 * database round trip. Thread-safe: concurrent maps, updated with {@code merge} so that replays and
 * out-of-order delivery keep the strongest revocation.
 */
public final class RevocationCache implements Consumer<AuthEvent> {

    private final Clock clock;
    /** (application, jti) -> the token's exp, epoch seconds. */
    private final Map<String, Long> revokedTokens = new ConcurrentHashMap<>();
    /** (application, subject) -> tokens issued before this instant (epoch seconds) are revoked. */
    private final Map<String, Long> subjectWatermarks = new ConcurrentHashMap<>();
    /** application -> tokens issued before this instant (epoch seconds) are revoked. */
    private final Map<String, Long> applicationWatermarks = new ConcurrentHashMap<>();

    /** Events seen; every 1024th prunes expired entries. */
    private final AtomicLong accepted = new AtomicLong();

    public RevocationCache(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void accept(AuthEvent event) {
        switch (event) {
            case AuthEvent.TokenRevoked token ->
                    revokedTokens.merge(key(token.applicationId(), token.jti()), token.expiresAt(), Math::max);
            case AuthEvent.SubjectRevoked subject ->
                    subjectWatermarks.merge(key(subject.applicationId(), subject.subject()), subject.notBefore(), Math::max);
            case AuthEvent.AllRevoked all -> applicationWatermarks.merge(all.applicationId(), all.notBefore(), Math::max);
            case AuthEvent.ApplicationChanged ignored -> { }
            case AuthEvent.SigningKeysChanged ignored -> { }
        }
        pruneOccasionally();
    }

    /**
     * The earliest {@code iat} that no watermark of the application or of {@code subject} refuses,
     * in epoch seconds (0 when there is no watermark).
     */
    public long notBefore(String applicationId, String subject) {
        return Math.max(applicationWatermarks.getOrDefault(applicationId, 0L),
                subjectWatermarks.getOrDefault(key(applicationId, subject), 0L));
    }

    /**
     * True when the token is revoked: by its {@code jti}, or because it was issued before a
     * watermark of its subject or of its application.
     */
    public boolean isRevoked(String applicationId, String jti, String subject, long issuedAt) {
        if (jti != null && revokedTokens.containsKey(key(applicationId, jti))) {
            return true;
        }
        Long all = applicationWatermarks.get(applicationId);
        if (all != null && issuedAt < all) {
            return true;
        }
        Long mine = subjectWatermarks.get(key(applicationId, subject));
        return mine != null && issuedAt < mine;
    }

    private void pruneOccasionally() {
        if (accepted.incrementAndGet() % 1024 != 0) {
            return;
        }
        long now = clock.instant().getEpochSecond();
        revokedTokens.values().removeIf(exp -> exp + ApplicationLimits.CLOCK_LEEWAY_SECONDS < now);
        long oldest = now - AuthEventLog.WATERMARK_RETENTION.toSeconds();
        subjectWatermarks.values().removeIf(notBefore -> notBefore < oldest);
        applicationWatermarks.values().removeIf(notBefore -> notBefore < oldest);
    }

    private static String key(String applicationId, String value) {
        return applicationId + '\u0000' + value;
    }
}
