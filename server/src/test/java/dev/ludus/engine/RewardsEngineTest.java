package dev.ludus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.engine.Outcome.LevelChanged;
import dev.ludus.engine.Outcome.PointsChanged;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Redemptions and refunds in the engine: what a redemption spends, what refuses it, what a refund gives back. */
class RewardsEngineTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final PointsSystem COINS = new PointsSystem("coins", "Coins", Optional.empty(), List.of(),
            OptionalLong.of(1_000), false, List.of(new Level("Bronze", 0), new Level("Silver", 500)));
    private static final PointsSystem DEBT = new PointsSystem("debt", "Debt", Optional.empty(), List.of(),
            OptionalLong.empty(), true, List.of());
    private static final Rules RULES = Rules.of(1, List.of(), List.of(COINS, DEBT), List.of());

    private static Reward mug() {
        return reward(100, OptionalLong.empty(), OptionalInt.empty(), null, null, OptionalInt.empty());
    }

    private static Reward reward(long cost, OptionalLong stock, OptionalInt perUser, Instant from, Instant until,
            OptionalInt level) {
        return new Reward("mug", "Mug", Optional.empty(), "coins", cost, stock, perUser, Optional.ofNullable(from),
                Optional.ofNullable(until), level);
    }

    private static UserState holding(long coins) {
        return new UserState(Map.of(), Map.of("coins", new UserState.Balance(coins, Map.of())), Map.of(), Map.of());
    }

    private static Refusal.Reason refusal(Reward reward, UserState state, long redeemed, long held, Instant at) {
        try {
            Engine.redeem(RULES, state, reward, "rdm_1", redeemed, held, at);
        } catch (Refusal refused) {
            return refused.reason();
        }
        throw new AssertionError("the redemption was not refused");
    }

    @Test
    void redeemingSpendsTheCostAndSaysWhatWasRedeemed() {
        Change change = Engine.redeem(RULES, holding(250), mug(), "rdm_1", 0, 0, NOW);

        assertThat(change.state().balance("coins").balance()).isEqualTo(150);
        assertThat(change.outcomes(PointsChanged.class)).containsExactly(new PointsChanged("coins", -100, 150, false,
                Outcome.Source.REWARD, Optional.of("rdm_1")));
        assertThat(change.outcomes(Outcome.RewardRedeemed.class)).containsExactly(new Outcome.RewardRedeemed(
                new Reward.Redemption("rdm_1", "mug", "coins", 100), NOW));
    }

    @Test
    void spendingTheWholeBalanceIsAllowedAndOneMoreIsNot() {
        assertThat(Engine.redeem(RULES, holding(100), mug(), "rdm_1", 0, 0, NOW).state().balance("coins").balance())
                .isZero();
        assertThat(refusal(mug(), holding(99), 0, 0, NOW)).isEqualTo(Refusal.Reason.INSUFFICIENT_POINTS);
    }

    @Test
    void aSystemThatAllowsNegativeBalancesLetsTheUserGoIntoDebt() {
        Reward credit = new Reward("credit", "Credit", Optional.empty(), "debt", 40, OptionalLong.empty(),
                OptionalInt.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty());

        Change change = Engine.redeem(RULES, UserState.EMPTY, credit, "rdm_1", 0, 0, NOW);

        assertThat(change.state().balance("debt").balance()).isEqualTo(-40);
    }

    @Test
    void theAvailabilityStartsAtItsFirstInstantAndEndsBeforeItsLast() {
        Instant from = NOW;
        Instant until = NOW.plusSeconds(3600);
        Reward windowed = reward(100, OptionalLong.empty(), OptionalInt.empty(), from, until, OptionalInt.empty());

        assertThat(refusal(windowed, holding(500), 0, 0, from.minusMillis(1))).isEqualTo(Refusal.Reason.REWARD_UNAVAILABLE);
        assertThat(Engine.redeem(RULES, holding(500), windowed, "rdm_1", 0, 0, from).outcomes()).isNotEmpty();
        assertThat(Engine.redeem(RULES, holding(500), windowed, "rdm_1", 0, 0, until.minusMillis(1)).outcomes())
                .isNotEmpty();
        assertThat(refusal(windowed, holding(500), 0, 0, until)).isEqualTo(Refusal.Reason.REWARD_UNAVAILABLE);
    }

    @Test
    void theLastUnitOfStockCanBeRedeemedAndThenNoMore() {
        Reward three = reward(100, OptionalLong.of(3), OptionalInt.empty(), null, null, OptionalInt.empty());

        assertThat(Engine.redeem(RULES, holding(500), three, "rdm_1", 2, 0, NOW).outcomes()).isNotEmpty();
        assertThat(refusal(three, holding(500), 3, 0, NOW)).isEqualTo(Refusal.Reason.OUT_OF_STOCK);
        assertThat(three.remaining(2)).hasValue(1);
        assertThat(three.remaining(3)).hasValue(0);
        assertThat(mug().remaining(1_000_000)).isEmpty();
    }

    @Test
    void aStockOfZeroRefusesEveryRedemption() {
        Reward none = reward(100, OptionalLong.of(0), OptionalInt.empty(), null, null, OptionalInt.empty());

        assertThat(refusal(none, holding(500), 0, 0, NOW)).isEqualTo(Refusal.Reason.OUT_OF_STOCK);
    }

    @Test
    void theLimitPerUserCountsWhatTheUserHolds() {
        Reward twoEach = reward(100, OptionalLong.empty(), OptionalInt.of(2), null, null, OptionalInt.empty());

        assertThat(Engine.redeem(RULES, holding(500), twoEach, "rdm_1", 10, 1, NOW).outcomes()).isNotEmpty();
        assertThat(refusal(twoEach, holding(500), 10, 2, NOW)).isEqualTo(Refusal.Reason.LIMIT_REACHED);
    }

    @Test
    void theLevelRequiredIsJudgedOnTheBalanceBeforeSpending() {
        Reward silverOnly = reward(100, OptionalLong.empty(), OptionalInt.empty(), null, null, OptionalInt.of(2));

        assertThat(refusal(silverOnly, holding(499), 0, 0, NOW)).isEqualTo(Refusal.Reason.LEVEL_REQUIRED);
        Change change = Engine.redeem(RULES, holding(500), silverOnly, "rdm_1", 0, 0, NOW);
        assertThat(change.state().balance("coins").balance()).isEqualTo(400);
        assertThat(change.outcomes(LevelChanged.class)).as("spending drops the user back to Bronze")
                .containsExactly(new LevelChanged("coins", Optional.of(new Level.Reached(2, "Silver")),
                        Optional.of(new Level.Reached(1, "Bronze"))));
    }

    @Test
    void refusalsComeInTheDocumentedOrder() {
        Reward everything = reward(100, OptionalLong.of(1), OptionalInt.of(1), NOW.plusSeconds(60), null,
                OptionalInt.of(2));

        assertThat(refusal(everything, holding(0), 1, 1, NOW)).isEqualTo(Refusal.Reason.REWARD_UNAVAILABLE);
        Instant open = NOW.plusSeconds(60);
        assertThat(refusal(everything, holding(0), 1, 1, open)).isEqualTo(Refusal.Reason.OUT_OF_STOCK);
        assertThat(refusal(everything, holding(0), 0, 1, open)).isEqualTo(Refusal.Reason.LIMIT_REACHED);
        assertThat(refusal(everything, holding(0), 0, 0, open)).isEqualTo(Refusal.Reason.LEVEL_REQUIRED);
        Reward noLevel = reward(100, OptionalLong.of(1), OptionalInt.of(1), null, null, OptionalInt.empty());
        assertThat(refusal(noLevel, holding(0), 0, 0, open)).isEqualTo(Refusal.Reason.INSUFFICIENT_POINTS);
    }

    @Test
    void aRewardInAnInactivePointsSystemIsRefused() {
        Reward gems = new Reward("gem_mug", "Mug", Optional.empty(), "gems", 1, OptionalLong.empty(), OptionalInt.empty(),
                Optional.empty(), Optional.empty(), OptionalInt.empty());

        assertThat(refusal(gems, holding(500), 0, 0, NOW)).isEqualTo(Refusal.Reason.UNKNOWN_POINTS_SYSTEM);
    }

    @Test
    void aRefundGivesTheCostBackAndRestoresTheLevel() {
        Reward.Redemption redemption = new Reward.Redemption("rdm_1", "mug", "coins", 100);
        UserState spent = Engine.redeem(RULES, holding(550), mug(), "rdm_1", 0, 0, NOW).state();

        Change refund = Engine.refund(RULES, spent, redemption, NOW);

        assertThat(refund.state().balance("coins").balance()).isEqualTo(550);
        assertThat(refund.outcomes(PointsChanged.class)).containsExactly(new PointsChanged("coins", 100, 550, false,
                Outcome.Source.REFUND, Optional.of("rdm_1")));
        assertThat(refund.outcomes(LevelChanged.class)).extracting(LevelChanged::current)
                .containsExactly(Optional.of(new Level.Reached(2, "Silver")));
        assertThat(refund.outcomes(Outcome.RedemptionCancelled.class)).containsExactly(
                new Outcome.RedemptionCancelled(redemption, NOW));
    }

    @Test
    void aRefundStopsAtTheCapLikeAnyAward() {
        Change refund = Engine.refund(RULES, holding(950), new Reward.Redemption("rdm_1", "mug", "coins", 100), NOW);

        assertThat(refund.state().balance("coins").balance()).isEqualTo(1_000);
        assertThat(refund.outcomes(PointsChanged.class).getFirst().capped()).isTrue();
    }

    @Test
    void aRewardMustCostSomethingAndEndAfterItStarts() {
        assertThatThrownBy(() -> reward(0, OptionalLong.empty(), OptionalInt.empty(), null, null, OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reward(1, OptionalLong.empty(), OptionalInt.empty(), NOW, NOW, OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
