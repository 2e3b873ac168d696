package dev.ludus.client;

import java.math.BigDecimal;

/**
 * A leaderboard whose score an event changed ({@link EventAnswer#leaderboards()}).
 *
 * @param period the period's key
 * @param rank computed in the event's transaction; read the board for the settled rank
 * @param previousRank the user's rank before this change, or null when the user was not ranked yet
 */
public record LeaderboardChange(String key, String period, BigDecimal score, long rank, Long previousRank) { }
