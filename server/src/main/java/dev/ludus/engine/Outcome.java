package dev.ludus.engine;

import java.time.Instant;
import java.util.Optional;

/** One thing that changed for a user, in the order the engine decided it. */
public sealed interface Outcome {

    /** The user's total of a metric after an event. */
    record MetricTotalChanged(String metric, Amount value, Amount total) implements Outcome { }

    /**
     * A change of a points balance, as one entry of the points history.
     *
     * @param system the points system
     * @param amount the change actually applied (after the cap and the zero floor)
     * @param balance the balance after it
     * @param capped whether the cap or the zero floor cut the change short
     * @param source what caused it
     * @param reference the event id, the achievement key, the streak key, the redemption id, the quest key, or empty for an
     *     adjustment
     */
    record PointsChanged(String system, long amount, long balance, boolean capped, Source source,
            Optional<String> reference) implements Outcome { }

    /** A user's level in a points system moved (up or down). */
    record LevelChanged(String system, Optional<Level.Reached> previous, Optional<Level.Reached> current)
            implements Outcome { }

    /** An achievement unlocked. */
    record AchievementUnlocked(String key, Instant at, boolean backfilled, Optional<Achievement.Reward> reward)
            implements Outcome { }

    /** A streak changed: extended, frozen, lost, or freezes earned or granted. */
    record StreakChanged(Streaks.StreakOutcome change) implements Outcome { }

    /** A reward was redeemed: its cost was spent (the {@link PointsChanged} before this outcome). */
    record RewardRedeemed(Reward.Redemption redemption, Instant at) implements Outcome { }

    /** A pending redemption was cancelled: its cost was given back (the {@link PointsChanged} before it). */
    record RedemptionCancelled(Reward.Redemption redemption, Instant at) implements Outcome { }

    /** A quest changed: a step completed, the quest completed, or its window expired unfinished. */
    record QuestChanged(Quests.QuestOutcome change) implements Outcome { }

    /**
     * An earning cap cut what an event earned in a points system (the {@link PointsChanged} before this
     * outcome, {@code capped}, with what it could still add, possibly 0).
     *
     * @param earned what events earned toward the cap in its period, after this event
     * @param resetsAt when the cap's period ends
     */
    record EarningCapped(String system, EarningCap cap, long earned, Instant resetsAt) implements Outcome { }

    /**
     * A lot of expiring points comes within its system's notice of its expiry ({@code points.expiring}).
     *
     * @param points what the lot holds now (spending may still take some before it expires)
     * @param balance the balance now
     */
    record PointsExpiring(String system, long points, Instant expiresAt, long balance) implements Outcome { }

    /**
     * A season of a points system ended for the user: what they held at its end (the
     * {@link PointsChanged} after this outcome takes it back to zero).
     */
    record SeasonEnded(String system, Period season, long balance, Optional<Level.Reached> level)
            implements Outcome { }

    /** A velocity guard flagged the user. */
    record UserFlagged(Flag flag) implements Outcome { }

    /** The user's flag was cleared (their awards are no longer held). */
    record FlagCleared(Flag flag) implements Outcome { }

    /** What caused a points change. */
    enum Source {
        EVENT("event"), ACHIEVEMENT("achievement"), ADJUSTMENT("adjustment"), STREAK("streak"),
        /** A reward's cost, spent; the reference is the redemption's id. */
        REWARD("reward"),
        /** A cancelled redemption's cost, given back; the reference is the redemption's id. */
        REFUND("refund"),
        /** A completed quest's prize; the reference is the quest's key. */
        QUEST("quest"),
        /** Points whose lifetime ended, taken away; no reference. */
        EXPIRY("expiry"),
        /** A balance back to zero as its season ended; the reference is the season's key. */
        SEASON("season");

        private final String wireName;

        Source(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /**
         * True for the changes time makes rather than the application (expiry, the end of a season):
         * not counted by period leaderboards, team boards or what an answer says was awarded.
         */
        public boolean scheduled() {
            return this == EXPIRY || this == SEASON;
        }
    }
}
