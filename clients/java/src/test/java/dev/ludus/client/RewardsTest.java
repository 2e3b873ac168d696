package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.testing.LudusServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RewardsApi} and the redemption calls of {@link UsersApi} against a real server with the rules of {@link Game}. */
class RewardsTest {

    @RegisterExtension
    static final LudusServer shared = new LudusServer();
    private Game game;

    @BeforeEach
    void newApplicationWithRules() {
        game = Game.withRules(shared.ludus());
    }

    @Test
    void aRewardIsAnsweredInCanonicalFormAndCanBePutBackArchivedAndRestored() {
        Instant until = Instant.parse("2099-01-01T00:00:00Z");
        RewardRule mug = game.admin.rewards().put("mug", RewardDefinition.builder("coins", 100)
                .name("Mug").description("A mug with the logo").stock(5).perUserLimit(2).available(null, until)
                .build());

        assertThat(mug.key()).isEqualTo("mug");
        assertThat(mug.name()).isEqualTo("Mug");
        assertThat(mug.pointsSystem()).isEqualTo("coins");
        assertThat(mug.cost()).isEqualTo(100);
        assertThat(mug.stock()).isEqualTo(5L);
        assertThat(mug.perUserLimit()).isEqualTo(2);
        assertThat(mug.availableFrom()).isNull();
        assertThat(mug.availableUntil()).isEqualTo(until);
        assertThat(mug.levelRequired()).isNull();
        assertThat(mug.redeemed()).isZero();
        assertThat(mug.remaining()).isEqualTo(5L);
        assertThat(mug.archivedAt()).isNull();
        assertThat(game.server.rewards().get("mug")).isEqualTo(mug);

        RewardRule sticker = game.admin.rewards().put("sticker", RewardDefinition.builder("xp", 10).levelRequired(2)
                .build());
        assertThat(sticker.name()).isEqualTo("sticker");
        assertThat(sticker.stock()).isNull();
        assertThat(sticker.remaining()).isNull();
        assertThat(sticker.levelRequired()).isEqualTo(2);
        assertThat(game.server.rewards().list().items()).extracting(RewardRule::key).containsExactly("mug", "sticker");
        assertThat(game.admin.rewards().put("mug", mug.definition()).updatedAt()).isNotNull();

        game.admin.rewards().archive("sticker");
        assertThat(game.server.rewards().listAll(false).map(RewardRule::key).toList()).containsExactly("mug");
        assertThat(game.server.rewards().list(1, null, true).nextCursor()).isNotNull();
        assertThat(game.server.rewards().get("sticker").archivedAt()).isNotNull();
        assertThatThrownBy(() -> game.admin.rewards().put("hat", RewardDefinition.builder("gold", 5).build()))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error()).isEqualTo("unknown_rule");
                });
        assertThatThrownBy(() -> game.admin.rewards().put("hat", RewardDefinition.builder("coins", 0).build()))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.field()).hasValue("cost"));
    }

    @Test
    void redeemingSpendsTheCostTakesAUnitOfStockAndIsChargedOncePerKey() {
        game.admin.rewards().put("mug", RewardDefinition.builder("coins", 100).stock(2).build());
        game.server.users().adjustPoints("ada", "coins", 250, "seed");

        RedemptionChange first = game.server.users().redeem("ada", "mug", "redeem-ada-1");
        RedemptionChange replay = game.server.users().redeem("ada", "mug", "redeem-ada-1");

        assertThat(first.redemption().id()).startsWith("rdm_");
        assertThat(first.redemption().userId()).isEqualTo("ada");
        assertThat(first.redemption().reward()).isEqualTo("mug");
        assertThat(first.redemption().pointsSystem()).isEqualTo("coins");
        assertThat(first.redemption().cost()).isEqualTo(100);
        assertThat(first.redemption().status()).isEqualTo(Redemption.Status.PENDING);
        assertThat(first.points()).isEqualTo(new RedemptionChange.Points("coins", -100, 150));
        assertThat(first.levels()).isEmpty();
        assertThat(first.remaining()).isEqualTo(1L);
        assertThat(first.idempotentReplayed()).isFalse();
        assertThat(replay.idempotentReplayed()).isTrue();
        assertThat(replay.redemption()).isEqualTo(first.redemption());
        assertThat(replay.points().balance()).isEqualTo(150);
        assertThat(game.server.users().pointsHistory("ada", "coins").items()).first().satisfies(entry -> {
            assertThat(entry.source()).isEqualTo("reward");
            assertThat(entry.reference()).isEqualTo(first.redemption().id());
            assertThat(entry.amount()).isEqualTo(-100);
            assertThat(entry.balance()).isEqualTo(150);
        });
        assertThat(game.server.users().pointsHistoryAll("ada", "coins").toList()).hasSize(2);   // seed, one spend
        game.admin.rewards().put("pen", RewardDefinition.builder("coins", 1).build());
        assertThat(errorOf(() -> game.server.users().redeem("ada", "pen", "redeem-ada-1")))
                .isEqualTo("idempotency_conflict");

        RedemptionChange second = game.server.users().redeem("ada", "mug");
        assertThat(second.remaining()).isZero();
        assertThat(second.points().balance()).isEqualTo(50);
        assertThat(game.server.rewards().get("mug").redeemed()).isEqualTo(2);
        assertThatThrownBy(() -> game.server.users().redeem("ada", "mug"))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.error()).isEqualTo("out_of_stock");
                });
    }

    @Test
    void refusalsAreTypedErrorsAndWriteNothing() {
        game.admin.rewards().put("mug", RewardDefinition.builder("coins", 100).build());
        game.admin.rewards().put("badge", RewardDefinition.builder("coins", 10).perUserLimit(1).build());
        game.admin.rewards().put("later", RewardDefinition.builder("coins", 10)
                .available(shared.ludus().clock().instant().plus(Duration.ofDays(30)), null).build());
        game.admin.rewards().put("pro_cap", RewardDefinition.builder("xp", 1).levelRequired(3).build());
        game.server.users().adjustPoints("bo", "coins", 40, "seed");
        game.server.users().adjustPoints("bo", "xp", 150, "seed");

        assertThatThrownBy(() -> game.server.users().redeem("bo", "mug"))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.error()).isEqualTo("insufficient_points");
                });
        game.server.users().redeem("bo", "badge");
        assertThat(errorOf(() -> game.server.users().redeem("bo", "badge"))).isEqualTo("limit_reached");
        assertThat(errorOf(() -> game.server.users().redeem("bo", "later"))).isEqualTo("reward_unavailable");
        assertThat(errorOf(() -> game.server.users().redeem("bo", "pro_cap"))).isEqualTo("level_required");
        assertThat(errorOf(() -> game.server.users().redeem("bo", "nope"))).isEqualTo("not_found");
        assertThat(errorOf(() -> game.server.users().redeem("nobody", "mug"))).isEqualTo("not_found");
        assertThat(game.server.users().progress("bo").points()).filteredOn(p -> p.system().equals("coins"))
                .singleElement().satisfies(p -> assertThat(p.balance()).isEqualTo(30));
        assertThat(game.server.users().redemptions("bo").items()).hasSize(1);
    }

    @Test
    void redemptionsAreListedNewestFirstFulfilledAndCancelledWithARefund() {
        game.admin.rewards().put("mug", RewardDefinition.builder("coins", 100).stock(10).build());
        game.admin.rewards().put("pen", RewardDefinition.builder("coins", 20).build());
        game.server.users().adjustPoints("cy", "coins", 500, "seed");
        Redemption mug1 = game.server.users().redeem("cy", "mug").redemption();
        Redemption pen = game.server.users().redeem("cy", "pen").redemption();
        Redemption mug2 = game.server.users().redeem("cy", "mug").redemption();
        game.server.users().adjustPoints("dee", "coins", 100, "seed");
        Redemption deeMug = game.server.users().redeem("dee", "mug").redemption();

        Page<Redemption> first = game.server.users().redemptions("cy", 2, null, null);
        Page<Redemption> second = game.server.users().redemptions("cy", 2, first.nextCursor(), null);
        assertThat(first.items()).containsExactly(mug2, pen);
        assertThat(second.items()).containsExactly(mug1);
        assertThat(second.hasNext()).isFalse();
        assertThat(game.server.users().redemptionsAll("cy", null).toList()).containsExactly(mug2, pen, mug1);
        assertThat(game.server.rewards().redemptions("mug").items()).containsExactly(deeMug, mug2, mug1);

        Redemption fulfilled = game.server.rewards().fulfill(mug1.id());
        assertThat(fulfilled.status()).isEqualTo(Redemption.Status.FULFILLED);
        assertThat(fulfilled.id()).isEqualTo(mug1.id());
        assertThat(game.server.rewards().redemption(mug1.id())).isEqualTo(fulfilled);
        assertThat(errorOf(() -> game.server.rewards().fulfill(mug1.id()))).isEqualTo("redemption_not_pending");
        assertThat(errorOf(() -> game.server.rewards().cancel(mug1.id()))).isEqualTo("redemption_not_pending");

        RedemptionChange cancelled = game.server.rewards().cancel(mug2.id(), "cancel-mug2");
        RedemptionChange again = game.server.rewards().cancel(mug2.id(), "cancel-mug2");
        assertThat(cancelled.redemption().status()).isEqualTo(Redemption.Status.CANCELLED);
        assertThat(cancelled.points()).isEqualTo(new RedemptionChange.Points("coins", 100, 380));
        assertThat(cancelled.remaining()).isEqualTo(8L);
        assertThat(cancelled.idempotentReplayed()).isFalse();
        assertThat(again.idempotentReplayed()).isTrue();
        assertThat(again.points().balance()).isEqualTo(380);
        assertThat(game.server.users().pointsHistory("cy", "coins").items()).first().satisfies(entry -> {
            assertThat(entry.source()).isEqualTo("refund");
            assertThat(entry.reference()).isEqualTo(mug2.id());
            assertThat(entry.amount()).isEqualTo(100);
        });
        assertThat(game.server.rewards().get("mug").redeemed()).isEqualTo(2);
        assertThat(errorOf(() -> game.server.rewards().cancel(mug2.id()))).isEqualTo("redemption_not_pending");

        assertThat(game.server.users().redemptions("cy", 50, null, Redemption.Status.PENDING).items())
                .containsExactly(pen);
        assertThat(game.server.users().redemptions("cy", 50, null, Redemption.Status.CANCELLED).items())
                .extracting(Redemption::id).containsExactly(mug2.id());
        assertThat(game.server.rewards().redemptionsAll("mug", Redemption.Status.FULFILLED).toList())
                .extracting(Redemption::id).containsExactly(mug1.id());
        assertThat(errorOf(() -> game.server.rewards().redemption("rdm_nope"))).isEqualTo("not_found");
        assertThatThrownBy(() -> game.server.users().redemptions("cy", 50, null, Redemption.Status.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aUserRedeemsForThemselvesAndReadsTheirOwnRedemptionsOnly() {
        game.admin.rewards().put("mug", RewardDefinition.builder("coins", 10).build());
        game.server.users().adjustPoints("alice", "coins", 30, "seed");
        LudusClient alice = game.server.asUser("alice");

        RedemptionChange mine = alice.users().redeem("me", "mug");

        assertThat(mine.redemption().userId()).isEqualTo("alice");
        assertThat(alice.users().redemptions("me").items()).containsExactly(mine.redemption());
        assertThat(errorOf(() -> alice.users().redeem("bob", "mug"))).isEqualTo("insufficient_permissions");
        assertThat(errorOf(() -> alice.rewards().redemption(mine.redemption().id())))
                .isEqualTo("insufficient_permissions");
    }

    private static String errorOf(Runnable call) {
        try {
            call.run();
        } catch (LudusException e) {
            return e.error();
        }
        throw new AssertionError("the call did not fail");
    }
}
