package dev.ludus.engine;

import dev.ludus.engine.Achievement.Criterion;
import dev.ludus.engine.Outcome.Source;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rules applied: each method takes the active {@link Rules}, a user's {@link UserState} and
 * the instant of the change, and returns the new state with its {@link Outcome}s. Pure: no I/O,
 * no clock, no shared state.
 *
 * <p>An event adds to the metric's total, feeds the points triggers on that metric, counts toward
 * the streaks whose conditions name the metric (in the user's timezone; a streak grown to a length
 * pays the points triggers on that length), then unlocks every achievement whose criterion now holds
 * (composites until nothing more unlocks); each unlock pays its reward and the points triggers on
 * it. Level changes come last, one per system, from the level before the change to the level after
 * it. What events earn is cut by the points systems' earning caps; a metric's velocity guard may flag
 * the user, and a flag that holds awards leaves an event only its total.
 */
public final class Engine {

    private Engine() { }

    /**
     * Applies an event.
     *
     * @throws Refusal {@code unknown_metric}, {@code negative_value} (the metric does not allow it) or
     *     {@code total_out_of_range}
     */
    public static Change applyEvent(Rules rules, UserState state, Event event, Instant now) {
        return applyEvent(rules, state, event, java.time.ZoneOffset.UTC, now);
    }

    /**
     * Applies an event of a user whose periods are judged in {@code zone}.
     *
     * @throws Refusal {@code unknown_metric}, {@code negative_value} (the metric does not allow it) or
     *     {@code total_out_of_range}
     */
    public static Change applyEvent(Rules rules, UserState state, Event event, ZoneId zone, Instant now) {
        MetricRule metric = rules.metric(event.metric())
                .orElseThrow(() -> new Refusal(Refusal.Reason.UNKNOWN_METRIC, "no active metric '" + event.metric() + "'"));
        if (event.value().isNegative() && !metric.allowNegative()) {
            throw new Refusal(Refusal.Reason.NEGATIVE_VALUE, "metric '" + metric.key() + "' does not allow negative values");
        }
        Session session = new Session(rules, state, now);
        Amount total;
        try {
            total = state.total(metric.key()).plus(event.value());
        } catch (ArithmeticException e) {
            throw new Refusal(Refusal.Reason.TOTAL_OUT_OF_RANGE, "the total of '" + metric.key() + "' would leave its range");
        }
        session.totals.put(metric.key(), total);
        session.outcomes.add(new Outcome.MetricTotalChanged(metric.key(), event.value(), total));
        if (session.guard(metric) || state.held()) {
            return session.finish();
        }
        for (PointsSystem system : sorted(rules.pointsSystems())) {
            Map<String, List<PointsTrigger.PerMetric>> byProgress = new java.util.LinkedHashMap<>();
            for (PointsTrigger trigger : system.triggers()) {
                if (trigger instanceof PointsTrigger.PerMetric perMetric
                        && perMetric.matches(event.metric(), event.attributes())) {
                    byProgress.computeIfAbsent(perMetric.progressKey(), key -> new ArrayList<>()).add(perMetric);
                }
            }
            byProgress.values().forEach(triggers -> session.accumulate(system, triggers, event, zone));
        }
        Instant occurredAt = event.countsAt(now);
        for (StreakRule streak : sorted(rules.streaks())) {
            if (streak.counts(metric.key())) {
                List<Streaks.StreakOutcome> changes = new ArrayList<>();
                session.streaks.put(streak.key(), Streaks.apply(streak, state.streak(streak), metric.key(),
                        event.value(), occurredAt, zone, changes));
                changes.forEach(session::streakChanged);
            }
        }
        session.unlockQualifying(false);
        for (Quest quest : sorted(rules.quests())) {
            List<Quests.QuestOutcome> changes = new ArrayList<>();
            session.putQuest(quest.key(), Quests.apply(quest, session.quest(quest.key()), metric.key(), event.value(),
                    occurredAt, zone, session.unlocked.keySet(), now, changes));
            changes.forEach(session::questChanged);
        }
        session.payQuestPrizes(zone);
        return session.finish();
    }

