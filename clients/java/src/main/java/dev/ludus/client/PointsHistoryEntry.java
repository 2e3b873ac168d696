package dev.ludus.client;

import java.time.Instant;

/**
 * One change of a user's balance in a points system.
 *
 * @param id increases with every entry, in the order they were applied
 * @param amount the change applied (after the cap and the floor)
 * @param balance the balance after it
 * @param source {@code event}, {@code achievement}, {@code streak}, {@code adjustment}, {@code reward} (a
 *         redemption's cost), {@code refund} (a cancelled redemption's cost, given back), {@code quest}
 *         (a completed quest's prize), {@code expiry} (points whose lifetime ended, taken away:
 *         {@link PointsExpiry}) or {@code season} (the balance back to zero at a season's end:
 *         {@link PointsSeason}); a newer server may add others
 * @param reference the event id ({@code event}), the achievement key ({@code achievement}), the streak
 *         key ({@code streak}), the redemption id ({@code reward}, {@code refund}), the quest key
 *         ({@code quest}), the season's key ({@code season}, such as {@code 2037-03}), or null
 *         ({@code adjustment}, {@code expiry})
 * @param reason the adjustment's reason; {@code expired} for {@code expiry}; {@code season_ended} for
 *         {@code season}; for the entries of a
 *         redemption, a cancellation or a quest join, what made them; otherwise null
 */
public record PointsHistoryEntry(long id, long amount, long balance, String source, String reference, String reason,
        Instant createdAt) { }
