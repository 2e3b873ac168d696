package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The types of webhook messages; an endpoint subscribes to some of them (all but {@link #PING}). */
public enum WebhookEventType {
    @JsonProperty("achievement.unlocked") ACHIEVEMENT_UNLOCKED,
    @JsonProperty("points.changed") POINTS_CHANGED,
    /**
     * Points of a user will expire: sent once per lot of points (what the user earned on a day),
     * {@link PointsExpiry#noticeDays()} days before it expires, if it still holds points; {@code data}:
     * {@code user_id} and {@code expiring} ({@code system}, {@code points} the lot holds now,
     * {@code expires_at}, {@code balance} now).
     */
    @JsonProperty("points.expiring") POINTS_EXPIRING,
    @JsonProperty("level.changed") LEVEL_CHANGED,
    @JsonProperty("streak.extended") STREAK_EXTENDED,
    @JsonProperty("streak.lost") STREAK_LOST,
    @JsonProperty("streak.freeze_consumed") STREAK_FREEZE_CONSUMED,
    @JsonProperty("leaderboard.rank_changed") LEADERBOARD_RANK_CHANGED,
    @JsonProperty("leaderboard.period_finished") LEADERBOARD_PERIOD_FINISHED,
    @JsonProperty("reward.redeemed") REWARD_REDEEMED,
    /** A step of a user's quest completed; {@code data}: {@code user_id} and {@code quest} ({@link QuestChange}). */
    @JsonProperty("quest.step_completed") QUEST_STEP_COMPLETED,
    /**
     * A user completed a quest (its prize paid); {@code data} as for {@link #QUEST_STEP_COMPLETED}. For a
     * team quest, one to each member of the team that completed it, with {@link QuestChange#teamId()} set.
     */
    @JsonProperty("quest.completed") QUEST_COMPLETED,
    /** A window of a user's quest ended unfinished; {@code data} as for {@link #QUEST_STEP_COMPLETED}. */
    @JsonProperty("quest.expired") QUEST_EXPIRED,
    /**
     * A metric's velocity guard flagged a user ({@link VelocityGuard}); {@code data}: {@code user_id} and
     * {@code flag} ({@link UserFlag}). Sent once per flag, not again until it is cleared and raised anew.
     */
    @JsonProperty("user.flagged") USER_FLAGGED,
    /** Sent by {@link WebhooksApi#ping}; not subscribable. */
    @JsonProperty("webhook.ping") PING,
    /** A type this version of the SDK does not know (a newer server). */
    @JsonEnumDefaultValue UNKNOWN
}
