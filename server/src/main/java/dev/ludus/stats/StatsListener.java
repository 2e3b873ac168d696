package dev.ludus.stats;

import dev.ludus.engine.Outcome;
import dev.ludus.engine.Streaks;
import dev.ludus.events.AppliedChange;
import dev.ludus.events.ChangeListener;
import dev.ludus.events.ChangeOutputs;
import dev.ludus.store.WriteBatch;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts what every applied change did, in the change's own transaction: events, active users (from
 * the hour of the user's previous event, {@link AppliedChange#lastEventHour()}, which the write path
 * already read), points awarded, achievements unlocked, streaks extended and lost. The counts of a
 * batch's works are added up in the batch and written once, just before its commit, one row per
 * counter, in key order, to the writer's own shard.
 *
 * <p>Thread-safety: each batch's sums live in that batch (confined to its writer thread); the shard of
 * each writer thread is a thread-local, handed out once per thread from a counter.
 */
final class StatsListener implements ChangeListener {

    /** The sums of one batch, by counter; the memo's id is the listener. */
    private static final WriteBatch.Memo<SortedMap<StatsStore.Key, Long>> SUMS = WriteBatch.Memo.named("stats");

    private final StatsStore store;
    private final AtomicInteger nextShard;
    private final ThreadLocal<Integer> shard;

    /** @param firstShard the shard of the first writer thread; the next ones follow it */
    StatsListener(StatsStore store, int firstShard) {
        this.store = store;
        this.nextShard = new AtomicInteger(firstShard);
        this.shard = ThreadLocal.withInitial(() -> Math.floorMod(nextShard.getAndIncrement(), StatsStore.SHARDS));
    }

    @Override
    public void applied(WriteBatch batch, AppliedChange change, ChangeOutputs outputs) {
        long now = change.now().toEpochMilli();
        long hour = Buckets.HOUR.start(now);
        String application = change.applicationId();
        SortedMap<StatsStore.Key, Long> batchSums = batch.memo(SUMS, this, () -> {
            SortedMap<StatsStore.Key, Long> fresh = new TreeMap<>();
            batch.beforeCommit(() -> store.add(batch, shard.get(), fresh));
            return fresh;
        });
        // a user of the control group counts in the figures of everyone and in the control group's
        Counts sums = (key, amount) -> {
            add(batchSums, key, amount);
            if (change.controlGroup()) {
                key.counter().control().ifPresent(control -> add(batchSums,
                        new StatsStore.Key(key.applicationId(), key.bucketAt(), control, key.item()), amount));
            }
        };
        if (change.event().isPresent()) {
            add(sums, new StatsStore.Key(application, hour, Counter.EVENTS, ""), 1);
            long previous = change.lastEventHour() * Buckets.HOUR.millis();
            if (previous != hour) {
                add(sums, new StatsStore.Key(application, hour, Counter.ACTIVE_USERS, ""), 1);
            }
            for (Buckets larger : List.of(Buckets.DAY, Buckets.WEEK)) {
                long start = larger.start(now);
                if (larger.start(previous) != start) {
                    add(sums, new StatsStore.Key(application, start, larger.activeUsers(), ""), 1);
                }
            }
        }
        for (Outcome outcome : change.change().outcomes()) {
            switch (outcome) {
                case Outcome.PointsChanged points when points.amount() > 0 && points.source() != Outcome.Source.REFUND ->
                        add(sums, new StatsStore.Key(application, hour, Counter.POINTS_AWARDED, points.system()),
                                points.amount());
                case Outcome.AchievementUnlocked unlocked ->
                        add(sums, new StatsStore.Key(application, hour, Counter.ACHIEVEMENTS_UNLOCKED, unlocked.key()), 1);
                case Outcome.StreakChanged(Streaks.Extended extended) ->
                        add(sums, new StatsStore.Key(application, hour, Counter.STREAKS_EXTENDED, extended.streak()), 1);
                case Outcome.StreakChanged(Streaks.Lost lost) ->
                        add(sums, new StatsStore.Key(application, hour, Counter.STREAKS_LOST, lost.streak()), 1);
                default -> {
                    // metric totals, levels, spending, refunds, freezes, redemptions: not counted
                }
            }
        }
    }

    private static void add(SortedMap<StatsStore.Key, Long> sums, StatsStore.Key key, long amount) {
        sums.merge(key, amount, Long::sum);
    }

    private static void add(Counts sums, StatsStore.Key key, long amount) {
        sums.add(key, amount);
    }

    /** Where one change's counts go. */
    @FunctionalInterface
    private interface Counts {
        void add(StatsStore.Key key, long amount);
    }
}
