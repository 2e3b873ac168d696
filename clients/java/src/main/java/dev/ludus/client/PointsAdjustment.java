package dev.ludus.client;

import java.util.List;

/**
 * A points grant or spend by hand ({@code POST /v1/users/{id}/points/{system}/adjust}).
 *
 * @param amount the change applied, after the cap
 * @param balance the balance afterwards
 * @param capped whether the cap cut a grant short
 * @param level the level after the adjustment, or null below the first threshold
 * @param levels the level change, if any
 * @param idempotentReplayed true when this is the stored answer of an earlier request with the same key
 */
public record PointsAdjustment(String userId, String system, long amount, long balance, boolean capped, String reason,
        LevelReached level, List<LevelChange> levels, boolean idempotentReplayed) { }
