package dev.ludus.leaderboard;

/** Counting over a {@link Ranking} by score, each in one O(log n) lookup. Stateless. */
final class Ranks {

    private Ranks() { }

    /** How many users hold {@code score} or more (scores are whole numbers). */
    static long countAtLeast(Ranking ranking, long score) {
        return score == Long.MIN_VALUE ? ranking.size() : ranking.countAbove(score - 1);
    }
}
