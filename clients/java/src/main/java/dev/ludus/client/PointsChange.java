package dev.ludus.client;

/**
 * What a write did to a user's balance in one points system.
 *
 * @param awarded points actually applied (negative when taken), after the cap and the zero floor
 * @param balance the balance afterwards
 * @param capped whether the cap or the zero floor cut an award short ({@code awarded} may then be 0)
 */
public record PointsChange(String system, long awarded, long balance, boolean capped) { }
