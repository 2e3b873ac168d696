package dev.ludus.client;

/**
 * What a write did to a user's balance in one points system.
 *
 * @param awarded points actually applied (negative when taken), after the cap, the zero floor and the
 *         earning caps
 * @param balance the balance afterwards
 * @param capped whether the cap, the zero floor or an earning cap cut an award short ({@code awarded} may
 *         then be 0)
 * @param cap the earning cap that cut what the event earned; null when none did (and from a server
 *         without earning caps)
 */
public record PointsChange(String system, long awarded, long balance, boolean capped, CapReached cap) {

    /**
     * The change without an earning cap, as this record was before it had {@link #cap()}, so that code
     * building answers (test doubles) keeps compiling.
     */
    public PointsChange(String system, long awarded, long balance, boolean capped) {
        this(system, awarded, balance, capped, null);
    }
}
