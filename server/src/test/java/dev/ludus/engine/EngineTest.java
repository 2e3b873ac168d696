package dev.ludus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.engine.Achievement.Criterion;
import dev.ludus.engine.Outcome.AchievementUnlocked;
import dev.ludus.engine.Outcome.LevelChanged;
import dev.ludus.engine.Outcome.PointsChanged;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EngineTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final MetricRule STEPS = new MetricRule("steps", "Steps", Optional.empty(), false);
    private static final MetricRule BALANCE = new MetricRule("balance", "Balance", Optional.empty(), true);

    private static PointsSystem system(String key, List<PointsTrigger> triggers, OptionalLong cap,
            boolean allowNegative, List<Level> levels) {
        return new PointsSystem(key, key, Optional.empty(), triggers, cap, allowNegative, levels);
    }

    private static PointsTrigger.PerMetric per(String metric, long points, long per, Map<String, String> filter) {
        return new PointsTrigger.PerMetric(metric, points, Amount.of(per), filter);
    }

    private static Achievement achievement(String key, Criterion criterion, Achievement.Reward reward) {
        return new Achievement(key, key, Optional.empty(), false, criterion, Optional.ofNullable(reward));
    }

    private static Criterion total(String metric, long threshold) {
        return new Criterion.MetricTotal(metric, Amount.of(threshold));
    }

    private static Event event(String metric, long value) {
        return event(metric, Amount.of(value), Map.of());
    }

    private static Event event(String metric, Amount value, Map<String, String> attributes) {
        return new Event("evt_1", metric, value, attributes, NOW);
    }

    private static UserState apply(Rules rules, UserState state, Event event) {
        return Engine.applyEvent(rules, state, event, NOW).state();
    }

    @Nested
    class Metrics {

        @Test
        void eventAddsToTheTotal() {
            Rules rules = Rules.of(1, List.of(STEPS), List.of(), List.of());
            Change change = Engine.applyEvent(rules, UserState.EMPTY, event("steps", 250), NOW);
            Change next = Engine.applyEvent(rules, change.state(), event("steps", 50), NOW);

            assertThat(next.state().total("steps")).isEqualTo(Amount.of(300));
            assertThat(next.outcomes()).containsExactly(
                    new Outcome.MetricTotalChanged("steps", Amount.of(50), Amount.of(300)));
        }

        @Test
        void decimalValuesAddExactly() {
            Rules rules = Rules.of(1, List.of(STEPS), List.of(), List.of());
            UserState state = apply(rules, UserState.EMPTY, event("steps", Amount.exact(new BigDecimal("0.1")), Map.of()));
            state = apply(rules, state, event("steps", Amount.exact(new BigDecimal("0.2")), Map.of()));

            assertThat(state.total("steps").toDecimal()).isEqualByComparingTo("0.3");
        }

        @Test
        void refusesNegativeValueWhenTheMetricDoesNotAllowIt() {
            Rules rules = Rules.of(1, List.of(STEPS), List.of(), List.of());

            assertThatThrownBy(() -> Engine.applyEvent(rules, UserState.EMPTY, event("steps", -1), NOW))
                    .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("negative_value"));
        }

        @Test
        void negativeValueLowersTheTotalWhenAllowed() {
            Rules rules = Rules.of(1, List.of(BALANCE), List.of(), List.of());
            UserState state = apply(rules, UserState.EMPTY, event("balance", 10));
            state = apply(rules, state, event("balance", -25));

            assertThat(state.total("balance")).isEqualTo(Amount.of(-15));
        }

        @Test
        void refusesUnknownMetric() {
            assertThatThrownBy(() -> Engine.applyEvent(Rules.NONE, UserState.EMPTY, event("steps", 1), NOW))
                    .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("unknown_metric"));
        }

        @Test
        void refusesATotalThatWouldOverflow() {
            Rules rules = Rules.of(1, List.of(STEPS), List.of(), List.of());
            UserState full = new UserState(Map.of("steps", new Amount(Long.MAX_VALUE - 10)), Map.of(), Map.of());

            assertThatThrownBy(() -> Engine.applyEvent(rules, full, event("steps", 1), NOW))
                    .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("total_out_of_range"));
        }

        @Test
        void amountRefusesMoreThanSixDecimalsAndHugeValues() {
            assertThatThrownBy(() -> Amount.exact(new BigDecimal("0.0000001"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Amount.exact(new BigDecimal("1000000000000.5"))).isInstanceOf(IllegalArgumentException.class);
            assertThat(Amount.exact(new BigDecimal("2.500")).toDecimal().toPlainString()).isEqualTo("2.5");
            assertThat(Amount.of(200).toDecimal().toPlainString()).isEqualTo("200");
        }
    }

    @Nested
    class PointsTriggers {

        @Test
        void awardsPointsPerFullUnitAndCarriesTheRemainder() {
            Rules rules = Rules.of(1, List.of(STEPS),
                    List.of(system("xp", List.of(per("steps", 10, 100, Map.of())), OptionalLong.empty(), false, List.of())),
                    List.of());
            Change first = Engine.applyEvent(rules, UserState.EMPTY, event("steps", 60), NOW);
            Change second = Engine.applyEvent(rules, first.state(), event("steps", 60), NOW);
            Change third = Engine.applyEvent(rules, second.state(), event("steps", 250), NOW);

            assertThat(first.outcomes(PointsChanged.class)).isEmpty();
            assertThat(second.outcomes(PointsChanged.class)).singleElement()
                    .satisfies(p -> assertThat(p.amount()).isEqualTo(10));
            assertThat(third.state().balance("xp").balance()).isEqualTo(30);
        }

        @Test
        void filterCountsOnlyMatchingEvents() {
            Rules rules = Rules.of(1, List.of(STEPS), List.of(system("xp",
                    List.of(per("steps", 1, 1, Map.of("device", "watch"))), OptionalLong.empty(), false, List.of())),
                    List.of());
            UserState state = apply(rules, UserState.EMPTY, event("steps", Amount.of(5), Map.of("device", "phone")));
            state = apply(rules, state, event("steps", Amount.of(7), Map.of("device", "watch", "hand", "left")));

            assertThat(state.balance("xp").balance()).isEqualTo(7);
            assertThat(state.total("steps")).isEqualTo(Amount.of(12));
        }

        @Test
        void negativeValueTakesPointsBack() {
            Rules rules = Rules.of(1, List.of(BALANCE), List.of(system("xp",
                    List.of(per("balance", 5, 10, Map.of())), OptionalLong.empty(), false, List.of())), List.of());
            UserState state = apply(rules, UserState.EMPTY, event("balance", 30));
            Change refund = Engine.applyEvent(rules, state, event("balance", -15), NOW);

            assertThat(state.balance("xp").balance()).isEqualTo(15);
            assertThat(refund.state().balance("xp").balance()).isEqualTo(5);
            assertThat(refund.outcomes(PointsChanged.class)).singleElement()
                    .satisfies(p -> assertThat(p.amount()).isEqualTo(-10));
        }

        @Test
        void balanceStopsAtZeroUnlessTheSystemAllowsNegative() {
            PointsTrigger trigger = per("balance", 1, 1, Map.of());
            Rules floor = Rules.of(1, List.of(BALANCE),
                    List.of(system("xp", List.of(trigger), OptionalLong.empty(), false, List.of())), List.of());
            Rules negative = Rules.of(1, List.of(BALANCE),
                    List.of(system("xp", List.of(trigger), OptionalLong.empty(), true, List.of())), List.of());

            Change floored = Engine.applyEvent(floor, UserState.EMPTY, event("balance", -5), NOW);
            assertThat(floored.state().balance("xp").balance()).isZero();
            assertThat(floored.outcomes(PointsChanged.class)).singleElement().satisfies(p -> {
                assertThat(p.amount()).isZero();
                assertThat(p.capped()).isTrue();
            });
            assertThat(apply(negative, UserState.EMPTY, event("balance", -5)).balance("xp").balance()).isEqualTo(-5);
        }

        @Test
        void capLimitsTheBalanceAndSaysSo() {
            Rules rules = Rules.of(1, List.of(STEPS), List.of(system("xp",
                    List.of(per("steps", 1, 1, Map.of())), OptionalLong.of(100), false, List.of())), List.of());
            UserState state = apply(rules, UserState.EMPTY, event("steps", 90));
            Change change = Engine.applyEvent(rules, state, event("steps", 30), NOW);
            Change atCap = Engine.applyEvent(rules, change.state(), event("steps", 5), NOW);

            assertThat(change.outcomes(PointsChanged.class)).singleElement().satisfies(p -> {
                assertThat(p.amount()).isEqualTo(10);
                assertThat(p.balance()).isEqualTo(100);
                assertThat(p.capped()).isTrue();
            });
            assertThat(atCap.state().balance("xp").balance()).isEqualTo(100);
        }

        @Test
        void pointsOnAchievementUnlock() {
            Rules rules = Rules.of(1, List.of(STEPS),
                    List.of(system("xp", List.of(new PointsTrigger.OnAchievement("walker", 50)), OptionalLong.empty(),
                            false, List.of())),
                    List.of(achievement("walker", total("steps", 1000), null)));
            Change change = Engine.applyEvent(rules, UserState.EMPTY, event("steps", 1000), NOW);

            assertThat(change.outcomes(PointsChanged.class)).singleElement().satisfies(p -> {
                assertThat(p.amount()).isEqualTo(50);
                assertThat(p.source()).isEqualTo(Outcome.Source.ACHIEVEMENT);
                assertThat(p.reference()).contains("walker");
            });
        }

        @Test
        void twoTriggersWithTheSameUnitCountTheEventOnce() {
            Rules rules = Rules.of(1, List.of(STEPS), List.of(system("xp",
                    List.of(per("steps", 10, 100, Map.of()), per("steps", 5, 100, Map.of())), OptionalLong.empty(), false,
                    List.of())), List.of());
            UserState state = apply(rules, UserState.EMPTY, event("steps", 100));
            state = apply(rules, state, event("steps", 50));

            assertThat(state.balance("xp").balance()).isEqualTo(15);
        }

        @Test
        void changingOnlyThePointsOfATriggerKeepsItsProgress() {
            Rules before = Rules.of(1, List.of(STEPS), List.of(system("xp",
                    List.of(per("steps", 1, 100, Map.of())), OptionalLong.empty(), false, List.of())), List.of());
            Rules after = Rules.of(2, List.of(STEPS), List.of(system("xp",
                    List.of(per("steps", 5, 100, Map.of())), OptionalLong.empty(), false, List.of())), List.of());
            UserState state = apply(before, UserState.EMPTY, event("steps", 150));
            state = apply(after, state, event("steps", 50));

            assertThat(state.balance("xp").balance()).isEqualTo(1 + 5);
        }
    }

    @Nested
    class Levels {

        private final Rules rules = Rules.of(1, List.of(BALANCE), List.of(system("xp",
                List.of(per("balance", 1, 1, Map.of())), OptionalLong.empty(), false,
                List.of(new Level("Rookie", 0), new Level("Regular", 100), new Level("Pro", 1000)))), List.of());

        @Test
        void crossingSeveralThresholdsIsOneLevelChange() {
            UserState start = apply(rules, UserState.EMPTY, event("balance", 50));
            Change change = Engine.applyEvent(rules, start, event("balance", 2000), NOW);

            assertThat(change.outcomes(LevelChanged.class)).containsExactly(new LevelChanged("xp",
                    Optional.of(new Level.Reached(1, "Rookie")), Optional.of(new Level.Reached(3, "Pro"))));
        }

        @Test
        void levelGoesDownWithTheBalance() {
            UserState state = apply(rules, UserState.EMPTY, event("balance", 150));
            Change change = Engine.applyEvent(rules, state, event("balance", -60), NOW);

            assertThat(change.outcomes(LevelChanged.class)).containsExactly(new LevelChanged("xp",
                    Optional.of(new Level.Reached(2, "Regular")), Optional.of(new Level.Reached(1, "Rookie"))));
        }

        @Test
        void noLevelChangeWithinALevel() {
            UserState state = apply(rules, UserState.EMPTY, event("balance", 150));

            assertThat(Engine.applyEvent(rules, state, event("balance", 10), NOW).outcomes(LevelChanged.class)).isEmpty();
        }

        @Test
        void exactThresholdReachesTheLevelAndBelowTheFirstIsNone() {
            PointsSystem xp = rules.pointsSystems().get("xp");
            PointsSystem fromTen = system("fromTen", List.of(), OptionalLong.empty(), false, List.of(new Level("One", 10)));

            assertThat(xp.levelAt(100)).contains(new Level.Reached(2, "Regular"));
            assertThat(xp.nextLevel(100)).contains(new Level("Pro", 1000));
            assertThat(fromTen.levelAt(9)).isEmpty();
            assertThat(xp.nextLevel(5000)).isEmpty();
        }

        @Test
        void refusesThresholdsThatAreNotAscending() {
            assertThatThrownBy(() -> system("bad", List.of(), OptionalLong.empty(), false,
                    List.of(new Level("A", 10), new Level("B", 10)))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Achievements {

        @Test
        void metricAchievementUnlocksOnceWhenTheTotalReachesTheThreshold() {
            Rules rules = Rules.of(1, List.of(STEPS), List.of(), List.of(achievement("k10", total("steps", 10000), null)));
            Change below = Engine.applyEvent(rules, UserState.EMPTY, event("steps", 9999), NOW);
            Change reach = Engine.applyEvent(rules, below.state(), event("steps", 1), NOW);
            Change after = Engine.applyEvent(rules, reach.state(), event("steps", 5000), NOW);

            assertThat(below.outcomes(AchievementUnlocked.class)).isEmpty();
            assertThat(reach.outcomes(AchievementUnlocked.class)).containsExactly(
                    new AchievementUnlocked("k10", NOW, false, Optional.empty()));
            assertThat(after.outcomes(AchievementUnlocked.class)).isEmpty();
        }

        @Test
        void unlockedAchievementStaysWhenTheTotalDrops() {
            Rules rules = Rules.of(1, List.of(BALANCE), List.of(), List.of(achievement("rich", total("balance", 10), null)));
            UserState state = apply(rules, UserState.EMPTY, event("balance", 10));
            state = apply(rules, state, event("balance", -10));

            assertThat(state.unlocked()).containsKey("rich");
        }

        @Test
        void rewardPaysPointsAndCanRaiseTheLevel() {
            Rules rules = Rules.of(1, List.of(STEPS),
                    List.of(system("xp", List.of(), OptionalLong.empty(), false,
                            List.of(new Level("Rookie", 0), new Level("Walker", 100)))),
                    List.of(achievement("walker", total("steps", 10), new Achievement.Reward("xp", 100))));
            Change change = Engine.applyEvent(rules, UserState.EMPTY, event("steps", 10), NOW);

            assertThat(change.state().balance("xp").balance()).isEqualTo(100);
            assertThat(change.outcomes(LevelChanged.class)).singleElement()
                    .satisfies(l -> assertThat(l.current()).contains(new Level.Reached(2, "Walker")));
        }

        @Test
        void apiAchievementCompletesOnceAndCascadesIntoComposites() {
            Rules rules = Rules.of(1, List.of(STEPS), List.of(), List.of(
                    achievement("walked", total("steps", 1), null),
                    achievement("profile", new Criterion.ApiCall(), null),
                    achievement("all", new Criterion.AllOf(List.of("walked", "profile")), null),
                    achievement("all_of_all", new Criterion.AllOf(List.of("all")), null)));
            UserState state = apply(rules, UserState.EMPTY, event("steps", 1));
            assertThat(state.unlocked()).containsOnlyKeys("walked");

            Change completed = Engine.complete(rules, state, "profile", NOW);
            assertThat(completed.outcomes(AchievementUnlocked.class)).extracting(AchievementUnlocked::key)
                    .containsExactly("profile", "all", "all_of_all");
            assertThat(Engine.complete(rules, completed.state(), "profile", NOW).outcomes()).isEmpty();
        }

        @Test
        void compositeWaitsForEveryPrerequisite() {
            Rules rules = Rules.of(1, List.of(STEPS), List.of(), List.of(
                    achievement("a", total("steps", 1), null),
                    achievement("b", total("steps", 5), null),
                    achievement("both", new Criterion.AllOf(List.of("a", "b")), null)));
            UserState state = apply(rules, UserState.EMPTY, event("steps", 1));
            assertThat(state.unlocked()).containsOnlyKeys("a");

            state = apply(rules, state, event("steps", 4));
            assertThat(state.unlocked()).containsOnlyKeys("a", "b", "both");
        }

        @Test
        void refusesToCompleteAnAchievementThatIsNotCompletedByTheApi() {
            Rules rules = Rules.of(1, List.of(STEPS), List.of(), List.of(achievement("a", total("steps", 1), null)));

            assertThatThrownBy(() -> Engine.complete(rules, UserState.EMPTY, "a", NOW))
                    .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("not_completable"));
            assertThatThrownBy(() -> Engine.complete(rules, UserState.EMPTY, "nope", NOW))
                    .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("unknown_achievement"));
        }
    }

    @Nested
    class Backfill {

        @Test
        void unlocksWhatTheUserAlreadyQualifiesForFlaggedBackfilledWithRewards() {
            Rules before = Rules.of(1, List.of(STEPS), List.of(system("xp", List.of(), OptionalLong.empty(), false,
                    List.of())), List.of());
            UserState state = apply(before, UserState.EMPTY, event("steps", 500));
            Rules after = Rules.of(2, List.of(STEPS), List.of(system("xp", List.of(), OptionalLong.empty(), false,
                    List.of())), List.of(achievement("k", total("steps", 100), new Achievement.Reward("xp", 7)),
                            achievement("far", total("steps", 1000), null)));

            Change change = Engine.backfill(after, state, NOW);

            assertThat(change.outcomes(AchievementUnlocked.class)).containsExactly(
                    new AchievementUnlocked("k", NOW, true, Optional.of(new Achievement.Reward("xp", 7))));
            assertThat(change.state().unlocked().get("k").backfilled()).isTrue();
            assertThat(change.state().balance("xp").balance()).isEqualTo(7);
            assertThat(Engine.backfill(after, change.state(), NOW).outcomes()).isEmpty();
        }

        @Test
        void backfillsCompositesWhosePrerequisitesAreDone() {
            Rules rules = Rules.of(1, List.of(STEPS), List.of(), List.of(
                    achievement("a", new Criterion.ApiCall(), null),
                    achievement("both", new Criterion.AllOf(List.of("a")), null)));
            UserState state = new UserState(Map.of(), Map.of(), Map.of("a", new UserState.Unlock(NOW, false)));

            assertThat(Engine.backfill(rules, state, NOW).outcomes(AchievementUnlocked.class))
                    .containsExactly(new AchievementUnlocked("both", NOW, true, Optional.empty()));
        }
    }

    @Nested
    class Adjustments {

        private final Rules rules = Rules.of(1, List.of(), List.of(
                system("coins", List.of(), OptionalLong.of(1000), false, List.of(new Level("Rich", 500))),
                system("karma", List.of(), OptionalLong.empty(), true, List.of())), List.of());

        @Test
        void grantsAndSpends() {
            UserState state = Engine.adjust(rules, UserState.EMPTY, "coins", 300, NOW).state();
            Change spend = Engine.adjust(rules, state, "coins", -120, NOW);

            assertThat(spend.state().balance("coins").balance()).isEqualTo(180);
            assertThat(spend.outcomes(PointsChanged.class)).singleElement()
                    .satisfies(p -> assertThat(p.source()).isEqualTo(Outcome.Source.ADJUSTMENT));
        }

        @Test
        void refusesSpendingBelowZero() {
            UserState state = Engine.adjust(rules, UserState.EMPTY, "coins", 10, NOW).state();

            assertThatThrownBy(() -> Engine.adjust(rules, state, "coins", -11, NOW))
                    .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("insufficient_points"));
            assertThat(Engine.adjust(rules, UserState.EMPTY, "karma", -11, NOW).state().balance("karma").balance())
                    .isEqualTo(-11);
        }

        @Test
        void grantOverTheCapIsCutAndCrossesALevel() {
            Change change = Engine.adjust(rules, UserState.EMPTY, "coins", 5000, NOW);

            assertThat(change.outcomes(PointsChanged.class)).singleElement().satisfies(p -> {
                assertThat(p.amount()).isEqualTo(1000);
                assertThat(p.capped()).isTrue();
            });
            assertThat(change.outcomes(LevelChanged.class)).hasSize(1);
        }
    }
}
