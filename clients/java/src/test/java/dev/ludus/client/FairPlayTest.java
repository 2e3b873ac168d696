package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.client.internal.JsonSupport;
import dev.ludus.config.LudusConfig;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.WebhookReceiver;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Velocity guards ({@link MetricDefinition#velocity()}), earning caps ({@link PointsSystemDefinition#caps()}),
 * {@link EventAnswer#flag()}, {@link User#flag()} and {@link UsersApi#clearFlag} against a real server. Its
 * clock stands at noon UTC of a fixed day (never moved), so that a daily cap resets at the next UTC midnight
 * and every event arrives within a guard's window.
 */
class FairPlayTest {

    private static final Instant NOON = Instant.parse("2030-06-12T12:00:00Z");
    private static final Instant MIDNIGHT = Instant.parse("2030-06-13T00:00:00Z");

    @RegisterExtension
    static final LudusServer shared = new LudusServer(TestLudus.builder().clockAt(NOON)
            .setting(LudusConfig.WEBHOOK_ALLOW_PRIVATE, "true"));

    @Test
    void aGuardWithHoldFlagsTheUserADailyCapCutsTheirPointsAndTheFlagIsCleared() throws Exception {
        Game game = Game.empty(shared.ludus());
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            game.admin.webhooks().create(receiver.url(), List.of(WebhookEventType.USER_FLAGGED), null);
            Metric lessons = game.admin.metrics().put("lessons", MetricDefinition.named("Lessons")
                    .withVelocity(new VelocityGuard(2, 60, true)));
            PointsSystem xp = game.admin.pointsSystems().put("xp", PointsSystemDefinition.builder()
                    .trigger(PointsTrigger.perMetric("lessons", 10))
                    .cap("lessons", 15, EarningCap.Period.DAY)
                    .build());

            assertThat(lessons.velocity()).isEqualTo(new VelocityGuard(2, 60, true));
            assertThat(game.server.metrics().get("lessons").definition())
                    .isEqualTo(new MetricDefinition("Lessons", null, false, new VelocityGuard(2, 60, true)));
            assertThat(xp.caps()).containsExactly(new EarningCap("lessons", 15, EarningCap.Period.DAY));
            assertThat(game.admin.pointsSystems().put("xp", xp.definition()).caps()).isEqualTo(xp.caps());

            EventAnswer first = game.event("ada", "lessons", "1");
            EventAnswer second = game.event("ada", "lessons", "1");
            EventAnswer third = game.event("ada", "lessons", "1");

            assertThat(first.points()).containsExactly(new PointsChange("xp", 10, 10, false));
            assertThat(first.flag()).isNull();
            assertThat(second.points()).containsExactly(new PointsChange("xp", 5, 15, true,
                    new CapReached("lessons", EarningCap.Period.DAY, 15, 15, MIDNIGHT)));
            assertThat(second.flag()).isNull();
            UserFlag flag = new UserFlag(UserFlag.Reason.VELOCITY, "lessons", 3, 60, true, NOON);
            assertThat(third.flag()).isEqualTo(flag);
            assertThat(third.points()).as("a held event earns nothing").isEmpty();
            assertThat(third.metric().total()).as("its total still counts").isEqualByComparingTo("3");
            assertThat(game.server.users().get("ada").flag()).isEqualTo(flag);

            List<WebhookReceiver.Received> messages = receiver.await(1);
            assertThat(messages).extracting(WebhookReceiver.Received::type).containsExactly("user.flagged");
            assertThat(messages.get(0).json().path("data").path("user_id").asText()).isEqualTo("ada");
            assertThat(JsonSupport.mapper().treeToValue(messages.get(0).json().path("data").path("flag"),
                    UserFlag.class)).isEqualTo(flag);

            assertThat(game.server.users().clearFlag("ada")).isEqualTo(new FlagClear("ada", true, flag));
            assertThat(game.server.users().get("ada").flag()).isNull();
            assertThat(game.server.users().clearFlag("ada")).as("not flagged: nothing changes")
                    .isEqualTo(new FlagClear("ada", false, null));
            assertThatThrownBy(() -> game.server.users().clearFlag("nobody"))
                    .isInstanceOfSatisfying(LudusException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.error()).isEqualTo("not_found");
                    });
        }
    }
}
