package dev.ludus.leaderboard;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A {@link Ranking} held in this JVM: an order-statistic treap ({@link OrderTree}) plus a map from
 * user id to the user's node. {@link #put}, {@link #remove}, {@link #place} and the start of
 * {@link #range} cost O(log n) expected; the shared rank of a standing is the number of nodes with
 * a higher score, counted from subtree sizes in O(log n) too.
 *
 * <p>Guarded by one {@link ReentrantReadWriteLock}: {@link #place}, {@link #range}, {@link #size}
 * and {@link #loaded} read under the read lock and run in parallel; every change takes the write
 * lock. {@link #putAll} holds the write lock for the whole batch, so readers see it whole or not at all.
 *
 * <p>Memory: about 93 bytes of heap per user besides the user id string (measured with 1,000,000
 * users on JDK 25, 64-bit, compressed references: 56 for the tree node, the rest for the map's
 * entry and table slot), so with 12-character ASCII ids (56 bytes a string) about 150 bytes a user,
 * 150 MB for a million. The index holds the caller's id strings, it does not copy them.
 */
public final class MemoryRanking implements Ranking {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final OrderTree order = new OrderTree(new SplittableRandom());
    private Map<String, OrderTree.Node> byUser = new HashMap<>();
    private boolean loaded;

    @Override
    public void put(Standing standing) {
        Objects.requireNonNull(standing.userId(), "userId");
        write(() -> apply(standing));
    }

    @Override
    public void putAll(Collection<Standing> standings) {
        standings.forEach(standing -> Objects.requireNonNull(standing.userId(), "userId"));
        write(() -> standings.forEach(this::apply));
    }

    @Override
    public void remove(String userId) {
        write(() -> {
            OrderTree.Node node = byUser.remove(userId);
            if (node != null) {
                order.remove(node);
            }
        });
    }

    @Override
    public Optional<Placed> place(String userId) {
        return read(() -> {
            OrderTree.Node node = byUser.get(userId);
            if (node == null) {
                return Optional.empty();
            }
            return Optional.of(new Placed(node.standing(), order.countHigher(node.score) + 1, order.position(node)));
        });
    }

    @Override
    public long size() {
        return read(order::size);
    }

    @Override
    public long countAbove(long score) {
        return read(() -> order.countHigher(score));
    }

    /** @throws IllegalArgumentException when {@code offset} or {@code limit} is negative */
    @Override
    public List<Placed> range(long offset, int limit) {
        Page.check(offset, limit);
        return read(() -> {
            Page page = new Page(offset, (int) Math.min(limit, Math.max(0, order.size() - offset)));
            order.visit(offset, limit, node -> page.add(node.standing(), () -> order.countHigher(node.score)));
            return page.placed();
        });
    }

    /** Empties the index, reads the store, loads it: every standing counts as changed. */
    @Override
    public long rebuild(java.util.function.Supplier<? extends Collection<Standing>> stored) {
        clear();
        Collection<Standing> standings = stored.get();
        putAll(standings);
        markLoaded();
        return standings.size();
    }

    @Override
    public boolean loaded() {
        return read(() -> loaded);
    }

    @Override
    public void markLoaded() {
        write(() -> loaded = true);
    }

    @Override
    public void clear() {
        write(() -> {
            order.clear();
            byUser = new HashMap<>();
            loaded = false;
        });
    }

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void write(Runnable action) {
        lock.writeLock().lock();
        try {
            action.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The version guard and the move; the caller holds the write lock. */
    private void apply(Standing standing) {
        OrderTree.Node node = byUser.get(standing.userId());
        if (node == null) {
            node = order.newNode(standing.userId(), standing.score(), standing.reachedAt(), standing.version());
            byUser.put(node.userId, node);
        } else if (node.version >= standing.version()) {
            return;
        } else {
            order.remove(node);
            node.score = standing.score();
            node.reachedAt = standing.reachedAt();
            node.version = standing.version();
        }
        order.insert(node);
    }
}
