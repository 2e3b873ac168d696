package dev.ludus.events;

import dev.ludus.store.WriteBatch;

/**
 * Something that follows every applied change of a user's game state: the leaderboard scores, the
 * webhook outbox, later counters, quests or a live feed. Registered once at start-up, in the order
 * they run; {@link EventService} hands each change on and does not know who listens.
 *
 * <p>A listener runs on a group-commit writer thread, in the write's transaction, after the change
 * is saved. It owns what it writes (through the {@link WriteBatch}, whose after-commit actions are
 * the place for anything outside the store, such as an index in Redis) and what it adds to the
 * answer ({@link ChangeOutputs}). It must not refuse the change: the change is decided; a listener
 * that throws fails the whole write, which the group commit then runs again on its own.
 */
public interface ChangeListener {

    /** Follows one applied change. */
    void applied(WriteBatch batch, AppliedChange change, ChangeOutputs outputs);

    /**
     * A user is being erased in this batch, before the rows are deleted: forget what lives outside
     * the store (the rows go with the user's).
     */
    default void erasing(WriteBatch batch, String applicationId, String userId) {
    }
}
