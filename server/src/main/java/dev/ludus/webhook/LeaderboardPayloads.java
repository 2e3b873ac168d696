package dev.ludus.webhook;

import java.time.Instant;
import java.util.List;

/**
 * The {@code data} of the leaderboard messages, for the leaderboard code to pass to
 * {@link Outbox#enqueue(dev.ludus.store.WriteBatch, String, String, EventType, Object)} in the
 * transaction that changes the standings.
 */
public final class LeaderboardPayloads {

    private LeaderboardPayloads() { }

    /**
     * A user's rank on a board moved.
     *
     * @param period the period's key: {@code all} for all-time boards, the local date a day or week
     *     starts on ({@code 2026-11-23}), or the month ({@code 2026-11})
     * @param previousRank the rank before, null when the user was not ranked
     */
    public record RankView(String key, String period, Long previousRank, long rank, String score) { }

    /** {@code leaderboard.rank_changed}: the message's user is {@code user_id}. */
    public record RankChanged(String userId, RankView leaderboard) { }

    /** One line of a final standing. */
    public record Standing(long rank, String userId, String score) { }

    /** A finished period and its final top standings. */
    public record PeriodView(String key, String period, Instant periodStart, Instant periodEnd, String timezone,
            List<Standing> top) { }

    /** {@code leaderboard.period_finished}: a message about no one user (enqueue it with a null user). */
    public record PeriodFinished(PeriodView leaderboard) { }
}
