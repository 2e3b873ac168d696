package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.testing.LudusServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link StatsApi} against a real server: the figures of the events the SDK sent, by hour and by day. */
class StatsTest {

    @RegisterExtension
    static final LudusServer shared = new LudusServer();

    @Test
    void theFiguresAreThoseOfTheEventsSent() {
        Game game = Game.withRules(shared.ludus());
        Instant hour = shared.ludus().clock().instant().truncatedTo(ChronoUnit.HOURS);
        game.event("ada", "steps", "1200");
        game.event("bob", "steps", "50");
        game.event("ada", "steps", "10");

        UsageStats stats = game.admin.stats().get(hour, hour.plus(Duration.ofHours(1)), StatsApi.Interval.HOUR);
        assertThat(stats.interval()).isEqualTo("hour");
        assertThat(stats.buckets()).singleElement().satisfies(bucket -> {
            assertThat(bucket.start()).isEqualTo(hour);
            assertThat(bucket.events()).isEqualTo(3);
            assertThat(bucket.activeUsers()).isEqualTo(2);
            assertThat(bucket.achievementsUnlocked()).isEqualTo(Map.of("first_steps", 1L));
            assertThat(bucket.webhookDeliveries()).containsOnlyKeys("delivered", "retrying", "given_up");
            assertThat(bucket.requests()).containsKeys("jwt", "auth_token", "ecdsa");
        });
        UsageStats days = game.admin.stats().get(hour, hour.plus(Duration.ofMinutes(1)), StatsApi.Interval.DAY);
        assertThat(days.buckets()).singleElement().satisfies(day -> assertThat(day.events()).isEqualTo(3));
        UsageStats weeks = game.admin.stats().get(hour, hour.plus(Duration.ofMinutes(1)), StatsApi.Interval.WEEK);
        assertThat(weeks.interval()).isEqualTo("week");
        assertThat(weeks.buckets()).singleElement().satisfies(week -> {
            assertThat(week.events()).isEqualTo(3);
            assertThat(week.start().atOffset(java.time.ZoneOffset.UTC).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
        });

        assertThatThrownBy(() -> game.admin.stats().get(hour, hour, StatsApi.Interval.HOUR))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).hasValue("to");
                });
    }
}
