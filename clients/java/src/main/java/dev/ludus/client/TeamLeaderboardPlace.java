package dev.ludus.client;

import java.math.BigDecimal;

/**
 * One team's place on a team leaderboard in a period ({@code GET /v1/team_leaderboards/{key}/teams/{id}}).
 *
 * @param score as in {@link TeamLeaderboardRanking.Entry#score()}
 * @param members the team's members now
 * @param participants how many teams are ranked in the period
 */
public record TeamLeaderboardPlace(String teamId, String name, long rank, BigDecimal score, long members,
        long participants, TeamLeaderboardPeriod period) { }
