/**
 * Leaderboards: definitions (a rule kind, {@link dev.ludus.leaderboard.LeaderboardRule}), periods in
 * a board's timezone, scoring (a pure function of a user's change), the stored scores that are the
 * truth, the {@link dev.ludus.leaderboard.Ranking} indexes rebuilt from them (in memory, or Redis
 * sorted sets shared by several nodes), and the routes under {@code /v1/leaderboards}.
 */
package dev.ludus.leaderboard;