    /**
     * Joins a user to a quest at {@code now} (the window containing it opens, in {@code zone} for a
     * recurring quest); joining again, or joining an automatic quest, changes nothing but the settling
     * of an ended window.
     *
     * @throws Refusal {@code unknown_quest}, or {@code quest_ended} when its fixed window has ended
     */
    public static Change joinQuest(Rules rules, UserState state, String key, ZoneId zone, Instant now) {
        Quest quest = rules.quest(key).orElseThrow(() ->
                new Refusal(Refusal.Reason.UNKNOWN_QUEST, "no active quest '" + key + "'"));
        Session session = new Session(rules, state, now);
        List<Quests.QuestOutcome> changes = new ArrayList<>();
        session.putQuest(key, Quests.join(quest, state.quest(key), zone, state.unlocked().keySet(), now, changes));
        changes.forEach(session::questChanged);
        session.payQuestPrizes(zone);
        return session.finish();
    }

    /**
     * Pays a member of {@code team} the prize of the team quest {@code questKey}, which the team completed
     * in {@code window} at {@code completedAt} (once per team and window: the caller claims it).
     *
     * @throws Refusal {@code unknown_quest} when the quest is no longer active
     */
    public static Change teamQuestCompleted(Rules rules, UserState state, String questKey, String team,
            Quest.Span window, Instant completedAt, ZoneId zone, Instant now) {
        Quest quest = rules.quest(questKey).filter(Quest::team).orElseThrow(() ->
                new Refusal(Refusal.Reason.UNKNOWN_QUEST, "no active team quest '" + questKey + "'"));
        Session session = new Session(rules, state, now);
        session.questChanged(new Quests.TeamCompleted(quest.key(), team, window, quest.steps().size(), completedAt,
                quest.prize()));
        session.payQuestPrizes(zone);
        return session.finish();
    }

    /**
     * Clears the user's flag: their awards are no longer held, and the arrivals the guards counted are
     * forgotten, so that the events before the flag do not raise it again. Clearing an absent flag
     * changes nothing.
     */
    public static Change clearFlag(Rules rules, UserState state, Instant now) {
        Session session = new Session(rules, state, now);
        state.flag().ifPresent(flag -> {
            session.flag = Optional.empty();
            session.recent.clear();
            session.outcome(new Outcome.FlagCleared(flag));
        });
        return session.finish();
    }

    /**
     * Grants ({@code amount > 0}) or spends ({@code amount < 0}) points by hand. A grant over the cap
     * is cut to the cap.
     *
     * @throws Refusal {@code unknown_points_system}, or {@code insufficient_points} when spending
     *     would take the balance below zero in a system that does not allow it
     */
    public static Change adjust(Rules rules, UserState state, String systemKey, long amount, Instant now) {
        PointsSystem system = rules.pointsSystem(systemKey).orElseThrow(() ->
                new Refusal(Refusal.Reason.UNKNOWN_POINTS_SYSTEM, "no active points system '" + systemKey + "'"));
        long balance = state.balance(systemKey).balance();
        if (amount < 0 && !system.allowNegative() && balance + amount < 0) {
            throw new Refusal(Refusal.Reason.INSUFFICIENT_POINTS, "the balance of '" + systemKey + "' is " + balance
                    + "; spending " + -amount + " would take it below zero");
        }
        Session session = new Session(rules, state, now);
        session.award(system, amount, Source.ADJUSTMENT, Optional.empty());
        return session.finish();
    }

