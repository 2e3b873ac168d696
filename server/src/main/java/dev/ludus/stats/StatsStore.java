package dev.ludus.stats;

import dev.ludus.store.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The SQL of {@code stats_counts}: adding to counters and reading them back. Stateless; runs on the
 * caller's transaction.
 *
 * <p>Rows are added in the order of their {@link Key}, so that two transactions that add to the same
 * rows lock them in the same order and never deadlock on them. Each writer adds to a shard of its own
 * ({@link #SHARDS} of them): concurrent commits then do not wait on one hot row of the hour.
 */
final class StatsStore {

    /** How many rows one counter of one hour may be split into; a read adds them up. */
    static final int SHARDS = 16;

    private static final String ADD = """
            INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (application_id, bucket_at, counter, item, shard)
            DO UPDATE SET total = stats_counts.total + excluded.total""";

    /** One counter of one application in one bucket (an hour, or a day for the daily active users). */
    record Key(String applicationId, long bucketAt, Counter counter, String item) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int order = applicationId.compareTo(other.applicationId);
            if (order == 0) {
                order = Long.compare(bucketAt, other.bucketAt);
            }
            if (order == 0) {
                order = counter.compareTo(other.counter);
            }
            return order != 0 ? order : item.compareTo(other.item);
        }
    }

    /** A counter's total in one bucket, summed over its shards (and over applications for the operator). */
    record Total(long bucketAt, Counter counter, String item, long total) { }

    /** Adds {@code amounts} as deferred rows of the batch (sent with its other rows before the commit). */
    void add(WriteBatch batch, int shard, SortedMap<Key, Long> amounts) {
        amounts.forEach((key, amount) -> batch.write(ADD, key.applicationId(), key.bucketAt(),
                key.counter().wireName(), key.item(), shard, amount));
    }

    /** Adds {@code amounts} on a handle, in one JDBC batch. */
    void add(Handle handle, int shard, SortedMap<Key, Long> amounts) {
        if (amounts.isEmpty()) {
            return;
        }
        PreparedBatch insert = handle.prepareBatch(ADD);
        amounts.forEach((key, amount) -> insert.add(key.applicationId(), key.bucketAt(), key.counter().wireName(),
                key.item(), shard, amount));
        insert.execute();
    }

    /**
     * The totals of buckets from {@code from} (inclusive) to {@code to} (exclusive), epoch milliseconds,
     * of one application or, when empty, of all of them together.
     */
    List<Total> totals(Handle handle, Optional<String> applicationId, long from, long to) {
        String sql = "SELECT bucket_at, counter, item, SUM(total) AS total FROM stats_counts WHERE "
                + (applicationId.isPresent() ? "application_id = :application_id AND " : "")
                + "bucket_at >= :from AND bucket_at < :to GROUP BY bucket_at, counter, item";
        var query = handle.createQuery(sql).bind("from", from).bind("to", to);
        applicationId.ifPresent(id -> query.bind("application_id", id));
        List<Total> totals = new ArrayList<>();
        for (Row row : query.map((rs, ctx) -> new Row(rs.getLong("bucket_at"), rs.getString("counter"),
                rs.getString("item"), rs.getLong("total"))).list()) {
            // a counter this version does not know (written by a newer node) is left out
            Counter.ofWireName(row.counter()).ifPresent(counter -> totals.add(new Total(row.bucketAt(), counter,
                    row.item(), row.total())));
        }
        return totals;
    }

    /** A row of the totals' query, its counter as stored. */
    private record Row(long bucketAt, String counter, String item, long total) {
    }
}
