package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The types of webhook messages; an endpoint subscribes to some of them (all but {@link #PING}). */
public enum WebhookEventType {
    @JsonProperty("achievement.unlocked") ACHIEVEMENT_UNLOCKED,
    @JsonProperty("points.changed") POINTS_CHANGED,
    @JsonProperty("level.changed") LEVEL_CHANGED,
    @JsonProperty("streak.extended") STREAK_EXTENDED,
    @JsonProperty("streak.lost") STREAK_LOST,
    @JsonProperty("streak.freeze_consumed") STREAK_FREEZE_CONSUMED,
    @JsonProperty("leaderboard.rank_changed") LEADERBOARD_RANK_CHANGED,
    @JsonProperty("leaderboard.period_finished") LEADERBOARD_PERIOD_FINISHED,
    @JsonProperty("reward.redeemed") REWARD_REDEEMED,
    /** Sent by {@link WebhooksApi#ping}; not subscribable. */
    @JsonProperty("webhook.ping") PING,
    /** A type this version of the SDK does not know (a newer server). */
    @JsonEnumDefaultValue UNKNOWN
}