    /**
     * Redeems one unit of {@code reward}: spends its cost in its points system. The checks, in order:
     * availability at {@code now}, the stock ({@code redeemed} units held in all), the user's limit
     * ({@code heldByUser} units held by this user), the level required (before spending), the balance.
     *
     * @throws Refusal {@code unknown_points_system}, {@code reward_unavailable}, {@code out_of_stock},
     *     {@code limit_reached}, {@code level_required} or {@code insufficient_points}
     */
    public static Change redeem(Rules rules, UserState state, Reward reward, String redemptionId, long redeemed,
            long heldByUser, Instant now) {
        PointsSystem system = rules.pointsSystem(reward.pointsSystem()).orElseThrow(() ->
                new Refusal(Refusal.Reason.UNKNOWN_POINTS_SYSTEM, "no active points system '" + reward.pointsSystem()
                        + "'"));
        if (!reward.availableAt(now)) {
            throw new Refusal(Refusal.Reason.REWARD_UNAVAILABLE, "reward '" + reward.key() + "' is "
                    + (reward.availableFrom().filter(now::isBefore).isPresent()
                            ? "available from " + reward.availableFrom().get()
                            : "no longer available (until " + reward.availableUntil().orElseThrow() + ")"));
        }
        if (reward.remaining(redeemed).orElse(1) == 0) {
            throw new Refusal(Refusal.Reason.OUT_OF_STOCK, "reward '" + reward.key() + "' is out of stock (all "
                    + reward.stock().getAsLong() + " redeemed)");
        }
        if (reward.perUserLimit().isPresent() && heldByUser >= reward.perUserLimit().getAsInt()) {
            throw new Refusal(Refusal.Reason.LIMIT_REACHED, "the user holds " + heldByUser + " of reward '"
                    + reward.key() + "', its limit per user");
        }
        long balance = state.balance(system.key()).balance();
        if (reward.levelRequired().isPresent()) {
            int level = system.levelAt(balance).map(Level.Reached::number).orElse(0);
            if (level < reward.levelRequired().getAsInt()) {
                throw new Refusal(Refusal.Reason.LEVEL_REQUIRED, "reward '" + reward.key() + "' requires level "
                        + reward.levelRequired().getAsInt() + " of '" + system.key() + "'; the user is at level "
                        + level);
            }
        }
        if (!system.allowNegative() && balance < reward.cost()) {
            throw new Refusal(Refusal.Reason.INSUFFICIENT_POINTS, "reward '" + reward.key() + "' costs " + reward.cost()
                    + " points of '" + system.key() + "'; the balance is " + balance);
        }
        Reward.Redemption redemption = new Reward.Redemption(redemptionId, reward.key(), system.key(), reward.cost());
        Session session = new Session(rules, state, now);
        session.award(system, -reward.cost(), Source.REWARD, Optional.of(redemptionId));
        session.outcome(new Outcome.RewardRedeemed(redemption, now));
        return session.finish();
    }

    /**
     * Gives a cancelled redemption's cost back (up to the system's cap, like any award).
     *
     * @throws Refusal {@code unknown_points_system} when its points system is no longer active
     */
    public static Change refund(Rules rules, UserState state, Reward.Redemption redemption, Instant now) {
        PointsSystem system = rules.pointsSystem(redemption.pointsSystem()).orElseThrow(() ->
                new Refusal(Refusal.Reason.UNKNOWN_POINTS_SYSTEM, "no active points system '"
                        + redemption.pointsSystem() + "' to refund into"));
        Session session = new Session(rules, state, now);
        session.award(system, redemption.cost(), Source.REFUND, Optional.of(redemption.id()));
        session.outcome(new Outcome.RedemptionCancelled(redemption, now));
        return session.finish();
    }

    /**
     * Completes an achievement whose criterion is the API, and whatever composites it completes.
     * Completing one the user already has changes nothing.
     *
     * @throws Refusal {@code unknown_achievement}, or {@code not_completable} when the achievement
     *     unlocks by another criterion
     */
    public static Change complete(Rules rules, UserState state, String key, Instant now) {
        return complete(rules, state, key, java.time.ZoneOffset.UTC, now);
    }

