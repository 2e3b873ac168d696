package dev.ludus.engine;

import java.util.Locale;

/**
 * A change the rules do not allow (spending more points than a user has, completing an achievement
 * that is not completed by the API). Nothing changed; the caller turns its {@link Reason} into an
 * answer.
 */
public final class Refusal extends RuntimeException {

    /** Why the rules refused a change. */
    public enum Reason {
        /** The event's metric is not an active metric. */
        UNKNOWN_METRIC,
        /** A negative value for a metric that does not allow one. */
        NEGATIVE_VALUE,
        /** The metric's total would leave the range an amount can hold. */
        TOTAL_OUT_OF_RANGE,
        /** No active points system of that key. */
        UNKNOWN_POINTS_SYSTEM,
        /** A spend larger than the balance. */
        INSUFFICIENT_POINTS,
        /** No active achievement of that key. */
        UNKNOWN_ACHIEVEMENT,
        /** The achievement is not one that the API completes. */
        NOT_COMPLETABLE,
        /** No active streak of that key. */
        UNKNOWN_STREAK,
        /** The reward is outside its availability. */
        REWARD_UNAVAILABLE,
        /** Every unit of the reward's stock is redeemed. */
        OUT_OF_STOCK,
        /** The user holds as many of the reward as one user may. */
        LIMIT_REACHED,
        /** The user stands below the level the reward requires. */
        LEVEL_REQUIRED,
        /** No active quest of that key. */
        UNKNOWN_QUEST,
        /** The quest's fixed window has ended. */
        QUEST_ENDED,
        /** The quest is a team quest: users do not join it. */
        NOT_JOINABLE;

        /** The stable machine-readable code, such as {@code insufficient_points}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public Refusal(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The reason's stable machine-readable code, such as {@code insufficient_points}. */
    public String code() {
        return reason.code();
    }
}
