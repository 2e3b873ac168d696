package dev.ludus.console;

import dev.ludus.rules.kinds.AchievementStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each application's achievement rarity for the dashboard: how many users hold each achievement, out
 * of how many users, counted off the request's thread and kept for {@link #REFRESH}. The counts scan
 * the application's unlocks and users (at 1,000,000 users longer than a page may take), so a view
 * never waits for them: it shows what was counted last, and a view after {@link #REFRESH} asks for a
 * new count, which the next views show. The first view of an application shows none yet.
 *
 * <p>Thread-safe: the counts are replaced whole; at most one count per application runs at a time.
 */
final class Rarities {

    /** How long a count is shown before a view asks for a new one. */
    static final Duration REFRESH = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(Rarities.class);

    /** What was counted for one application, and when. */
    record Counted(Map<String, Long> holders, long users, Instant at) {

        /** The share of the users who hold {@code achievement}, or empty without users. */
        Optional<Double> rarity(String achievement) {
            return users == 0 ? Optional.empty() : Optional.of(holders.getOrDefault(achievement, 0L) / (double) users);
        }
    }

    private final AchievementStats stats;
    private final Clock clock;
    private final Map<String, Counted> counted = new ConcurrentHashMap<>();
    private final Set<String> counting = ConcurrentHashMap.newKeySet();

    Rarities(AchievementStats stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    /** The last count of the application's rarities, if any; asks for a new one when it is missing or old. */
    Optional<Counted> of(String applicationId) {
        Counted last = counted.get(applicationId);
        if ((last == null || !last.at().plus(REFRESH).isAfter(clock.instant())) && counting.add(applicationId)) {
            Thread.ofVirtual().name("ludus-rarity-count").start(() -> {
                try {
                    Instant at = clock.instant();
                    counted.put(applicationId, new Counted(Map.copyOf(stats.completions(applicationId)),
                            stats.users(applicationId), at));
                } catch (RuntimeException e) {
                    LOG.warn("counting the achievement rarity of application {} failed ({}); the next view tries again",
                            applicationId, e.toString());
                } finally {
                    counting.remove(applicationId);
                }
            });
        }
        return Optional.ofNullable(last);
    }
}
