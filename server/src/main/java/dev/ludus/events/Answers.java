package dev.ludus.events;

import dev.ludus.engine.Achievement;
import dev.ludus.engine.Change;
import dev.ludus.engine.Language;
import dev.ludus.engine.Level;
import dev.ludus.engine.Outcome;
import dev.ludus.engine.Quest;
import dev.ludus.engine.Quests;
import dev.ludus.engine.Rules;
import dev.ludus.engine.Streaks;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of write answers, built from the engine's outcomes. */
public final class Answers {

    private Answers() { }

    public record EventView(String id, String userId, String metric, BigDecimal value, Instant occurredAt, Instant receivedAt,
            Map<String, String> attributes) {
        static EventView of(StateStore.StoredEvent event) {
            return new EventView(event.id(), event.userId(), event.metric(), event.value().toDecimal(),
                    event.occurredAt(), event.receivedAt(), new java.util.TreeMap<>(event.attributes()));
        }
    }

    record MetricView(String key, BigDecimal total) { }

    /**
     * What a write awarded in one points system.
     *
     * @param capped whether the balance's bounds or an earning cap cut it
     * @param cap the earning cap that cut it, when one did
     */
    public record PointsView(String system, long awarded, long balance, boolean capped, CapView cap) { }

    /**
     * An earning cap reached: at most {@code points} a {@code period} from {@code metric} (null: any
     * metric), {@code earned} so far in the period, which ends at {@code resetsAt}.
     */
    public record CapView(String metric, String period, long points, long earned, Instant resetsAt) {
        static CapView of(Outcome.EarningCapped capped) {
            return new CapView(capped.cap().metric().orElse(null), capped.cap().period().wireName(),
                    capped.cap().points(), capped.earned(), capped.resetsAt());
        }
    }


    /** A level held: its 1-based number, its name in the reader's language, its picture's address (null for none). */
    public record LevelView(int number, String name, String imageUrl) {
        public static LevelView of(Optional<Level.Reached> level, Language language) {
            return level.map(reached -> new LevelView(reached.number(), reached.name().in(language),
                    reached.imageUrl().orElse(null))).orElse(null);
        }
    }

    /** A season: its key ({@code 2027-03}, {@code 2027-Q1}, ...) and the instants it covers, end exclusive. */
    public record SeasonView(String key, Instant start, Instant end) {
        public static SeasonView of(dev.ludus.engine.Period period) {
            return new SeasonView(period.key(), period.start().orElseThrow(), period.end().orElseThrow());
        }
    }

    /** A level that moved, in the answers of every write of a user's state. */
    public record LevelChangeView(String system, LevelView previous, LevelView current) { }

    public record RewardView(String system, long points) { }

    public record UnlockView(String key, String name, String imageUrl, Instant unlockedAt, boolean backfilled,
            RewardView reward) { }

    /**
     * One change of a streak: {@code extended}, {@code freeze_consumed}, {@code freeze_earned},
     * {@code lost} or {@code freezes_granted}. Members that do not apply to the change are null.
     *
     * @param length the run after the change (extended, freeze_consumed) or the run that ended (lost)
     * @param freezes the freezes held after the change
     */
    record StreakChangeView(String key, String change, Integer length, Integer longest, Instant periodStart,
            Instant periodEnd, Integer freezes, Integer granted) { }

    /** What a completed quest paid: points in a system, an achievement; members that do not apply are null. */
    public record PrizeView(String pointsSystem, Long points, String achievement) {
        /** The prize of a quest, or null for none. */
        public static PrizeView of(Quest.Prize prize) {
            if (prize.points().isEmpty() && prize.achievement().isEmpty()) {
                return null;
            }
            return new PrizeView(prize.points().map(Achievement.Reward::system).orElse(null),
                    prize.points().map(Achievement.Reward::points).orElse(null), prize.achievement().orElse(null));
        }
    }

    /**
     * A quest's change, in event answers and {@code quest.*} webhooks: {@code change} is
     * {@code step_completed}, {@code completed} or {@code expired}; {@code step} only for a step;
     * {@code completed_at} the instant of the step or the quest (null when expired); {@code reward}
     * only when completed; {@code team_id} only for a team quest, the team that completed it.
     */
    public record QuestChangeView(String key, String name, String imageUrl, String change, String step, int stepsDone,
            int stepsTotal, Instant windowStart, Instant windowEnd, Instant completedAt, PrizeView reward,
            String teamId) {

        /** The view of one quest outcome, named from {@code rules} in {@code language}. */
        public static QuestChangeView of(Rules rules, Quests.QuestOutcome change, Language language) {
            Optional<Quest> quest = rules.quest(change.quest());
            String name = quest.map(found -> found.name().in(language)).orElse(change.quest());
            String image = quest.flatMap(Quest::imageUrl).orElse(null);
            return switch (change) {
                case Quests.StepCompleted step -> new QuestChangeView(step.quest(), name, image, "step_completed",
                        step.step(), step.done(), step.steps(), step.window().start(), step.window().end(), step.at(),
                        null, null);
                case Quests.Completed done -> new QuestChangeView(done.quest(), name, image, "completed", null,
                        done.steps(), done.steps(), done.window().start(), done.window().end(), done.at(),
                        PrizeView.of(done.prize()), null);
                case Quests.TeamCompleted done -> new QuestChangeView(done.quest(), name, image, "completed", null,
                        done.steps(), done.steps(), done.window().start(), done.window().end(), done.at(),
                        PrizeView.of(done.prize()), done.team());
                case Quests.Expired expired -> new QuestChangeView(expired.quest(), name, image, "expired", null,
                        expired.done(), expired.steps(), expired.window().start(), expired.window().end(), null, null,
                        null);
            };
        }
    }

