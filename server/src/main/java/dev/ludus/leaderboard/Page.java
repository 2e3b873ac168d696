package dev.ludus.leaderboard;

import dev.ludus.leaderboard.Ranking.Placed;
import dev.ludus.leaderboard.Ranking.Standing;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One page of {@link Ranking#range}, filled in order: gives each standing its position and its
 * shared rank. Only the first standing's rank needs a count of the higher scores; after it, a
 * standing with the score of the one before shares its rank, and any other has every standing
 * before it above it, so its rank is its position plus one.
 */
final class Page {

    private final long offset;
    private final List<Placed> placed;

    /** An empty page from {@code offset}, with room for {@code expected} standings. */
    Page(long offset, int expected) {
        this.offset = offset;
        this.placed = new ArrayList<>(Math.max(0, expected));
    }

    /** Checks the arguments of {@link Ranking#range}. */
    static void check(long offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
    }

    /**
     * Appends the next standing.
     *
     * @param higher how many standings in the whole ranking have a strictly higher score; asked only
     *     for the first standing of the page
     */
    void add(Standing standing, LongSupplier higher) {
        long position = offset + placed.size();
        long rank;
        if (placed.isEmpty()) {
            rank = higher.getAsLong() + 1;
        } else {
            Placed previous = placed.getLast();
            rank = previous.standing().score() == standing.score() ? previous.rank() : position + 1;
        }
        placed.add(new Placed(standing, rank, position));
    }

    List<Placed> placed() {
        return placed;
    }
}
