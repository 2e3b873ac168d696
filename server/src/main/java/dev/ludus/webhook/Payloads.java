package dev.ludus.webhook;

import dev.ludus.engine.Achievement;
import dev.ludus.engine.Change;
import dev.ludus.engine.Language;
import dev.ludus.engine.Level;
import dev.ludus.engine.Outcome;
import dev.ludus.engine.Quests;
import dev.ludus.engine.Reward;
import dev.ludus.engine.Rules;
import dev.ludus.engine.StreakPeriod;
import dev.ludus.engine.Streaks;
import dev.ludus.events.Answers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code data} of each message type, built from the engine's outcomes (pure). Serialised with
 * snake_case members; members that do not apply are {@code null}.
 */
public final class Payloads {

    private Payloads() { }

    /** One message to write: its type and its {@code data}. */
    public record Pending(EventType type, Object data) { }

    public record RewardView(String system, long points) { }

    public record AchievementView(String key, String name, String imageUrl, Instant unlockedAt, boolean backfilled,
            RewardView reward) { }

    /** {@code achievement.unlocked}. */
    public record AchievementData(String userId, AchievementView achievement) { }

    /**
     * One change of a balance, as one entry of the points history.
     *
     * @param source {@code event}, {@code achievement}, {@code adjustment} or {@code streak}
     * @param reference the event id, achievement key or streak key that caused it; null for an adjustment
     */
    public record PointsView(String system, long amount, long balance, boolean capped, String source,
            String reference) { }

    /** {@code points.changed}. */
    public record PointsData(String userId, PointsView points) { }

    /** Points of a lot that expire at {@code expiresAt}, and the balance now. */
    public record ExpiringView(String system, long points, Instant expiresAt, long balance) { }

    /** {@code points.expiring}. */
    public record ExpiringData(String userId, ExpiringView expiring) { }

    public record LevelChangeView(String system, Answers.LevelView previous, Answers.LevelView current) { }

    /** {@code level.changed}. */
    public record LevelData(String userId, LevelChangeView level) { }

    /**
     * A streak's change: {@code length} is the run after it ({@code extended},
     * {@code freeze_consumed}) or the run that ended ({@code lost}); {@code longest} only for
     * {@code extended}; {@code freezes_left} only for {@code freeze_consumed}; the period is the one
     * met, frozen or missed.
     */
    public record StreakView(String key, int length, Integer longest, Integer freezesLeft, Instant periodStart,
            Instant periodEnd) {
        static StreakView of(String key, int length, Integer longest, Integer freezesLeft, StreakPeriod period) {
            return new StreakView(key, length, longest, freezesLeft, period.start(), period.end());
        }
    }

    /** {@code streak.extended}, {@code streak.lost}, {@code streak.freeze_consumed}. */
    public record StreakData(String userId, StreakView streak) { }

    /** A redemption as {@code GET /v1/redemptions/{id}} shows it. */
    public record RedemptionView(String id, String userId, String reward, String pointsSystem, long cost, String status,
            Instant createdAt, Instant updatedAt) {
        static RedemptionView pending(String userId, Reward.Redemption redemption, Instant at) {
            return new RedemptionView(redemption.id(), userId, redemption.reward(), redemption.pointsSystem(),
                    redemption.cost(), "pending", at, at);
        }
    }

    /** {@code reward.redeemed}. */
    public record RedemptionData(String userId, RedemptionView redemption) { }

    /** {@code quest.step_completed}, {@code quest.completed}, {@code quest.expired}. */
    public record QuestData(String userId, Answers.QuestChangeView quest) { }

    /** {@code user.flagged}. */
    public record FlaggedData(String userId, dev.ludus.profiles.FlagView flag) { }

    /** {@code webhook.ping}. */
    public record PingData(String endpointId, String message) { }