    /**
     * Completes an achievement whose criterion is the API for a user whose quest windows are judged in
     * {@code zone}: the quests whose achievement steps it (or what it unlocks) completes move too.
     *
     * @throws Refusal {@code unknown_achievement}, or {@code not_completable} when the achievement
     *     unlocks by another criterion
     */
    public static Change complete(Rules rules, UserState state, String key, ZoneId zone, Instant now) {
        Achievement achievement = rules.achievement(key).orElseThrow(() ->
                new Refusal(Refusal.Reason.UNKNOWN_ACHIEVEMENT, "no active achievement '" + key + "'"));
        if (!(achievement.criterion() instanceof Criterion.ApiCall)) {
            throw new Refusal(Refusal.Reason.NOT_COMPLETABLE, "achievement '" + key
                    + "' unlocks by its own criterion, not through the API");
        }
        Session session = new Session(rules, state, now);
        if (!state.unlocked().containsKey(key)) {
            session.unlock(achievement, false);
            session.unlockQualifying(false);
            session.recheckQuests(zone);
            session.payQuestPrizes(zone);
        }
        return session.finish();
    }

    /**
     * Gives a user {@code count} freezes of a streak, up to its maximum, after settling the periods
     * that ended before {@code now} in {@code zone}.
     *
     * @throws Refusal {@code unknown_streak}
     */
    public static Change grantFreezes(Rules rules, UserState state, String streakKey, int count, ZoneId zone,
            Instant now) {
        StreakRule streak = rules.streak(streakKey).orElseThrow(() ->
                new Refusal(Refusal.Reason.UNKNOWN_STREAK, "no active streak '" + streakKey + "'"));
        Session session = new Session(rules, state, now);
        List<Streaks.StreakOutcome> changes = new ArrayList<>();
        session.streaks.put(streak.key(), Streaks.grantFreezes(streak, state.streak(streak), count, now, zone,
                changes));
        changes.forEach(session::streakChanged);
        return session.finish();
    }

    /**
     * Unlocks every achievement the user already qualifies for, flagged as backfilled: what an
     * application sees after adding or changing an achievement.
     */
    public static Change backfill(Rules rules, UserState state, Instant now) {
        Session session = new Session(rules, state, now);
        session.unlockQualifying(true);
        return session.finish();
    }

    /**
     * What time alone does to the user by {@code now} (every write does it first): takes away points
     * whose lifetime ended, ends seasons that ended, gives the notices of points about to expire. What
     * the expiry sweep runs for a user it finds due, and reads use to show the present. No outcome when
     * nothing was due.
     */
    public static Change expire(Rules rules, UserState state, Instant now) {
        return new Session(rules, state, now).finish();
    }

    /** True when {@code state} qualifies for {@code achievement} and does not have it yet. */
    public static boolean qualifies(UserState state, Achievement achievement) {
        if (state.unlocked().containsKey(achievement.key())) {
            return false;
        }
        return switch (achievement.criterion()) {
            case Criterion.MetricTotal total -> state.total(total.metric()).compareTo(total.threshold()) >= 0;
            case Criterion.AllOf all -> state.unlocked().keySet().containsAll(all.prerequisites());
            case Criterion.StreakLength streak -> state.streaks().containsKey(streak.streak())
                    && state.streaks().get(streak.streak()).longest() >= streak.length();
            case Criterion.ApiCall api -> false;
        };
    }

    private static <T> List<T> sorted(Map<String, T> byKey) {
        return List.copyOf(new TreeMap<>(byKey).values());
    }

    /** The working copy of one user's state during one change. Confined to the calling thread. */
    private static final class Session {
        private final Rules rules;
        private final UserState before;
        private final Instant now;
        private final Map<String, Amount> totals;
        private final Map<String, UserState.Balance> points;
        private final Map<String, UserState.Unlock> unlocked;
        private final Map<String, StreakState> streaks;
        private final Map<String, QuestState> quests;
        private final Map<String, List<Instant>> recent;
        private Optional<Flag> flag;
        private final List<Outcome> outcomes = new ArrayList<>();
        /** Completed quests whose prizes are not paid yet: their keys and prizes. */
        private final List<Map.Entry<String, Quest.Prize>> unpaid = new ArrayList<>();

