/**
 * Leaderboards: definitions (a rule kind, {@link dev.ludus.leaderboard.LeaderboardRule}), periods in
 * a board's timezone, scoring (a pure function of a user's change), the stored scores that are the
 * truth, and the routes under {@code /v1/leaderboards}. The ranking indexes follow the
 * {@link dev.ludus.leaderboard.Ranking} contract (the order of one leaderboard period, with shared
 * ranks and versioned standings), kept in this JVM ({@link dev.ludus.leaderboard.MemoryRanking}) or in
 * Redis sorted sets shared by several nodes ({@link dev.ludus.leaderboard.RedisRanking}), made by name
 * through {@link dev.ludus.leaderboard.Rankings}; they are caches of the stored scores, doubted and
 * repaired from them by {@link dev.ludus.leaderboard.Standings} (after a first use, a failed update, a
 * Redis restart or flush), so that writes never depend on Redis: while an index cannot answer, write
 * answers count ranks in the store and reads answer 503 (ADR 0016).
 */
package dev.ludus.leaderboard;
