package dev.ludus.client;

import java.util.List;

/**
 * A redemption and what it did to the user's balance: the answer of a redeem
 * ({@code POST /v1/users/{id}/rewards/{key}/redeem}, the cost spent) and of a cancellation
 * ({@code POST /v1/redemptions/{id}/cancel}, the cost given back).
 *
 * @param points the change of the balance in the reward's points system
 * @param levels the level change in that system, if any
 * @param remaining units of the reward left afterwards, or null when the stock is unlimited
 * @param idempotentReplayed true when this is the stored answer of an earlier request with the same key
 */
public record RedemptionChange(Redemption redemption, Points points, List<LevelChange> levels, Long remaining,
        boolean idempotentReplayed) {

    /**
     * @param amount minus the cost for a redemption; the cost given back for a cancellation (less when the
     *         system's cap cut it)
     * @param balance the balance afterwards
     */
    public record Points(String system, long amount, long balance) { }
}
