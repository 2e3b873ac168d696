package dev.ludus.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The settled buckets kept in memory, without a server or a store: what is read, what is kept. */
class SettledBucketsTest {

    private static final long DAY = Buckets.DAY.millis();
    private static final long NOW = Instant.parse("2026-12-04T10:00:00Z").toEpochMilli();
    private static final long OLD = Instant.parse("2020-03-02T00:00:00Z").toEpochMilli();

    private final SettledBuckets settled = new SettledBuckets();
    private final AtomicInteger reads = new AtomicInteger();

    /** One event an hour after each day's start, as the store would answer for {@code from} to {@code to}. */
    private List<StatsStore.Total> store(long from, long to) {
        reads.incrementAndGet();
        List<StatsStore.Total> rows = new ArrayList<>();
        for (long day = from; day < to; day += DAY) {
            rows.add(new StatsStore.Total(day + 3_600_000, Counter.EVENTS, "", 1));
        }
        return rows;
    }

    private static long events(List<StatsStore.Total> totals) {
        return totals.stream().filter(total -> total.counter() == Counter.EVENTS).mapToLong(StatsStore.Total::total).sum();
    }

    @Test
    void settledDaysAreReadOnceAndTheOthersEveryTime() {
        StatsQuery week = new StatsQuery(Buckets.DAY, Buckets.DAY.start(NOW) - 6 * DAY, Buckets.DAY.start(NOW) + DAY);
        assertThat(events(settled.totals("app", week, NOW, this::store))).isEqualTo(7);
        assertThat(reads).hasValue(2); // the five settled days at once, then yesterday and today

        assertThat(events(settled.totals("app", week, NOW, this::store))).isEqualTo(7);
        assertThat(reads).hasValue(3); // yesterday and today only
    }

    @Test
    void bucketsDroppedByAnotherReadMeanwhileAreReadAgain() {
        StatsQuery old = new StatsQuery(Buckets.DAY, OLD + 5 * DAY, OLD + 10 * DAY);
        assertThat(events(settled.totals("app", old, NOW, this::store))).isEqualTo(5);

        // a read of days 0 to 9: 0 to 4 are missing; while they are read, a read of recent days drops
        // every bucket older than a year, days 5 to 9 among them
        StatsQuery longer = new StatsQuery(Buckets.DAY, OLD, OLD + 10 * DAY);
        StatsQuery recent = new StatsQuery(Buckets.DAY, Buckets.DAY.start(NOW) - 6 * DAY, Buckets.DAY.start(NOW) + DAY);
        AtomicBoolean interleaved = new AtomicBoolean();
        List<StatsStore.Total> totals = settled.totals("app", longer, NOW, (from, to) -> {
            if (interleaved.compareAndSet(false, true)) {
                assertThat(events(settled.totals("app", recent, NOW, this::store))).isEqualTo(7);
            }
            return store(from, to);
        });

        assertThat(interleaved).isTrue();
        assertThat(events(totals)).isEqualTo(10);
        for (long day = OLD; day < OLD + 10 * DAY; day += DAY) {
            long start = day;
            assertThat(totals).as("day %s", Instant.ofEpochMilli(day))
                    .filteredOn(total -> Buckets.DAY.start(total.bucketAt()) == start).hasSize(1);
        }
    }
}
