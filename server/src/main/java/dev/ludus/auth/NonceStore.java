package dev.ludus.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * The nonces of signed requests, kept in the store for the window so that every node sharing it
 * refuses a replay, also after a restart. Recording is one insert that does nothing on a live
 * duplicate (an expired one is taken over); every 1,000th record also deletes the expired ones.
 */
public final class NonceStore {

    private static final int PRUNE_EVERY = 1000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final AtomicLong recorded = new AtomicLong();

    public NonceStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Records the nonce until {@code keepUntil}; false when the application already used it. */
    public boolean record(String applicationId, String nonce, Instant keepUntil) {
        if (recorded.incrementAndGet() % PRUNE_EVERY == 0) {
            jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM ecdsa_nonces WHERE expires_at < :now")
                    .bind("now", clock.millis()).execute());
        }
        return jdbi.withHandle(handle -> handle.createUpdate("""
                INSERT INTO ecdsa_nonces (application_id, nonce, expires_at) VALUES (:application_id, :nonce, :expires_at)
                ON CONFLICT (application_id, nonce) DO UPDATE SET expires_at = :expires_at
                WHERE ecdsa_nonces.expires_at < :now""")
                .bind("application_id", applicationId)
                .bind("now", clock.millis())
                .bind("nonce", nonce)
                .bind("expires_at", keepUntil.toEpochMilli())
                .execute()) == 1;
    }
}