    /** The quests that {@code change} moved. */
    static List<QuestChangeView> quests(Rules rules, Change change, Language language) {
        return change.outcomes(Outcome.QuestChanged.class).stream()
                .map(changed -> QuestChangeView.of(rules, changed.change(), language)).toList();
    }

    /**
     * The answer of {@code POST /v1/events}: {@code flag} is the user's flag after the event (null when
     * not flagged); for a user of the application's control group ({@code controlGroup}), the lists of
     * what the game did are empty.
     *
     * @param outputs the members the change's listeners add (the leaderboards' rank changes), after the others
     */
    record EventAnswer(EventView event, MetricView metric, List<PointsView> points, List<LevelChangeView> levels,
            List<UnlockView> achievements, List<StreakChangeView> streaks, List<QuestChangeView> quests,
            dev.ludus.profiles.FlagView flag, boolean controlGroup, boolean idempotentReplayed,
            @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> outputs) {

        @com.fasterxml.jackson.annotation.JsonAnyGetter
        Map<String, Object> listenerMembers() {
            return outputs;
        }
    }

    /** The answer of {@code DELETE /v1/users/{id}/flag}: whether there was a flag, and the flag cleared. */
    record FlagClearAnswer(String userId, boolean cleared, dev.ludus.profiles.FlagView flag) { }

    /** The answer of a freeze grant. */
    record FreezeAnswer(String userId, String streak, int requested, int granted, int freezes, int maxFreezes,
            List<StreakChangeView> streaks, boolean idempotentReplayed) { }

    /** The answer of a points adjustment. */
    record AdjustAnswer(String userId, String system, long amount, long balance, boolean capped, String reason,
            LevelView level, List<LevelChangeView> levels, boolean idempotentReplayed) { }

    /** The answer of an API completion. */
    record CompleteAnswer(String userId, String achievement, boolean alreadyUnlocked, List<UnlockView> achievements,
            List<PointsView> points, List<LevelChangeView> levels, List<QuestChangeView> quests,
            boolean idempotentReplayed) { }

    /**
     * Points changes summed per system: what was awarded in all, the final balance, whether capped, and
     * the last earning cap that cut it.
     */
    public static List<PointsView> points(Change change) {
        Map<String, PointsView> bySystem = new LinkedHashMap<>();
        for (Outcome outcome : change.outcomes()) {
            if (outcome instanceof Outcome.PointsChanged points && points.source().scheduled()) {
                // not what the write awarded: the history and the points.changed webhook show it
                continue;
            }
            if (outcome instanceof Outcome.PointsChanged points) {
                PointsView prior = bySystem.get(points.system());
                long awarded = (prior == null ? 0 : prior.awarded()) + points.amount();
                boolean capped = (prior != null && prior.capped()) || points.capped();
                bySystem.put(points.system(), new PointsView(points.system(), awarded, points.balance(), capped,
                        prior == null ? null : prior.cap()));
            } else if (outcome instanceof Outcome.EarningCapped capped) {
                PointsView prior = bySystem.get(capped.system());
                bySystem.put(capped.system(), new PointsView(prior.system(), prior.awarded(), prior.balance(), true,
                        CapView.of(capped)));
            }
        }
        return new ArrayList<>(bySystem.values());
    }

    static List<StreakChangeView> streaks(Change change) {
        return change.outcomes(Outcome.StreakChanged.class).stream().map(changed -> switch (changed.change()) {
            case Streaks.Extended e -> new StreakChangeView(e.streak(), "extended", e.length(), e.longest(),
                    e.period().start(), e.period().end(), null, null);
            case Streaks.FreezeConsumed f -> new StreakChangeView(f.streak(), "freeze_consumed", f.length(), null,
                    f.period().start(), f.period().end(), f.freezesLeft(), null);
            case Streaks.FreezeEarned f -> new StreakChangeView(f.streak(), "freeze_earned", null, null, null, null,
                    f.freezes(), null);
            case Streaks.Lost l -> new StreakChangeView(l.streak(), "lost", l.length(), null, l.period().start(),
                    l.period().end(), null, null);
            case Streaks.FreezesGranted g -> new StreakChangeView(g.streak(), "freezes_granted", null, null, null,
                    null, g.freezes(), g.granted());
        }).toList();
    }

    /** The levels that {@code change} moved, named in {@code language}. */
    public static List<LevelChangeView> levels(Change change, Language language) {
        return change.outcomes(Outcome.LevelChanged.class).stream()
                .map(level -> new LevelChangeView(level.system(), LevelView.of(level.previous(), language),
                        LevelView.of(level.current(), language)))
                .toList();
    }

    /** The achievements that {@code change} unlocked, named in {@code language}. */
    public static List<UnlockView> unlocks(Rules rules, Change change, Language language) {
        return change.outcomes(Outcome.AchievementUnlocked.class).stream()
                .map(unlock -> {
                    Optional<Achievement> achievement = rules.achievement(unlock.key());
                    return new UnlockView(unlock.key(),
                            achievement.map(found -> found.name().in(language)).orElse(unlock.key()),
                            achievement.flatMap(Achievement::imageUrl).orElse(null), unlock.at(), unlock.backfilled(),
                            unlock.reward().map(reward -> new RewardView(reward.system(), reward.points())).orElse(null));
                })
                .toList();
    }
}
