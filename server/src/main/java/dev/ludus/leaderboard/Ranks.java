package dev.ludus.leaderboard;

/**
 * Counting over a {@link Ranking} by score: a binary search over positions, O(log n) lookups of
 * O(log n) each. Stateless.
 */
final class Ranks {

    private Ranks() { }

    /** How many users hold a score strictly above {@code score}. */
    static long countAbove(Ranking ranking, long score) {
        return firstPosition(ranking, score, false);
    }

    /** How many users hold {@code score} or more. */
    static long countAtLeast(Ranking ranking, long score) {
        return firstPosition(ranking, score, true);
    }

    /** The first position whose score is below {@code score} (or not above it, unless {@code inclusive}). */
    private static long firstPosition(Ranking ranking, long score, boolean inclusive) {
        long low = 0;
        long high = ranking.size();
        while (low < high) {
            long middle = (low + high) >>> 1;
            var page = ranking.range(middle, 1);
            if (page.isEmpty()) {
                high = middle;
                continue;
            }
            long held = page.getFirst().standing().score();
            if (held > score || (inclusive && held == score)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
