package dev.ludus.leaderboard;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The repair state of one leaderboard index, kept by {@link Standings}: how often it was doubted and
 * which doubts its last rebuild settled. Fields are volatile or atomic; a rebuild holds {@link #lock}.
 */
final class IndexState {

    final String applicationId;
    final String leaderboard;
    final String period;
    final ReentrantLock lock = new ReentrantLock();
    /** Counts the reasons to doubt the index; starts at 1, for its first use. */
    final AtomicLong doubts = new AtomicLong(1);
    /** The count of doubts that the last completed rebuild started from; written under the lock. */
    volatile long settled;
    /**
     * Whether the index may be used while it is doubted: it was already loaded when this process
     * first looked at it (only its first use is in doubt), or a rebuild completed since the last
     * reason to think it lost changes.
     */
    volatile boolean usable;
    /** Whether this process has looked at the index, or has had a reason to doubt it since its start. */
    volatile boolean looked;

    IndexState(String applicationId, String leaderboard, String period) {
        this.applicationId = applicationId;
        this.leaderboard = leaderboard;
        this.period = period;
    }

    boolean ready() {
        return settled == doubts.get();
    }

    /** Ready, or usable while a check against the store is pending. */
    boolean servable() {
        return usable || ready();
    }
}
