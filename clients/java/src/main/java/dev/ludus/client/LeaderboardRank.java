package dev.ludus.client;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One user's standing on a leaderboard ({@code GET /v1/leaderboards/{key}/users/{id}}).
 *
 * @param percentile the percentage of participants with a strictly lower score, 0 to 100
 * @param previousRank the rank before the user's latest score change in the period; null when that
 *         change was their first
 */
public record LeaderboardRank(String userId, long rank, BigDecimal score, BigDecimal percentile, Long previousRank,
        Instant reachedAt, long participants, LeaderboardPeriod period) { }
