package dev.ludus.client;

import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.math.BigDecimal;

/**
 * The rules of docs/rules.md, defined through the SDK for a new application: metrics {@code steps}
 * and {@code distance_km}; points systems {@code coins} (capped at 1,000) and {@code xp} (10 per 100
 * steps, 5 per half km run, 100 for {@code first_steps}; levels Rookie 0, Walker 100, Pro 1000);
 * achievements {@code first_steps} (1,000 steps), {@code marathon} (42.195 km, 50 coins),
 * {@code beta_tester} (hidden, completed through the API, 20 coins) and {@code all_rounder}
 * (composite of the first two). Its clients mint their tokens on the server's clock.
 */
final class Game {

    final TestApp app;
    /** Scope {@code admin}: defines the rules. */
    final LudusClient admin;
    /** Scopes {@code users:read users:write}: acts for every user. */
    final LudusClient server;

    private Game(TestApp app, LudusClient admin, LudusClient server) {
        this.app = app;
        this.admin = admin;
        this.server = server;
    }

    /** A new application of {@code ludus}, with the SDK clients but no rules. */
    static Game empty(TestLudus ludus) {
        TestApp app = ludus.createApp();
        return new Game(app, builder(ludus, app).scopes("admin").build(), builder(ludus, app).build());
    }

    /** A new application with the rules above. */
    static Game withRules(TestLudus ludus) {
        Game game = empty(ludus);
        game.defineRules();
        return game;
    }

    /** An SDK client of {@code app} with an application token, on the server's clock. */
    static LudusClient.Builder builder(TestLudus ludus, TestApp app) {
        return LudusClient.builder().baseUrl(ludus.baseUrl()).clock(ludus.clock())
                .applicationToken(app.tenantId(), app.applicationId(), app.apiSecret());
    }

    void defineRules() {
        admin.metrics().put("steps", new MetricDefinition("Steps", "Steps walked", false));
        admin.metrics().put("distance_km", MetricDefinition.named("Distance (km)"));
        admin.pointsSystems().put("coins", PointsSystemDefinition.builder().name("Coins").maxPoints(1000).build());
        admin.achievements().put("first_steps", AchievementDefinition.builder(
                AchievementTrigger.metric("steps", new BigDecimal("1000"))).name("First steps").build());
        admin.achievements().put("marathon", AchievementDefinition.builder(
                AchievementTrigger.metric("distance_km", new BigDecimal("42.195")))
                .name("Marathon").description("Run 42.195 km").reward("coins", 50).build());
        admin.achievements().put("beta_tester", AchievementDefinition.builder(AchievementTrigger.api())
                .name("Beta tester").hidden(true).reward("coins", 20).build());
        admin.achievements().put("all_rounder", AchievementDefinition.builder(
                AchievementTrigger.composite("first_steps", "marathon")).name("All-rounder").build());
        admin.pointsSystems().put("xp", PointsSystemDefinition.builder()
                .name("Experience")
                .trigger(PointsTrigger.perMetric("steps", 10, new BigDecimal("100")))
                .trigger(PointsTrigger.perMetric("distance_km", 5, new BigDecimal("0.5")).withFilter(
                        java.util.Map.of("mode", "run")))
                .trigger(PointsTrigger.onAchievement("first_steps", 100))
                .maxPoints(100_000)
                .level("Rookie", 0).level("Walker", 100).level("Pro", 1000)
                .build());
    }

    /** {@code value} units of {@code metric} for {@code userId}, through the SDK. */
    EventAnswer event(String userId, String metric, String value) {
        return server.events().send(Event.builder(metric).userId(userId).value(new BigDecimal(value)).build());
    }
}
