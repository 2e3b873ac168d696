package dev.ludus.webhook;

import java.util.Optional;

/** The types of webhook messages. Endpoints subscribe to the {@link #subscribable()} ones. */
public enum EventType {
    ACHIEVEMENT_UNLOCKED("achievement.unlocked"),
    POINTS_CHANGED("points.changed"),
    /** Points of a lot come within their system's notice of expiring. */
    POINTS_EXPIRING("points.expiring"),
    LEVEL_CHANGED("level.changed"),
    STREAK_EXTENDED("streak.extended"),
    STREAK_LOST("streak.lost"),
    STREAK_FREEZE_CONSUMED("streak.freeze_consumed"),
    LEADERBOARD_RANK_CHANGED("leaderboard.rank_changed"),
    LEADERBOARD_PERIOD_FINISHED("leaderboard.period_finished"),
    REWARD_REDEEMED("reward.redeemed"),
    QUEST_STEP_COMPLETED("quest.step_completed"),
    QUEST_COMPLETED("quest.completed"),
    QUEST_EXPIRED("quest.expired"),
    /** A velocity guard flagged a user. */
    USER_FLAGGED("user.flagged"),
    /** Sent by {@code POST /v1/webhooks/{id}/ping} to that endpoint only, whatever it subscribes to. */
    PING("webhook.ping");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in payloads and subscriptions. */
    public String wireName() {
        return wireName;
    }

    /**
     * True for the types that show a user the game (everything but {@code user.flagged} and
     * {@code webhook.ping}): not sent about the users of an application's control group.
     */
    public boolean gameFeedback() {
        return this != USER_FLAGGED && this != PING;
    }

    /** True for the types an endpoint can subscribe to. */
    public boolean subscribable() {
        return this != PING;
    }

    /** The subscribable type of that name. */
    public static Optional<EventType> subscribable(String wireName) {
        for (EventType type : values()) {
            if (type.subscribable() && type.wireName.equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
