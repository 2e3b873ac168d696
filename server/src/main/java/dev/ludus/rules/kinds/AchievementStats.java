package dev.ludus.rules.kinds;

import dev.ludus.engine.Achievement;
import java.util.Map;
import java.util.Set;

/** What the achievement catalog needs to know about users, answered by the owner of their state. */
public interface AchievementStats {

    /** How many users hold each achievement. */
    Map<String, Long> completions(String applicationId);

    /** How many users the application has. */
    long users(String applicationId);

    /** The achievements {@code userId} holds. */
    Set<String> unlockedBy(String applicationId, String userId);

    /**
     * Grants {@code achievement} to every user who already qualifies, flagged as backfilled; returns
     * how many got it.
     */
    int backfill(String applicationId, String achievement);

    /**
     * How many users a {@link #backfill} of {@code achievement}, defined as given, would grant it to now
     * (those who meet its criterion and lack it), without granting anything.
     */
    int qualifying(String applicationId, Achievement achievement);
}
