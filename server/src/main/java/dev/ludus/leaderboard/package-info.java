/**
 * Leaderboards. For now the ranking indexes: the {@link dev.ludus.leaderboard.Ranking} contract (the
 * order of one leaderboard period, with shared ranks and versioned standings), kept in this JVM
 * ({@link dev.ludus.leaderboard.MemoryRanking}) or in Redis sorted sets shared by several nodes
 * ({@link dev.ludus.leaderboard.RedisRanking}), and made by name through
 * {@link dev.ludus.leaderboard.Rankings}. The indexes are caches of what the store holds and are
 * rebuilt from it; the leaderboard service and its routes, which own that rebuild, come next in this
 * package.
 */
package dev.ludus.leaderboard;
