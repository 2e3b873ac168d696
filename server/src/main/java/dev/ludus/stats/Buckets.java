package dev.ludus.stats;

import java.time.Duration;

/**
 * The sizes of the buckets counters are kept and read in: UTC hours, UTC days and ISO weeks in UTC
 * (from Monday 00:00), each with the counter of the distinct users active in one bucket of that size
 * (active users do not add up from smaller buckets).
 */
public enum Buckets {
    HOUR("hour", Duration.ofHours(1), Duration.ZERO, Counter.ACTIVE_USERS),
    DAY("day", Duration.ofDays(1), Duration.ZERO, Counter.ACTIVE_USERS_DAILY),
    /** The epoch was a Thursday: weeks start 4 days after it, on Mondays. */
    WEEK("week", Duration.ofDays(7), Duration.ofDays(4), Counter.ACTIVE_USERS_WEEKLY);

    private final String wireName;
    private final long millis;
    private final long offset;
    private final Counter activeUsers;

    Buckets(String wireName, Duration size, Duration offset, Counter activeUsers) {
        this.wireName = wireName;
        this.millis = size.toMillis();
        this.offset = offset.toMillis();
        this.activeUsers = activeUsers;
    }

    /** The counter of the distinct users active in a bucket of this size. */
    Counter activeUsers() {
        return activeUsers;
    }

    String wireName() {
        return wireName;
    }

    long millis() {
        return millis;
    }

    /** The start of the bucket holding {@code epochMillis} (UTC: the epoch starts an hour and a day). */
    long start(long epochMillis) {
        return Math.floorDiv(epochMillis - offset, millis) * millis + offset;
    }

    static java.util.Optional<Buckets> ofWireName(String name) {
        for (Buckets size : values()) {
            if (size.wireName.equals(name)) {
                return java.util.Optional.of(size);
            }
        }
        return java.util.Optional.empty();
    }
}
