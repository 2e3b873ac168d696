package dev.ludus.auth;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (a client id): {@code ratePerSecond} tokens flow in, at most {@code burst}
 * are held. Thread-safe: each bucket is guarded by its own monitor; the map is concurrent and is
 * cleared when it grows past {@link #MAX_KEYS} (only known clients get a bucket).
 */
public final class RateLimiter {

    static final int MAX_KEYS = 100_000;

    private final double ratePerSecond;
    private final double burst;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double ratePerSecond, int burst, Clock clock) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes one token for {@code key}; returns 0 when allowed, else the seconds to wait (at least 1). */
    public long acquire(String key) {
        if (buckets.size() > MAX_KEYS) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, clock.millis())).take(clock.millis());
    }

    private final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized long take(long now) {
            tokens = Math.min(burst, tokens + Math.max(0, now - refilledAt) * ratePerSecond / 1000.0);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerSecond));
        }
    }
}
