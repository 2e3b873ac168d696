package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.testing.LudusServer;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link MetricsApi}, {@link PointsSystemsApi} and {@link AchievementsApi} against a real server. */
class RulesTest {

    @RegisterExtension
    static final LudusServer shared = new LudusServer();

    @Test
    void rulesAreAnsweredInCanonicalForm() {
        Game game = Game.withRules(shared.ludus());

        Metric steps = game.server.metrics().get("steps");
        PointsSystem xp = game.server.pointsSystems().get("xp");
        Achievement marathon = game.server.achievements().get("marathon");

        assertThat(steps).satisfies(metric -> {
            assertThat(metric.key()).isEqualTo("steps");
            assertThat(metric.name()).isEqualTo("Steps");
            assertThat(metric.description()).isEqualTo("Steps walked");
            assertThat(metric.allowNegative()).isFalse();
            assertThat(metric.createdAt()).isNotNull();
            assertThat(metric.archivedAt()).isNull();
        });
        assertThat(game.server.metrics().get("distance_km").description()).isNull();
        assertThat(xp.triggers()).containsExactly(
                new PointsTrigger.PerMetric("steps", 10, new BigDecimal("100"), Map.of()),
                new PointsTrigger.PerMetric("distance_km", 5, new BigDecimal("0.5"), Map.of("mode", "run")),
                new PointsTrigger.OnAchievement("first_steps", 100));
        assertThat(xp.maxPoints()).isEqualTo(100_000L);
        assertThat(xp.levels()).containsExactly(new Level("Rookie", 0), new Level("Walker", 100), new Level("Pro", 1000));
        assertThat(game.server.pointsSystems().get("coins").triggers()).isEmpty();
        assertThat(marathon.trigger()).isEqualTo(AchievementTrigger.metric("distance_km", new BigDecimal("42.195")));
        assertThat(marathon.reward()).isEqualTo(new Reward("coins", 50));
        assertThat(marathon.description()).isEqualTo("Run 42.195 km");
        assertThat(marathon.unlocked()).isNull();
        assertThat(marathon.backfilledUsers()).isNull();
        assertThat(game.admin.achievements().get("beta_tester").trigger()).isEqualTo(AchievementTrigger.api());
        assertThat(game.server.achievements().get("all_rounder").trigger())
                .isEqualTo(AchievementTrigger.composite("first_steps", "marathon"));
    }

    @Test
    void aDefinitionReadBackCanBeChangedAndPutAgain() {
        Game game = Game.withRules(shared.ludus());
        PointsSystem xp = game.admin.pointsSystems().get("xp");
        PointsSystemDefinition changed = new PointsSystemDefinition("XP", xp.description(), xp.triggers().subList(0, 1),
                null, true, xp.levels());

        PointsSystem put = game.admin.pointsSystems().put("xp", changed);

        assertThat(put.name()).isEqualTo("XP");
        assertThat(put.triggers()).hasSize(1);
        assertThat(put.maxPoints()).isNull();
        assertThat(put.allowNegative()).isTrue();
        assertThat(put.createdAt()).isEqualTo(xp.createdAt());
        assertThat(game.admin.pointsSystems().put("xp", put.definition())).usingRecursiveComparison()
                .ignoringFields("updatedAt").isEqualTo(put);
        Metric steps = game.admin.metrics().get("steps");
        assertThat(game.admin.metrics().put("steps", steps.definition()).description()).isEqualTo("Steps walked");
        Achievement marathon = game.admin.achievements().get("marathon");
        assertThat(game.admin.achievements().put("marathon", marathon.definition()).trigger())
                .isEqualTo(marathon.trigger());
    }

