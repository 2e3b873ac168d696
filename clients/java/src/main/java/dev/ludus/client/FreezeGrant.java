package dev.ludus.client;

import java.util.List;

/**
 * A freeze grant ({@code POST /v1/users/{id}/streaks/{key}/freezes}).
 *
 * @param requested the count asked for
 * @param granted what was given: the user's holding stops at {@code maxFreezes} (0 at the cap)
 * @param freezes the freezes held afterwards
 * @param streaks the periods settled before the grant (a missed one consumed a freeze or ended the
 *         run), then the grant itself ({@link StreakChange.Kind#FREEZES_GRANTED})
 * @param idempotentReplayed true when this is the stored answer of an earlier request with the same key
 */
public record FreezeGrant(String userId, String streak, int requested, int granted, int freezes, int maxFreezes,
        List<StreakChange> streaks, boolean idempotentReplayed) { }