        Session(Rules rules, UserState before, Instant now) {
            this.rules = rules;
            this.before = before;
            this.now = now;
            this.totals = new HashMap<>(before.totals());
            this.points = new HashMap<>(before.points());
            this.unlocked = new HashMap<>(before.unlocked());
            this.streaks = new HashMap<>(before.streaks());
            this.quests = new HashMap<>(before.quests());
            this.recent = new HashMap<>(before.recent());
            this.flag = before.flag();
            // what time did goes first (points whose lifetime ended, seasons that ended, notices that
            // came due): whatever the write is, it sees the balances of now
            catchUp();
        }

        /**
         * Counts the event's arrival against its metric's velocity guard, when it has one and the user
         * is not flagged: more than the guard's events within its window flags the user (and forgets the
         * arrivals counted). True when the flag raised holds the user's awards.
         */
        boolean guard(MetricRule metric) {
            if (metric.velocity().isEmpty() || flag.isPresent()) {
                return false;
            }
            Velocity velocity = metric.velocity().get();
            Instant since = now.minus(velocity.window());
            List<Instant> kept = new ArrayList<>();
            for (Instant at : before.recent(metric.key())) {
                if (at.isAfter(since)) {
                    kept.add(at);
                }
            }
            kept.add(now);
            if (kept.size() <= velocity.maxEvents()) {
                recent.put(metric.key(), kept);
                return false;
            }
            Flag raised = new Flag(now, metric.key(), kept.size(), velocity.window(), velocity.hold());
            flag = Optional.of(raised);
            recent.clear();
            outcomes.add(new Outcome.UserFlagged(raised));
            return raised.hold();
        }

        QuestState quest(String key) {
            return quests.getOrDefault(key, QuestState.NONE);
        }

        /** Keeps a quest's new state; a state that did not change is not added (nothing to write). */
        void putQuest(String key, QuestState state) {
            if (!state.equals(quest(key))) {
                quests.put(key, state);
            }
        }

        void questChanged(Quests.QuestOutcome change) {
            outcomes.add(new Outcome.QuestChanged(change));
            switch (change) {
                case Quests.Completed completed -> unpaid.add(Map.entry(completed.quest(), completed.prize()));
                case Quests.TeamCompleted completed -> unpaid.add(Map.entry(completed.quest(), completed.prize()));
                default -> { }
            }
        }

        /**
         * Pays the prizes of the quests completed so far: points, then the achievement (with what it
         * unlocks in turn); then re-checks the running quests' achievement steps, until nothing more
         * completes (each quest completes once per window, so this ends).
         */
        void payQuestPrizes(ZoneId zone) {
            while (!unpaid.isEmpty()) {
                Map.Entry<String, Quest.Prize> completed = unpaid.removeFirst();
                Optional<String> reference = Optional.of(completed.getKey());
                completed.getValue().points().ifPresent(prize -> rules.pointsSystem(prize.system()).ifPresent(system ->
                        award(system, prize.points(), Source.QUEST, reference)));
                completed.getValue().achievement().flatMap(rules::achievement)
                        .filter(achievement -> !unlocked.containsKey(achievement.key()))
                        .ifPresent(achievement -> unlock(achievement, false));
                unlockQualifying(false);
                recheckQuests(zone);
            }
        }

        /** Checks the achievement steps of every quest again, at {@code now}, after achievements unlocked. */
        void recheckQuests(ZoneId zone) {
            for (Quest quest : sorted(rules.quests())) {
                List<Quests.QuestOutcome> changes = new ArrayList<>();
                putQuest(quest.key(), Quests.recheck(quest, quest(quest.key()), zone, unlocked.keySet(), now, changes));
                changes.forEach(this::questChanged);
            }
        }

        /** Records a streak's change and pays the points triggers on the length it grew to. */
        void streakChanged(Streaks.StreakOutcome change) {
            outcomes.add(new Outcome.StreakChanged(change));
            if (!(change instanceof Streaks.Extended extended)) {
                return;
            }
            for (PointsSystem system : sorted(rules.pointsSystems())) {
                for (PointsTrigger trigger : system.triggers()) {
                    if (trigger instanceof PointsTrigger.OnStreak on && on.streak().equals(extended.streak())
                            && on.length() == extended.length()) {
                        award(system, on.points(), Source.STREAK, Optional.of(extended.streak()));
                    }
                }
            }
        }

