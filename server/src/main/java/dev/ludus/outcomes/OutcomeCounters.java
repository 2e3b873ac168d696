package dev.ludus.outcomes;

import dev.ludus.engine.Outcome;
import dev.ludus.events.AppliedChange;
import dev.ludus.events.ChangeListener;
import dev.ludus.events.ChangeOutputs;
import dev.ludus.store.WriteBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts what the rules did, by kind of outcome: {@code ludus_outcomes_total{outcome=...}} (points
 * changed, achievements unlocked, levels changed, streaks changed, metric totals changed, rewards redeemed,
 * redemptions cancelled, quests changed, earnings capped, users flagged, flags cleared). Counted
 * after the commit, so a batch that rolls back and runs again counts once. Thread-safe: counters are.
 */
public final class OutcomeCounters implements ChangeListener {

    /** The outcomes counted, one counter each. */
    enum Kind {
        METRIC_TOTAL_CHANGED, POINTS_CHANGED, LEVEL_CHANGED, ACHIEVEMENT_UNLOCKED, STREAK_CHANGED, REWARD_REDEEMED,
        REDEMPTION_CANCELLED, QUEST_CHANGED, EARNING_CAPPED, USER_FLAGGED, FLAG_CLEARED, POINTS_EXPIRING, SEASON_ENDED;

        static Kind of(Outcome outcome) {
            return switch (outcome) {
                case Outcome.MetricTotalChanged changed -> METRIC_TOTAL_CHANGED;
                case Outcome.PointsChanged changed -> POINTS_CHANGED;
                case Outcome.LevelChanged changed -> LEVEL_CHANGED;
                case Outcome.AchievementUnlocked unlocked -> ACHIEVEMENT_UNLOCKED;
                case Outcome.StreakChanged changed -> STREAK_CHANGED;
                case Outcome.RewardRedeemed redeemed -> REWARD_REDEEMED;
                case Outcome.RedemptionCancelled cancelled -> REDEMPTION_CANCELLED;
                case Outcome.QuestChanged changed -> QUEST_CHANGED;
                case Outcome.EarningCapped capped -> EARNING_CAPPED;
                case Outcome.UserFlagged flagged -> USER_FLAGGED;
                case Outcome.FlagCleared cleared -> FLAG_CLEARED;
                case Outcome.PointsExpiring expiring -> POINTS_EXPIRING;
                case Outcome.SeasonEnded ended -> SEASON_ENDED;
            };
        }
    }

    private final Map<Kind, Counter> counters = new EnumMap<>(Kind.class);

    public OutcomeCounters(MeterRegistry registry) {
        for (Kind kind : Kind.values()) {
            counters.put(kind, Counter.builder("ludus.outcomes")
                    .description("outcomes of applied changes (events, adjustments, completions, grants, backfills)")
                    .tag("outcome", kind.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    @Override
    public void applied(WriteBatch batch, AppliedChange change, ChangeOutputs outputs) {
        if (change.change().outcomes().isEmpty()) {
            return;
        }
        batch.afterCommit(() -> change.change().outcomes().forEach(outcome -> counters.get(Kind.of(outcome)).increment()));
    }
}
