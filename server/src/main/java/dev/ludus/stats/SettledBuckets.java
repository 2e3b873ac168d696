package dev.ludus.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The totals of one application's settled buckets, kept in memory once read: a bucket is settled
 * when it ended before yesterday (UTC) began. Counters are added in the hour they are committed in,
 * and the figures other nodes keep in memory reach the store within seconds, so a settled bucket's
 * totals never change again; a dashboard of 90 days then sums the hourly rows of each past day once,
 * not on every view (at 1,000,000 users that sum took 50 to 145 ms a view on SQLite).
 *
 * <p>Holds at most {@link #SERIES} series (an application and a bucket size), the least recently read
 * dropped first, each with at most as many buckets as one read answers. Thread-safe.
 */
final class SettledBuckets {

    /** How many series (application and bucket size) are kept. */
    static final int SERIES = 256;

    private record Series(String applicationId, Buckets interval) { }

    /** Each series' buckets by start, each with its totals summed by counter and item. */
    private final Map<Series, NavigableMap<Long, List<StatsStore.Total>>> kept =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Series, NavigableMap<Long, List<StatsStore.Total>>> eldest) {
                    return size() > SERIES;
                }
            };

    /** The end of the last settled bucket of {@code interval} when it is {@code nowMillis}: a bucket boundary. */
    static long settledBefore(Buckets interval, long nowMillis) {
        long yesterday = Buckets.DAY.start(nowMillis) - Buckets.DAY.millis();
        return interval.start(yesterday);
    }

    /**
     * The totals of {@code query}'s buckets of one application: the settled ones from memory (read
     * from the store with {@code read} the first time, in one range), the others from the store.
     *
     * @param read the totals of the application's buckets from (inclusive) to (exclusive), epoch ms
     */
    List<StatsStore.Total> totals(String applicationId, StatsQuery query, long nowMillis,
            BiFunction<Long, Long, List<StatsStore.Total>> read) {
        Buckets interval = query.interval();
        long size = interval.millis();
        long settled = Math.max(query.from(), Math.min(query.to(), settledBefore(interval, nowMillis)));
        List<StatsStore.Total> totals = new ArrayList<>();
        if (settled > query.from()) {
            Series series = new Series(applicationId, interval);
            long missingFrom = Long.MAX_VALUE;
            long missingTo = Long.MIN_VALUE;
            synchronized (kept) {
                NavigableMap<Long, List<StatsStore.Total>> buckets = kept.computeIfAbsent(series, key -> new TreeMap<>());
                for (long start = query.from(); start < settled; start += size) {
                    if (!buckets.containsKey(start)) {
                        missingFrom = Math.min(missingFrom, start);
                        missingTo = Math.max(missingTo, start + size);
                    }
                }
            }
            Map<Long, List<StatsStore.Total>> fresh = missingFrom < missingTo
                    ? byBucket(interval, missingFrom, missingTo, read.apply(missingFrom, missingTo)) : Map.of();
            java.util.Set<Long> gone = new java.util.HashSet<>();
            synchronized (kept) {
                NavigableMap<Long, List<StatsStore.Total>> buckets = kept.computeIfAbsent(series, key -> new TreeMap<>());
                buckets.putAll(fresh);
                // a bucket older than the longest read is never asked for again
                buckets.headMap(settled - StatsQuery.most(interval) * size).clear();
                for (long start = query.from(); start < settled; start += size) {
                    List<StatsStore.Total> bucket = buckets.getOrDefault(start, fresh.get(start));
                    if (bucket != null) {
                        totals.addAll(bucket);
                    } else {
                        // dropped meanwhile by a read of later buckets: read again below, not kept
                        gone.add(start);
                    }
                }
            }
            if (!gone.isEmpty()) {
                long first = java.util.Collections.min(gone);
                for (StatsStore.Total total : read.apply(first, java.util.Collections.max(gone) + size)) {
                    if (gone.contains(interval.start(total.bucketAt()))) {
                        totals.add(total);
                    }
                }
            }
        }
        if (settled < query.to()) {
            totals.addAll(read.apply(settled, query.to()));
        }
        return totals;
    }

    /**
     * The store's totals of {@code from} to {@code to} summed by bucket of {@code interval}, counter
     * and item, every bucket of the range present (an empty one too); active users only of the
     * bucket size's own counter, as {@link StatsSeries} reads them.
     */
    private static Map<Long, List<StatsStore.Total>> byBucket(Buckets interval, long from, long to,
            List<StatsStore.Total> rows) {
        record Item(Counter counter, String item) { }
        Map<Long, Map<Item, Long>> sums = new TreeMap<>();
        for (long start = from; start < to; start += interval.millis()) {
            sums.put(start, new LinkedHashMap<>());
        }
        for (StatsStore.Total row : rows) {
            if (StatsSeries.ACTIVE_USERS.contains(row.counter()) && row.counter() != interval.activeUsers()
                    || StatsSeries.CONTROL_ACTIVE_USERS.contains(row.counter())
                            && row.counter() != interval.activeUsers().control().orElseThrow()) {
                continue;
            }
            sums.get(interval.start(row.bucketAt())).merge(new Item(row.counter(), row.item()), row.total(), Long::sum);
        }
        Map<Long, List<StatsStore.Total>> buckets = new TreeMap<>();
        sums.forEach((start, items) -> buckets.put(start, items.entrySet().stream()
                .map(entry -> new StatsStore.Total(start, entry.getKey().counter(), entry.getKey().item(),
                        entry.getValue())).toList()));
        return buckets;
    }
}