        /** Adds the event to the accumulator that {@code triggers} share, then pays each of them. */
        void accumulate(PointsSystem system, List<PointsTrigger.PerMetric> triggers, Event event, ZoneId zone) {
            UserState.Balance balance = points.getOrDefault(system.key(), UserState.Balance.EMPTY);
            PointsTrigger.PerMetric first = triggers.getFirst();
            String progressKey = first.progressKey();
            Amount accumulated = balance.progress().getOrDefault(progressKey, Amount.ZERO);
            Amount next;
            try {
                next = accumulated.plus(event.value());
            } catch (ArithmeticException e) {
                throw new Refusal(Refusal.Reason.TOTAL_OUT_OF_RANGE, "the total of '" + event.metric() + "' would leave its range");
            }
            Map<String, Amount> progress = new HashMap<>(balance.progress());
            progress.put(progressKey, next);
            points.put(system.key(), balance.withProgress(progress));
            long units = next.floorDiv(first.per()) - accumulated.floorDiv(first.per());
            if (units != 0) {
                for (PointsTrigger.PerMetric trigger : triggers) {
                    earn(system, saturatedMultiply(units, trigger.points()), event, zone);
                }
            }
        }

        /**
         * Awards what an event earns, cut to the room left under the system's caps on the event's metric
         * in their current periods (in {@code zone}); the caps count what was awarded. Points taken away
         * (negative) are neither cut nor counted.
         */
        void earn(PointsSystem system, long amount, Event event, ZoneId zone) {
            Optional<String> reference = Optional.of(event.id());
            List<EarningCap> caps = system.caps().stream().filter(cap -> cap.counts(event.metric())).toList();
            if (amount <= 0 || caps.isEmpty()) {
                award(system, amount, Source.EVENT, reference);
                return;
            }
            Map<String, EarningCap.Use> uses = new HashMap<>(balance(system).caps());
            // each cap's count in the period containing now, its period's start reckoned once
            List<EarningCap.Use> counts = caps.stream().map(cap -> current(uses, cap, zone)).toList();
            long room = amount;
            int binding = -1;
            for (int i = 0; i < caps.size(); i++) {
                long left = caps.get(i).points() - counts.get(i).earned();
                if (left < room) {
                    room = Math.max(0, left);
                    binding = i;
                }
            }
            long applied = award(system, room, Source.EVENT, reference, binding >= 0);
            for (int i = 0; i < caps.size(); i++) {
                EarningCap.Use count = counts.get(i);
                uses.put(caps.get(i).key(), new EarningCap.Use(count.periodStart(), count.earned() + applied));
            }
            UserState.Balance balance = balance(system);
            points.put(system.key(), balance.withCaps(uses));
            if (binding >= 0) {
                EarningCap cap = caps.get(binding);
                EarningCap.Use use = uses.get(cap.key());
                outcomes.add(new Outcome.EarningCapped(system.key(), cap, use.earned(),
                        cap.period().end(use.periodStart(), zone)));
            }
        }

        /**
         * The count of {@code cap} in the period containing now in {@code zone}: the stored one when it is
         * of that period, else a new one at 0 (a new period began, or the user's timezone changed).
         */
        private EarningCap.Use current(Map<String, EarningCap.Use> uses, EarningCap cap, ZoneId zone) {
            java.time.Instant start = cap.period().start(now, zone);
            EarningCap.Use stored = uses.get(cap.key());
            return stored != null && stored.periodStart().equals(start) ? stored : new EarningCap.Use(start, 0);
        }

        private UserState.Balance balance(PointsSystem system) {
            return points.getOrDefault(system.key(), UserState.Balance.EMPTY);
        }

        void award(PointsSystem system, long amount, Source source, Optional<String> reference) {
            award(system, amount, source, reference, false);
        }

