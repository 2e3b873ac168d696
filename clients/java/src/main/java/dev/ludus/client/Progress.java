package dev.ludus.client;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A user's standing in every active rule ({@code GET /v1/users/{id}/progress}).
 *
 * @param metrics every active metric in key order, with the user's total (0 without events)
 * @param points every active points system in key order
 * @param achievements every active achievement the caller may see, in key order
 * @param streaks the user's standing in every active streak, in key order
 * @param recentEvents the user's 20 latest events, newest first
 */
public record Progress(String userId, List<MetricProgress> metrics, List<PointsProgress> points,
        List<AchievementProgress> achievements, List<StreakStanding> streaks, List<RecordedEvent> recentEvents) {

    /** A metric and the user's total of it. */
    public record MetricProgress(String key, String name, BigDecimal total) { }

    /**
     * A points system and the user's balance, as of now: points whose lifetime ended and a season that
     * ended are left out already, even before the write that records them.
     *
     * @param level the current level, or null below the first threshold
     * @param nextLevel the next level, or null at the top or without levels
     * @param season the season running now, for a system with seasons ({@link PointsSeason}); null otherwise
     *         (and from a server without seasons)
     * @param nextExpiry the points of the balance that expire first, and when ({@link PointsExpiry}); null
     *         when none of it expires (and from a server without expiry)
     */
    public record PointsProgress(String system, String name, long balance, LevelReached level, NextLevel nextLevel,
            Season season, NextExpiry nextExpiry) {

        /**
         * The balance without season and expiry, as this record was before it had {@link #season()} and
         * {@link #nextExpiry()} (null), so that code building answers (test doubles) keeps compiling.
         */
        public PointsProgress(String system, String name, long balance, LevelReached level, NextLevel nextLevel) {
            this(system, name, balance, level, nextLevel, null, null);
        }
    }

    /**
     * The points of a balance that expire first.
     *
     * @param points how many expire then (spending before may still take some)
     * @param expiresAt when they expire
     */
    public record NextExpiry(long points, Instant expiresAt) { }

    /**
     * The first level above the balance.
     *
     * @param name its name in the reader's language
     * @param imageUrl the https address of its picture, or null for none
     * @param remaining points still needed
     */
    public record NextLevel(int number, String name, String imageUrl, long threshold, long remaining) {

        /**
         * The level without a picture, as this record was before it had {@link #imageUrl()} (null), so
         * that code building answers (test doubles) keeps compiling.
         */
        public NextLevel(int number, String name, long threshold, long remaining) {
            this(number, name, null, threshold, remaining);
        }
    }

    /**
     * An achievement and whether the user holds it.
     *
     * @param name its name in the reader's language (the user's locale, else the client's
     *         {@link LudusClient.Builder#acceptLanguage}, else the application's default language)
     * @param description its description in the reader's language, or null for none
     * @param imageUrl the https address of its picture, or null for none
     * @param unlockedAt null while locked
     * @param backfilled whether a backfill (a {@code PUT} of the achievement) granted it
     * @param progress towards it: the total and threshold of a metric trigger, the longest run (at
     *         most the length) and the length of a streak trigger, prerequisites held and needed of a
     *         composite; null for an {@code api} trigger
     */
    public record AchievementProgress(String key, String name, String description, String imageUrl, boolean hidden,
            boolean unlocked, Instant unlockedAt, boolean backfilled, Target progress) {

        /**
         * The achievement without description and picture, as this record was before it had
         * {@link #description()} and {@link #imageUrl()} (null), so that code building answers (test
         * doubles) keeps compiling.
         */
        public AchievementProgress(String key, String name, boolean hidden, boolean unlocked, Instant unlockedAt,
                boolean backfilled, Target progress) {
            this(key, name, null, null, hidden, unlocked, unlockedAt, backfilled, progress);
        }
    }

    /** How far a user is: {@code current} may pass {@code target}. */
    public record Target(BigDecimal current, BigDecimal target) { }
}
