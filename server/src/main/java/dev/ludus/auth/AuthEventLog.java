package dev.ludus.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auth change feed in table {@code auth_events}: writers append inside their own transaction;
 * every node replays the feed at start and then polls it, handing each event to its subscribers.
 * A change made on this node is applied at once ({@link #poll()} right after the commit); one made on
 * another node is applied within one poll interval.
 *
 * <p>PostgreSQL may commit a lower {@code seq} after a higher one has been read; such gaps are
 * re-read for {@link #GAP_PATIENCE} before they are given up as rolled back. Subscribers must be
 * idempotent: an event can be delivered more than once.
 *
 * <p>Guarded by {@code lock} (not a monitor, so that virtual threads are not pinned while it waits on
 * the database): {@link #poll()} and its cursor state. The first read replays pruned history, whose
 * missing sequence numbers are not gaps.
 */
public final class AuthEventLog implements AutoCloseable {

    /** How long a missing sequence number is waited for. */
    static final Duration GAP_PATIENCE = Duration.ofSeconds(60);
    /** How long an "application changed" notice is kept for nodes to read. */
    static final Duration NOTICE_RETENTION = Duration.ofHours(1);
    /** Revocations of "everything before" are kept this long after their watermark: the longest token. */
    static final Duration WATERMARK_RETENTION = Duration.ofSeconds(
            ApplicationLimits.MAX_TOKEN_LIFETIME_SECONDS + ApplicationLimits.CLOCK_LEEWAY_SECONDS);

    private static final Logger LOG = LoggerFactory.getLogger(AuthEventLog.class);
    private static final int MAX_TRACKED_GAPS = 10_000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration pollInterval;
    private final List<Consumer<AuthEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final Map<Long, Long> gaps = new LinkedHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private long cursor;
    /** False until the first read, which replays history: gaps in it are pruned entries, not late commits. */
    private boolean replayed;
    private volatile Thread poller;

    public AuthEventLog(Jdbi jdbi, Clock clock, Duration pollInterval) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    /** Adds a subscriber; call before {@link #start()}. */
    public void subscribe(Consumer<AuthEvent> subscriber) {
        subscribers.add(subscriber);
    }

    /** Appends {@code event} in the caller's transaction. */
    public void append(Handle handle, AuthEvent event) {
        long now = clock.millis();
        String kind;
        String subject = null;
        String jti = null;
        Long notBefore = null;
        long expiresAt;
        switch (event) {
            case AuthEvent.ApplicationChanged changed -> {
                kind = "application_changed";
                expiresAt = now + NOTICE_RETENTION.toMillis();
            }
            case AuthEvent.SigningKeysChanged changed -> {
                kind = "signing_keys_changed";
                expiresAt = now + NOTICE_RETENTION.toMillis();
            }
            case AuthEvent.TokenRevoked token -> {
                kind = "revoke_token";
                jti = token.jti();
                expiresAt = (token.expiresAt() + ApplicationLimits.CLOCK_LEEWAY_SECONDS) * 1000;
            }
            case AuthEvent.SubjectRevoked subjectRevoked -> {
                kind = "revoke_subject";
                subject = subjectRevoked.subject();
                notBefore = subjectRevoked.notBefore();
                expiresAt = notBefore * 1000 + WATERMARK_RETENTION.toMillis();
            }
            case AuthEvent.AllRevoked all -> {
                kind = "revoke_all";
                notBefore = all.notBefore();
                expiresAt = notBefore * 1000 + WATERMARK_RETENTION.toMillis();
            }
        }
        handle.createUpdate("""
                INSERT INTO auth_events (application_id, kind, subject, jti, not_before, expires_at, created_at)
                VALUES (:application_id, :kind, :subject, :jti, :not_before, :expires_at, :created_at)""")
                .bind("application_id", event.applicationId())
                .bind("kind", kind)
                .bind("subject", subject)
                .bind("jti", jti)
                .bind("not_before", notBefore)
                .bind("expires_at", expiresAt)
                .bind("created_at", now)
                .execute();
    }

    /** Prunes expired entries, replays the feed, and starts polling every poll interval. */
    public void start() {
        poll();
        poller = Thread.ofVirtual().name("ludus-auth-feed").start(() -> {
            try {
                prune();   // off the start-up path: expired entries can wait a moment
            } catch (RuntimeException e) {
                LOG.warn("pruning expired auth events failed ({}); the next hourly prune tries again", e.toString());
            }
            pollLoop();
        });
    }

    /** Reads every entry not seen yet and hands it to the subscribers. */
    public void poll() {
        lock.lock();
        try {
            pollLocked();
        } finally {
            lock.unlock();
        }
    }

    private void pollLocked() {
        List<Row> rows = jdbi.withHandle(handle -> {
            var query = gaps.isEmpty()
                    ? handle.createQuery("SELECT * FROM auth_events WHERE seq > :cursor ORDER BY seq")
                    : handle.createQuery("SELECT * FROM auth_events WHERE seq > :cursor OR seq IN (<gaps>) ORDER BY seq")
                            .bindList("gaps", new ArrayList<>(gaps.keySet()));
            return query.bind("cursor", cursor).map((rs, ctx) -> new Row(
                    rs.getLong("seq"), rs.getString("application_id"), rs.getString("kind"),
                    rs.getString("subject"), rs.getString("jti"), rs.getLong("not_before"),
                    rs.getLong("expires_at"))).list();
        });
        long now = clock.millis();
        boolean replay = !replayed;
        replayed = true;
        for (Row row : rows) {
            if (row.seq > cursor) {
                for (long missing = cursor + 1; !replay && missing < row.seq && gaps.size() < MAX_TRACKED_GAPS; missing++) {
                    gaps.put(missing, now);
                }
                cursor = row.seq;
            } else {
                gaps.remove(row.seq);
            }
            deliver(row.toEvent());
        }
        gaps.values().removeIf(firstSeen -> now - firstSeen > GAP_PATIENCE.toMillis());
    }

    /** Deletes entries whose tokens have all expired. */
    public void prune() {
        int deleted = jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM auth_events WHERE expires_at < :now")
                .bind("now", clock.millis())
                .execute());
        if (deleted > 0) {
            LOG.info("pruned {} expired auth events", deleted);
        }
    }

    private void deliver(AuthEvent event) {
        for (Consumer<AuthEvent> subscriber : subscribers) {
            subscriber.accept(event);
        }
    }

    private void pollLoop() {
        long lastPrune = clock.millis();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(pollInterval);
                poll();
                if (clock.millis() - lastPrune > Duration.ofHours(1).toMillis()) {
                    prune();
                    lastPrune = clock.millis();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("polling the auth change feed failed; retrying in {}", pollInterval, e);
            }
        }
    }

    @Override
    public void close() {
        Thread running = poller;
        if (running != null) {
            running.interrupt();
        }
    }

    private record Row(long seq, String applicationId, String kind, String subject, String jti,
            long notBefore, long expiresAt) {

        AuthEvent toEvent() {
            return switch (kind) {
                case "revoke_token" -> new AuthEvent.TokenRevoked(applicationId, jti,
                        expiresAt / 1000 - ApplicationLimits.CLOCK_LEEWAY_SECONDS);
                case "revoke_subject" -> new AuthEvent.SubjectRevoked(applicationId, subject, notBefore);
                case "revoke_all" -> new AuthEvent.AllRevoked(applicationId, notBefore);
                case "signing_keys_changed" -> new AuthEvent.SigningKeysChanged();
                default -> new AuthEvent.ApplicationChanged(applicationId);
            };
        }
    }
}