        /**
         * Adds {@code amount} to the balance, within the system's bounds; {@code cut} says an earning cap
         * already cut it (then a change of 0 is recorded too, as capped). Returns what was applied.
         */
        long award(PointsSystem system, long amount, Source source, Optional<String> reference, boolean cut) {
            if (amount == 0 && !cut) {
                return 0;
            }
            UserState.Balance balance = balance(system);
            long next = system.bounded(balance.balance(), amount);
            long applied = next - balance.balance();
            points.put(system.key(), balance.with(next, system.expiry()
                    .map(expiry -> Lots.moved(balance.lots(), balance.balance(), next, expiry, now))
                    .orElse(balance.lots())));
            outcomes.add(new Outcome.PointsChanged(system.key(), applied, next, cut || applied != amount, source,
                    reference));
            return applied;
        }

        /**
         * What time did to the balances since the user's last write, in the order of their systems' keys:
         * for each, the lots that expired by now are taken away, the season that ended is closed, and
         * the notices that came due are given. Only balances with lots or a season can change: most
         * writes stop after one look at each balance. An archived system's balance waits until it is
         * active again.
         */
        void catchUp() {
            List<String> keys = new ArrayList<>();
            points.forEach((key, balance) -> {
                if (!balance.lots().isEmpty() || balance.season().isPresent()) {
                    keys.add(key);
                }
            });
            keys.sort(null);
            for (String key : keys) {
                rules.pointsSystem(key).ifPresent(system -> {
                    expire(system);
                    endSeason(system);
                    notice(system);
                });
            }
        }

        /**
         * Takes away the lots of an expiring points system that expired by now, oldest first, as a change
         * of source {@code expiry}; a system whose points no longer expire forgets its lots, their points kept.
         */
        private void expire(PointsSystem system) {
            UserState.Balance balance = points.get(system.key());
            if (balance.lots().isEmpty()) {
                return;
            }
            if (system.expiry().isEmpty()) {
                points.put(system.key(), balance.with(balance.balance(), List.of()));
                return;
            }
            List<UserState.Lot> kept = Lots.unexpired(balance.lots(), now);
            long expired = Lots.sum(balance.lots()) - Lots.sum(kept);
            if (expired > 0) {
                long next = balance.balance() - expired;
                points.put(system.key(), balance.with(next, kept));
                outcomes.add(new Outcome.PointsChanged(system.key(), -expired, next, false, Source.EXPIRY,
                        Optional.empty()));
            }
        }

        /**
         * Closes the balance's season if it ended: its final standing is kept (an outcome the store
         * records) and, when it is not zero, it goes back to zero as a change of source {@code season}
         * whose reference is the season's key. A balance with no season yet is given one in
         * {@link #schedule}, so a system that gains seasons starts with the current one.
         */
        private void endSeason(PointsSystem system) {
            UserState.Balance balance = points.get(system.key());
            if (system.season().isEmpty() || balance.season().isEmpty()) {
                return;
            }
            Season season = system.season().get();
            Period ended = season.at(balance.season().get());
            if (!ended.endedAt(now)) {
                return;
            }
            if (balance.balance() != 0) {
                outcomes.add(new Outcome.SeasonEnded(system.key(), ended, balance.balance(),
                        system.levelAt(balance.balance())));
                outcomes.add(new Outcome.PointsChanged(system.key(), -balance.balance(), 0, false, Source.SEASON,
                        Optional.of(ended.key())));
            }
            points.put(system.key(), balance.with(0, List.of()).scheduled(season.at(now).start(), balance.due()));
        }

        /**
         * Gives the {@code points.expiring} notice of every lot whose notice came due (its system's
         * {@code notice_days} before it expires) and that still holds points, once per lot.
         */
        private void notice(PointsSystem system) {
            UserState.Balance balance = points.get(system.key());
            Optional<PointsSystem.Expiry> expiry = system.expiry();
            if (balance.lots().isEmpty() || expiry.isEmpty() || expiry.get().noticeDays().isEmpty()) {
                return;
            }
            List<UserState.Lot> lots = new ArrayList<>(balance.lots());
            for (int i = 0; i < lots.size(); i++) {
                UserState.Lot lot = lots.get(i);
                if (!lot.noticed() && !now.isBefore(expiry.get().noticeAt(lot.expiresAt()).orElseThrow())) {
                    outcomes.add(new Outcome.PointsExpiring(system.key(), lot.points(), lot.expiresAt(),
                            balance.balance()));
                    lots.set(i, lot.asNoticed());
                }
            }
            points.put(system.key(), balance.with(balance.balance(), lots));
        }

