package dev.ludus.leaderboard;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The order of one leaderboard period: an index over the standings the store holds, rebuilt from it
 * when lost. Users are ordered by score, highest first; among equal scores, the one who reached the
 * score first (smaller {@link Standing#reachedAt()}) comes first, then by user id, compared by code
 * point (the order of the ids' UTF-8 bytes). Ranks share ties: a user's rank is one more than the
 * number of users with a strictly higher score (1, 2, 2, 4).
 *
 * <p>Every operation but {@link #putAll} and {@link #clear} costs O(log n) (plus the size of the
 * page for {@link #range}). Implementations are thread-safe.
 */
public interface Ranking {

    /**
     * A user's score in one period.
     *
     * @param reachedAt when the user reached this score, epoch milliseconds
     * @param version the store's version of this standing, increasing with every change of it; an
     *     update that is not newer than the one held is ignored, so updates that arrive out of order
     *     (from another node, or a rebuild racing live updates) never undo a newer one
     */
    record Standing(String userId, long score, long reachedAt, long version) { }

    /**
     * A standing with its place.
     *
     * @param rank the shared rank, from 1
     * @param position the place in the order, from 0 (distinct for every user)
     */
    record Placed(Standing standing, long rank, long position) { }

    /** Sets a user's standing, unless the one held has the same or a newer version. */
    void put(Standing standing);

    /** {@link #put} for each, as one operation where the implementation can (a rebuild). */
    void putAll(Collection<Standing> standings);

    /**
     * Takes a user out of the order. The user's version is forgotten with it: a later {@link #put}
     * of any version ranks the user again.
     */
    void remove(String userId);

    /** The user's standing and place; empty when the user has none. */
    Optional<Placed> place(String userId);

    /** How many users are ranked. */
    long size();

    /**
     * How many users hold a score strictly higher than {@code score}: the rank that score would
     * have, less one. O(log n).
     */
    long countAbove(long score);

    /**
     * The standings at positions {@code offset} to {@code offset + limit - 1}, in order, each with its
     * rank; fewer (or none) where the order ends first.
     *
     * @throws IllegalArgumentException when {@code offset} or {@code limit} is negative
     */
    List<Placed> range(long offset, int limit);

    /**
     * Makes the index hold what the store holds and marks it loaded. {@code stored} reads every stored
     * standing of the period; it is called once, after whatever the index must note first, so that live
     * {@link #put}s racing the rebuild are kept when they are newer. Answers how many users it had to
     * add, move or remove (0 when the index already matched the store).
     */
    long rebuild(java.util.function.Supplier<? extends Collection<Standing>> stored);

    /** True once a rebuild has completed ({@link #markLoaded}); false after {@link #clear}. */
    boolean loaded();

    /** Records that the index holds everything the store held when the rebuild read it. */
    void markLoaded();

    /** Empties the index and forgets that it was loaded. */
    void clear();
}