    /** The messages a change of one user's state makes, in the order the engine decided, named in {@code language}. */
    public static List<Pending> of(String userId, Rules rules, Change change, Language language) {
        List<Pending> messages = new ArrayList<>();
        for (Outcome outcome : change.outcomes()) {
            switch (outcome) {
                case Outcome.AchievementUnlocked unlock -> {
                    Optional<Achievement> achievement = rules.achievement(unlock.key());
                    messages.add(new Pending(EventType.ACHIEVEMENT_UNLOCKED, new AchievementData(userId,
                            new AchievementView(unlock.key(),
                                    achievement.map(found -> found.name().in(language)).orElse(unlock.key()),
                                    achievement.flatMap(Achievement::imageUrl).orElse(null), unlock.at(),
                                    unlock.backfilled(), unlock.reward().map(reward -> new RewardView(reward.system(),
                                            reward.points())).orElse(null)))));
                }
                case Outcome.PointsChanged points -> {
                    if (points.amount() != 0) {
                        messages.add(new Pending(EventType.POINTS_CHANGED, new PointsData(userId, new PointsView(
                                points.system(), points.amount(), points.balance(), points.capped(),
                                points.source().wireName(), points.reference().orElse(null)))));
                    }
                }
                case Outcome.LevelChanged level -> messages.add(new Pending(EventType.LEVEL_CHANGED,
                        new LevelData(userId, new LevelChangeView(level.system(),
                                Answers.LevelView.of(level.previous(), language),
                                Answers.LevelView.of(level.current(), language)))));
                case Outcome.StreakChanged streak -> streak(userId, streak.change()).ifPresent(messages::add);
                case Outcome.RewardRedeemed redeemed -> messages.add(new Pending(EventType.REWARD_REDEEMED,
                        new RedemptionData(userId, RedemptionView.pending(userId, redeemed.redemption(), redeemed.at()))));
                case Outcome.MetricTotalChanged total -> { }
                case Outcome.RedemptionCancelled cancelled -> { }
                case Outcome.EarningCapped capped -> { }
                case Outcome.SeasonEnded ended -> { } // the points.changed of source season says it
                case Outcome.PointsExpiring expiring -> messages.add(new Pending(EventType.POINTS_EXPIRING,
                        new ExpiringData(userId, new ExpiringView(expiring.system(), expiring.points(),
                                expiring.expiresAt(), expiring.balance()))));
                case Outcome.FlagCleared cleared -> { }
                case Outcome.UserFlagged flagged -> messages.add(new Pending(EventType.USER_FLAGGED,
                        new FlaggedData(userId, dev.ludus.profiles.FlagView.of(flagged.flag()))));
                case Outcome.QuestChanged quest -> messages.add(new Pending(switch (quest.change()) {
                    case Quests.StepCompleted step -> EventType.QUEST_STEP_COMPLETED;
                    case Quests.Completed completed -> EventType.QUEST_COMPLETED;
                    case Quests.TeamCompleted completed -> EventType.QUEST_COMPLETED;
                    case Quests.Expired expired -> EventType.QUEST_EXPIRED;
                }, new QuestData(userId, Answers.QuestChangeView.of(rules, quest.change(), language))));
            }
        }
        return messages;
    }

    private static Optional<Pending> streak(String userId, Streaks.StreakOutcome change) {
        return switch (change) {
            case Streaks.Extended e -> Optional.of(new Pending(EventType.STREAK_EXTENDED, new StreakData(userId,
                    StreakView.of(e.streak(), e.length(), e.longest(), null, e.period()))));
            case Streaks.Lost l -> Optional.of(new Pending(EventType.STREAK_LOST, new StreakData(userId,
                    StreakView.of(l.streak(), l.length(), null, null, l.period()))));
            case Streaks.FreezeConsumed f -> Optional.of(new Pending(EventType.STREAK_FREEZE_CONSUMED,
                    new StreakData(userId, StreakView.of(f.streak(), f.length(), null, f.freezesLeft(), f.period()))));
            case Streaks.FreezeEarned earned -> Optional.empty();
            case Streaks.FreezesGranted granted -> Optional.empty();
        };
    }
}
