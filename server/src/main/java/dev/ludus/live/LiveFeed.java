package dev.ludus.live;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pages that watch the live feed, and the hand-over of entries to them. {@link #publish} never
 * waits: each watcher has a queue of {@link #QUEUE} entries, and an entry that finds it full is
 * dropped and counted, so a slow browser loses entries (and is told how many) and never slows the
 * writers. Thread-safe: the watchers are a copy-on-write list, their queues and counters concurrent.
 */
public final class LiveFeed implements AutoCloseable {

    /** Entries a watcher may have waiting before new ones are dropped. */
    public static final int QUEUE = 256;

    private final CopyOnWriteArrayList<Watcher> watchers = new CopyOnWriteArrayList<>();
    private final int queue;
    private volatile boolean closed;

    public LiveFeed() {
        this(QUEUE);
    }

    LiveFeed(int queue) {
        this.queue = queue;
    }

    /**
     * Starts watching an application's events, only those of {@code user} and of {@code metric} when
     * given; close the watcher to stop.
     */
    public Watcher watch(String applicationId, Optional<String> user, Optional<String> metric) {
        Watcher watcher = new Watcher(applicationId, user, metric, new ArrayBlockingQueue<>(queue));
        watchers.add(watcher);
        return watcher;
    }

    /** True when a page watches: entries are worth making. */
    public boolean watched() {
        return !watchers.isEmpty();
    }

    /** Hands an entry to every watcher it matches, dropping it for those whose queue is full. */
    public void publish(LiveEntry entry) {
        for (Watcher watcher : watchers) {
            if (watcher.matches(entry) && !watcher.entries.offer(entry)) {
                watcher.dropped.incrementAndGet();
            }
        }
    }

    /** Tells every watcher that entries may have been missed (the link between nodes was lost). */
    public void gap() {
        watchers.forEach(watcher -> watcher.gap.set(true));
    }

    /** Ends every watch: their {@link Watcher#next} answers at once. */
    @Override
    public void close() {
        closed = true;
    }

    /** One page's watch: its filter, its queue, what it lost. */
    public final class Watcher implements AutoCloseable {

        private final String applicationId;
        private final Optional<String> user;
        private final Optional<String> metric;
        private final BlockingQueue<LiveEntry> entries;
        private final AtomicLong dropped = new AtomicLong();
        private final AtomicBoolean gap = new AtomicBoolean();

        private Watcher(String applicationId, Optional<String> user, Optional<String> metric,
                BlockingQueue<LiveEntry> entries) {
            this.applicationId = applicationId;
            this.user = user;
            this.metric = metric;
            this.entries = entries;
        }

        boolean matches(LiveEntry entry) {
            return entry.applicationId().equals(applicationId) && user.map(entry.userId()::equals).orElse(true)
                    && metric.map(entry.metric()::equals).orElse(true);
        }

        /** The next entry, waiting up to {@code wait}; empty when none came or the feed is closed. */
        public Optional<LiveEntry> next(Duration wait) throws InterruptedException {
            if (closed) {
                return Optional.empty();
            }
            return Optional.ofNullable(entries.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
        }

        /** How many entries were dropped since the last call. */
        public long takeDropped() {
            return dropped.getAndSet(0);
        }

        /** Whether entries may have been missed since the last call. */
        public boolean takeGap() {
            return gap.getAndSet(false);
        }

        /** True once the feed is closed (the server stops). */
        public boolean ended() {
            return closed;
        }

        @Override
        public void close() {
            watchers.remove(this);
        }
    }
}
