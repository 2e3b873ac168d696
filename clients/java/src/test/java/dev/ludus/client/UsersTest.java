package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.testing.LudusServer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link UsersApi} against a real server with the rules of {@link Game}. */
class UsersTest {

    @RegisterExtension
    static final LudusServer shared = new LudusServer();
    private Game game;

    @BeforeEach
    void newApplicationWithRules() {
        game = Game.withRules(shared.ludus());
    }

    @Test
    void putReplacesTheWholeProfileAndDeleteErasesTheUser() {
        User created = game.server.users().put("ada", new UserProfile("Ada Lovelace", "ada@example.com",
                "Europe/London", Map.of("plan", "pro")));
        User replaced = game.server.users().put("ada", new UserProfile("Ada", null, null, null));

        assertThat(created.id()).isEqualTo("ada");
        assertThat(created.email()).isEqualTo("ada@example.com");
        assertThat(created.attributes()).isEqualTo(Map.of("plan", "pro"));
        assertThat(replaced.name()).isEqualTo("Ada");
        assertThat(replaced.email()).isNull();
        assertThat(replaced.timezone()).isNull();
        assertThat(replaced.attributes()).isEmpty();
        assertThat(replaced.createdAt()).isEqualTo(created.createdAt());
        assertThat(game.server.users().get("ada")).isEqualTo(replaced);

        game.server.users().delete("ada");

        assertThatThrownBy(() -> game.server.users().get("ada"))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.error()).isEqualTo("not_found");
                });
        assertThatThrownBy(() -> game.server.users().put("ada", new UserProfile(null, null, "CET", null)))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.field()).hasValue("timezone"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zoë O'Brien #1", "a?b=c&d;e", "100% + more", "..", ".", "用户 7", "nb\u00a0sp",
        "~me", "a\\b\"c<>|"})
    void userIdsAreSentAsOnePathSegment(String id) {
        assertThat(game.server.users().put(id, new UserProfile("Someone", null, null, null)).id()).isEqualTo(id);
        assertThat(game.server.users().get(id).id()).isEqualTo(id);
        assertThat(game.event(id, "steps", "100").event().userId()).isEqualTo(id);
        assertThat(game.server.users().progress(id).userId()).isEqualTo(id);
        assertThat(game.server.users().adjustPoints(id, "coins", 5, "hello").userId()).isEqualTo(id);
        assertThat(game.server.users().pointsHistory(id, "xp").items()).hasSize(1);
        assertThat(game.server.users().completeAchievement(id, "beta_tester").userId()).isEqualTo(id);
        game.server.users().delete(id);
        assertThatThrownBy(() -> game.server.users().get(id)).isInstanceOf(LudusException.class);
    }

    @Test
    void aUserIdWithASlashIsRefusedNamingTheField() {
        assertThatThrownBy(() -> game.event("a/b", "steps", "1"))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).hasValue("user_id");
                });
    }

    @Test
    void meIsTheTokensSubject() {
        LudusClient alice = game.server.asUser("alice");

        assertThat(alice.users().put("me", new UserProfile("Alice", null, null, null)).id()).isEqualTo("alice");
        assertThat(alice.users().get("me").name()).isEqualTo("Alice");
        assertThat(game.server.users().get("alice").name()).isEqualTo("Alice");
        assertThatThrownBy(() -> alice.users().get("bob"))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.field()).hasValue("id");
                });
        assertThatThrownBy(() -> game.server.users().get("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void progressShowsTotalsBalancesLevelsAchievementsAndRecentEvents() {
        game.event("ada", "steps", "1200");
        game.server.events().send(Event.builder("distance_km").userId("ada").value(new BigDecimal("0.9"))
                .attribute("mode", "run").build());

        Progress progress = game.server.users().progress("ada");

        assertThat(progress.userId()).isEqualTo("ada");
        assertThat(progress.metrics()).containsExactly(
                new Progress.MetricProgress("distance_km", "Distance (km)", new BigDecimal("0.9")),
                new Progress.MetricProgress("steps", "Steps", new BigDecimal("1200")));
        assertThat(progress.points()).containsExactly(
                new Progress.PointsProgress("coins", "Coins", 0, null, null),
                new Progress.PointsProgress("xp", "Experience", 225, new LevelReached(2, "Walker"),
                        new Progress.NextLevel(3, "Pro", 1000, 775)));
        assertThat(progress.achievements()).extracting(Progress.AchievementProgress::key)
                .containsExactly("all_rounder", "first_steps", "marathon");         // beta_tester is hidden
        Progress.AchievementProgress firstSteps = progress.achievements().get(1);
        assertThat(firstSteps.unlocked()).isTrue();
        assertThat(firstSteps.unlockedAt()).isNotNull();
        assertThat(firstSteps.progress()).isEqualTo(new Progress.Target(new BigDecimal("1200"), new BigDecimal("1000")));
        Progress.AchievementProgress marathon = progress.achievements().get(2);
        assertThat(marathon.unlocked()).isFalse();
        assertThat(marathon.unlockedAt()).isNull();
        assertThat(marathon.progress()).isEqualTo(new Progress.Target(new BigDecimal("0.9"), new BigDecimal("42.195")));
        assertThat(progress.achievements().get(0).progress())
                .isEqualTo(new Progress.Target(new BigDecimal("1"), new BigDecimal("2")));
        assertThat(progress.recentEvents()).extracting(RecordedEvent::metric).containsExactly("distance_km", "steps");
        assertThat(game.admin.users().progress("ada").achievements()).extracting(Progress.AchievementProgress::key)
                .contains("beta_tester");
    }

    @Test
    void adjustmentsGrantSpendCapAndAreReplayedWithTheirKey() {
        PointsAdjustment grant = game.server.users().adjustPoints("bo", "xp", 150, "welcome", "bonus-bo");
        PointsAdjustment replay = game.server.users().adjustPoints("bo", "xp", 150, "welcome", "bonus-bo");
        PointsAdjustment spend = game.server.users().adjustPoints("bo", "xp", -100, "hat");
        PointsAdjustment capped = game.server.users().adjustPoints("bo", "coins", 5000, "jackpot");

        assertThat(grant.balance()).isEqualTo(150);
        assertThat(grant.level()).isEqualTo(new LevelReached(2, "Walker"));
        assertThat(grant.levels()).containsExactly(new LevelChange("xp", new LevelReached(1, "Rookie"),
                new LevelReached(2, "Walker")));
        assertThat(grant.reason()).isEqualTo("welcome");
        assertThat(grant.idempotentReplayed()).isFalse();
        assertThat(replay.idempotentReplayed()).isTrue();
        assertThat(replay.balance()).isEqualTo(150);
        assertThat(spend.amount()).isEqualTo(-100);
        assertThat(spend.balance()).isEqualTo(50);
        assertThat(spend.level()).isEqualTo(new LevelReached(1, "Rookie"));
        assertThat(capped.amount()).isEqualTo(1000);
        assertThat(capped.capped()).isTrue();
        assertThat(capped.level()).isNull();
        assertThatThrownBy(() -> game.server.users().adjustPoints("bo", "coins", -1001, "car"))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.error()).isEqualTo("insufficient_points");
                });
        assertThatThrownBy(() -> game.server.users().adjustPoints("bo", "gold", 1, "x"))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> game.server.users().adjustPoints("bo", "xp", 1, "x", "bonus-bo"))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.error()).isEqualTo("idempotency_conflict"));
    }

    @Test
    void historyIsPagedNewestFirst() {
        for (int i = 1; i <= 5; i++) {
            game.server.users().adjustPoints("cy", "xp", i, "grant " + i);
        }
        game.event("cy", "steps", "100");

        Page<PointsHistoryEntry> first = game.server.users().pointsHistory("cy", "xp", 2, null);
        Page<PointsHistoryEntry> second = game.server.users().pointsHistory("cy", "xp", 2, first.nextCursor());
        Page<PointsHistoryEntry> third = game.server.users().pointsHistory("cy", "xp", 2, second.nextCursor());
        List<PointsHistoryEntry> all = game.server.users().pointsHistoryAll("cy", "xp").toList();

        assertThat(first.items()).hasSize(2);
        assertThat(first.hasNext()).isTrue();
        assertThat(third.items()).hasSize(2);
        assertThat(third.hasNext()).isFalse();
        assertThat(third.nextCursor()).isNull();
        PointsHistoryEntry newest = first.items().get(0);
        assertThat(newest.source()).isEqualTo("event");
        assertThat(newest.reference()).startsWith("evt_");
        assertThat(newest.amount()).isEqualTo(10);
        assertThat(newest.balance()).isEqualTo(25);
        assertThat(newest.reason()).isNull();
        assertThat(first.items().get(1)).satisfies(entry -> {
            assertThat(entry.source()).isEqualTo("adjustment");
            assertThat(entry.reference()).isNull();
            assertThat(entry.reason()).isEqualTo("grant 5");
            assertThat(entry.createdAt()).isNotNull();
        });
        assertThat(all).hasSize(6);
        assertThat(all).extracting(PointsHistoryEntry::id).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(all.subList(0, 4)).containsExactlyElementsOf(
                java.util.stream.Stream.concat(first.items().stream(), second.items().stream()).toList());
        assertThat(game.server.users().pointsHistory("cy", "coins").items()).isEmpty();
        assertThatThrownBy(() -> game.server.users().pointsHistory("cy", "xp", 101, null))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.field()).hasValue("limit"));
        assertThatThrownBy(() -> game.server.users().pointsHistory("cy", "xp", 10, "not a cursor"))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.field()).hasValue("cursor"));
    }

    @Test
    void completingAnApiAchievementPaysItsRewardOnce() {
        Completion completion = game.server.users().completeAchievement("dee", "beta_tester");
        Completion again = game.server.users().completeAchievement("dee", "beta_tester");

        assertThat(completion.alreadyUnlocked()).isFalse();
        assertThat(completion.achievement()).isEqualTo("beta_tester");
        assertThat(completion.achievements()).singleElement().satisfies(unlock -> {
            assertThat(unlock.key()).isEqualTo("beta_tester");
            assertThat(unlock.reward()).isEqualTo(new Reward("coins", 20));
        });
        assertThat(completion.points()).containsExactly(new PointsChange("coins", 20, 20, false));
        assertThat(again.alreadyUnlocked()).isTrue();
        assertThat(again.idempotentReplayed()).isFalse();
        assertThat(again.achievements()).isEmpty();
        assertThat(game.server.users().completeAchievement("dee", "beta_tester", "complete-dee").idempotentReplayed())
                .isFalse();
        assertThat(game.server.users().completeAchievement("dee", "beta_tester", "complete-dee").idempotentReplayed())
                .isTrue();
        assertThatThrownBy(() -> game.server.users().completeAchievement("dee", "marathon"))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.error()).isEqualTo("not_completable");
                });
        assertThatThrownBy(() -> game.server.users().completeAchievement("dee", "nope"))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void completingTheLastPrerequisiteUnlocksTheComposite() {
        game.event("eve", "steps", "1000");

        EventAnswer marathon = game.event("eve", "distance_km", "42.195");

        assertThat(marathon.achievements()).extracting(Unlock::key).containsExactly("marathon", "all_rounder");
        assertThat(marathon.achievements().get(0).reward()).isEqualTo(new Reward("coins", 50));
        assertThat(marathon.points()).contains(new PointsChange("coins", 50, 50, false));
    }
}