        /**
         * Stamps every balance of a system with seasons with its season (the current one for a balance
         * that had none) and sets when each balance is next due: its first lot's expiry, its first
         * notice not given, or, when it holds points, its season's end.
         */
        void schedule() {
            points.replaceAll((key, balance) -> {
                Optional<PointsSystem> system = rules.pointsSystem(key);
                if (system.isEmpty()) {
                    return balance; // archived: nothing happens to it until it is active again
                }
                Optional<Season> season = system.get().season();
                Optional<Instant> start = season.isEmpty() ? Optional.empty()
                        : balance.season().or(() -> season.get().at(now).start());
                Optional<Instant> due = balance.lots().stream().map(UserState.Lot::expiresAt).min(Instant::compareTo);
                Optional<PointsSystem.Expiry> expiry = system.get().expiry();
                for (UserState.Lot lot : balance.lots()) {
                    Optional<Instant> notice = lot.noticed() || expiry.isEmpty() ? Optional.empty()
                            : expiry.get().noticeAt(lot.expiresAt());
                    due = earliest(due, notice);
                }
                if (start.isPresent() && balance.balance() != 0) {
                    due = earliest(due, season.get().at(start.get()).end());
                }
                return balance.scheduled(start, due);
            });
        }

        private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
            if (a.isEmpty()) {
                return b;
            }
            return b.isPresent() && b.get().isBefore(a.get()) ? b : a;
        }

        void outcome(Outcome outcome) {
            outcomes.add(outcome);
        }

        void unlockQualifying(boolean backfilled) {
            boolean unlockedAny = true;
            while (unlockedAny) {
                unlockedAny = false;
                UserState current = snapshot();
                for (Achievement achievement : sorted(rules.achievements())) {
                    if (!unlocked.containsKey(achievement.key()) && qualifies(current, achievement)) {
                        unlock(achievement, backfilled);
                        unlockedAny = true;
                    }
                }
            }
        }

        void unlock(Achievement achievement, boolean backfilled) {
            unlocked.put(achievement.key(), new UserState.Unlock(now, backfilled));
            outcomes.add(new Outcome.AchievementUnlocked(achievement.key(), now, backfilled, achievement.reward()));
            Optional<String> reference = Optional.of(achievement.key());
            achievement.reward().ifPresent(reward -> rules.pointsSystem(reward.system()).ifPresent(system ->
                    award(system, reward.points(), Source.ACHIEVEMENT, reference)));
            for (PointsSystem system : sorted(rules.pointsSystems())) {
                for (PointsTrigger trigger : system.triggers()) {
                    if (trigger instanceof PointsTrigger.OnAchievement on && on.achievement().equals(achievement.key())) {
                        award(system, on.points(), Source.ACHIEVEMENT, reference);
                    }
                }
            }
        }

        UserState snapshot() {
            return new UserState(totals, points, unlocked, streaks, quests, recent, flag);
        }

        Change finish() {
            schedule();
            UserState after = snapshot();
            for (PointsSystem system : sorted(rules.pointsSystems())) {
                Optional<Level.Reached> previous = system.levelAt(before.balance(system.key()).balance());
                Optional<Level.Reached> current = system.levelAt(after.balance(system.key()).balance());
                if (!previous.equals(current)) {
                    outcomes.add(new Outcome.LevelChanged(system.key(), previous, current));
                }
            }
            return new Change(after, outcomes);
        }

        private static long saturatedMultiply(long a, long b) {
            long high = Math.multiplyHigh(a, b);
            long low = a * b;
            if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
                return low;
            }
            return (a < 0) == (b < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }
}