    @Test
    void pointsThatExpireAreReadBackAndPointsThatDoNotReadBackNone() {
        Game game = Game.empty(shared.ludus());

        PointsSystem expiring = game.admin.pointsSystems().put("season", PointsSystemDefinition.builder()
                .name("Season points").expiresAfterDays(30).build());
        PointsSystem lasting = game.admin.pointsSystems().put("lifetime", PointsSystemDefinition.builder()
                .name("Lifetime points").build());

        assertThat(expiring.expiry()).isEqualTo(new PointsExpiry(30));
        assertThat(expiring.expiresAfterDays()).isEqualTo(30);
        assertThat(game.server.pointsSystems().get("season").expiresAfterDays()).isEqualTo(30);
        assertThat(lasting.expiry()).isNull();
        assertThat(game.server.pointsSystems().get("lifetime").expiresAfterDays()).isNull();
        assertThat(game.admin.pointsSystems().put("season", expiring.definition()).expiry())
                .as("a definition read back keeps its expiry").isEqualTo(PointsExpiry.afterDays(30));
        assertThat(game.admin.pointsSystems().put("season", PointsSystemDefinition.builder()
                .name("Season points").build()).expiry()).as("a PUT without it: points never expire").isNull();
        assertThatThrownBy(() -> game.admin.pointsSystems().put("bad", PointsSystemDefinition.builder()
                .expiresAfterDays(3651).build()))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).hasValue("expiry.after_days");
                });
    }

    @Test
    void expiryNoticesAndSeasonsAreReadBackAndRefusedWhenMalformed() {
        Game game = Game.empty(shared.ludus());

        PointsSystem coins = game.admin.pointsSystems().put("coins", PointsSystemDefinition.builder()
                .expiresAfterDays(30, 7).season(PointsSeason.Period.WEEKLY, "Europe/Paris", DayOfWeek.SUNDAY).build());
        game.server.users().adjustPoints("ada", "coins", 20, "seed");

        assertThat(coins.expiry()).isEqualTo(new PointsExpiry(30, 7));
        assertThat(coins.season()).isEqualTo(new PointsSeason(PointsSeason.Period.WEEKLY, "Europe/Paris",
                DayOfWeek.SUNDAY));
        assertThat(game.admin.pointsSystems().put("coins", coins.definition())).usingRecursiveComparison()
                .ignoringFields("updatedAt").as("a definition read back keeps its notice and season").isEqualTo(coins);
        LocalDate today = LocalDate.ofInstant(shared.ludus().clock().instant(), ZoneOffset.UTC);
        assertThat(game.server.users().progress("ada").points().getFirst().nextExpiry())
                .isEqualTo(new Progress.NextExpiry(20, today.plusDays(31).atStartOfDay(ZoneOffset.UTC).toInstant()));
        assertThat(game.admin.pointsSystems().put("coins", PointsSystemDefinition.builder().expiresAfterDays(30)
                .build())).satisfies(plain -> {
                    assertThat(plain.expiry().noticeDays()).isNull();
                    assertThat(plain.season()).isNull();
                });
        assertThatThrownBy(() -> game.admin.pointsSystems().put("bad", PointsSystemDefinition.builder()
                .expiresAfterDays(30, 31).build()))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.field()).hasValue("expiry.notice_days"));
        assertThatThrownBy(() -> game.admin.pointsSystems().put("bad", PointsSystemDefinition.builder()
                .season(PointsSeason.Period.MONTHLY, "Mars/Olympus").build()))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.field()).hasValue("season.timezone"));
    }

    @Test
    void listsArePagedInKeyOrder() {
        Game game = Game.withRules(shared.ludus());

        Page<Metric> first = game.server.metrics().list(1, null, false);
        Page<Metric> second = game.server.metrics().list(1, first.nextCursor(), false);

        assertThat(first.items()).extracting(Metric::key).containsExactly("distance_km");
        assertThat(first.hasNext()).isTrue();
        assertThat(second.items()).extracting(Metric::key).containsExactly("steps");
        assertThat(second.hasNext()).isFalse();
        assertThat(game.server.metrics().list().items()).hasSize(2);
        assertThat(game.server.pointsSystems().listAll(false).map(PointsSystem::key)).containsExactly("coins", "xp");
        assertThat(game.admin.achievements().listAll(false).map(Achievement::key))
                .containsExactly("all_rounder", "beta_tester", "first_steps", "marathon");
    }

    @Test
    void listAllFollowsEveryPage() {
        Game game = Game.empty(shared.ludus());
        for (int i = 0; i < 105; i++) {
            game.admin.metrics().put(String.format("m%03d", i), MetricDefinition.named("Metric " + i));
        }

        List<Metric> all = game.server.metrics().listAll(false).toList();

        assertThat(all).hasSize(105);
        assertThat(all.get(0).key()).isEqualTo("m000");
        assertThat(all.get(104).key()).isEqualTo("m104");
        assertThat(game.server.metrics().list().items()).hasSize(50);
        assertThat(game.server.metrics().listAll(false).limit(3).map(Metric::key)).containsExactly("m000", "m001", "m002");
    }

    @Test
    void archivingHidesARuleUntilItIsPutAgain() {
        Game game = Game.withRules(shared.ludus());
        game.admin.metrics().put("sleep", MetricDefinition.named("Sleep"));

        game.admin.metrics().archive("sleep");

        assertThat(game.server.metrics().listAll(false).map(Metric::key)).doesNotContain("sleep");
        assertThat(game.server.metrics().listAll(true).map(Metric::key)).contains("sleep");
        assertThat(game.server.metrics().get("sleep").archivedAt()).isNotNull();
        assertThatThrownBy(() -> game.event("ada", "sleep", "8"))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.error()).isEqualTo("unknown_metric"));
        game.admin.metrics().archive("sleep");                                  // again: nothing changes
        assertThat(game.admin.metrics().put("sleep", MetricDefinition.named("Sleep")).archivedAt()).isNull();
        assertThat(game.event("ada", "sleep", "8").metric().total()).isEqualByComparingTo("8");
    }

    @Test
    void refusalsNameWhatIsWrong() {
        Game game = Game.withRules(shared.ludus());

        assertThatThrownBy(() -> game.admin.metrics().archive("steps"))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.error()).isEqualTo("rule_in_use");
                    assertThat(e.problem()).hasValueSatisfying(problem -> assertThat(problem)
                            .contains("\"used_by\":[\"achievement:first_steps\",\"points_system:xp\"]"));
                });
        assertThatThrownBy(() -> game.admin.achievements().put("sleeper", AchievementDefinition.builder(
                AchievementTrigger.metric("sleep", BigDecimal.TEN)).reward("gold", 5).build()))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.error()).isEqualTo("unknown_rule");
                    assertThat(e.field()).hasValue("trigger");
                    assertThat(e.problem()).hasValueSatisfying(problem -> assertThat(problem)
                            .contains("metric:sleep", "points_system:gold"));
                });
        assertThatThrownBy(() -> game.admin.pointsSystems().put("bad", PointsSystemDefinition.builder()
                .trigger(PointsTrigger.perMetric("steps", 1, new BigDecimal("0.0000001"))).build()))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.field()).hasValue("triggers[0].per"));
        assertThatThrownBy(() -> game.admin.pointsSystems().put("bad", PointsSystemDefinition.builder()
                .level("B", 10).level("A", 5).build()))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.field()).hasValue("levels[1].threshold"));
        assertThatThrownBy(() -> game.admin.metrics().get("Not A Key"))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).hasValue("key");
                });
        assertThatThrownBy(() -> game.admin.metrics().get("never"))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.error()).isEqualTo("not_found"));
        assertThatThrownBy(() -> game.server.metrics().put("walks", MetricDefinition.named("Walks")))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.error()).isEqualTo("insufficient_permissions");
                });
    }

    @Test
    void theCatalogCountsCompletionsAndHidesWhatTheCallerMayNotSee() {
        Game game = Game.withRules(shared.ludus());
        game.event("ann", "steps", "1000");
        game.event("bob", "steps", "10");
        game.event("cy", "steps", "10");
        game.event("dee", "steps", "10");
        LudusClient ann = game.server.asUser("ann");

        assertThat(ann.achievements().listAll(false).map(Achievement::key))
                .containsExactly("all_rounder", "first_steps", "marathon");
        assertThatThrownBy(() -> ann.achievements().get("beta_tester"))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.status()).isEqualTo(404));
        game.server.users().completeAchievement("ann", "beta_tester");

        List<Achievement> catalog = ann.achievements().list().items();

        assertThat(catalog).extracting(Achievement::key)
                .containsExactly("all_rounder", "beta_tester", "first_steps", "marathon");
        Achievement firstSteps = catalog.get(2);
        assertThat(firstSteps.completions()).isEqualTo(1);
        assertThat(firstSteps.rarity()).isEqualByComparingTo("0.25");
        assertThat(firstSteps.unlocked()).isTrue();
        assertThat(catalog.get(3).unlocked()).isFalse();
        assertThat(catalog.get(3).rarity()).isEqualByComparingTo("0");
        assertThat(ann.achievements().get("beta_tester").completions()).isEqualTo(1);
        assertThat(game.server.achievements().list(1, null, false).items()).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void aNewAchievementIsBackfilledToEveryoneWhoQualifies() {
        Game game = Game.withRules(shared.ludus());
        game.event("ann", "steps", "700");
        game.event("bob", "steps", "500");
        game.event("cy", "steps", "100");

        Achievement put = game.admin.achievements().put("five_hundred", AchievementDefinition.builder(
                AchievementTrigger.metric("steps", new BigDecimal("500"))).name("Five hundred").reward("coins", 20).build());

        assertThat(put.backfilledUsers()).isEqualTo(2);
        assertThat(put.completions()).isEqualTo(2);
        assertThat(put.rarity()).isEqualByComparingTo("0.6667");
        assertThat(game.server.users().progress("bob").achievements()).filteredOn(a -> a.key().equals("five_hundred"))
                .singleElement().satisfies(a -> {
                    assertThat(a.unlocked()).isTrue();
                    assertThat(a.backfilled()).isTrue();
                });
        assertThat(game.admin.achievements().put("five_hundred", put.definition()).backfilledUsers()).isZero();
    }
}
