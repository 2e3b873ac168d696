package dev.ludus.stats;

import java.time.Duration;

/** The sizes of the buckets counters are kept and read in: UTC hours and UTC days. */
enum Buckets {
    HOUR("hour", Duration.ofHours(1)),
    DAY("day", Duration.ofDays(1));

    private final String wireName;
    private final long millis;

    Buckets(String wireName, Duration size) {
        this.wireName = wireName;
        this.millis = size.toMillis();
    }

    String wireName() {
        return wireName;
    }

    long millis() {
        return millis;
    }

    /** The start of the bucket holding {@code epochMillis} (UTC: the epoch starts an hour and a day). */
    long start(long epochMillis) {
        return Math.floorDiv(epochMillis, millis) * millis;
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
