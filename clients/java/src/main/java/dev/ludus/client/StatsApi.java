package dev.ludus.client;

import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Paths;
import dev.ludus.client.internal.Transport;
import java.time.Instant;

/** {@code /v1/stats}: the application's usage figures by UTC hour, day or week. Scope {@code admin}. */
public final class StatsApi {

    /** The size of the buckets of a read, in UTC; weeks start on Monday. */
    public enum Interval {
        HOUR, DAY, WEEK
    }

    private final Transport transport;
    private final Authentication authentication;

    StatsApi(Transport transport, Authentication authentication) {
        this.transport = transport;
        this.authentication = authentication;
    }

    /**
     * {@code GET /v1/stats?from&to&interval}: every bucket from the one holding {@code from} while
     * buckets start before {@code to}; at most 744 hours, 366 days or 106 weeks.
     */
    public UsageStats get(Instant from, Instant to, Interval interval) {
        return transport.call(authentication, "GET", "/v1/stats" + Paths.query("from", from, "to", to, "interval",
                interval.name().toLowerCase(java.util.Locale.ROOT)), null, UsageStats.class);
    }
}
