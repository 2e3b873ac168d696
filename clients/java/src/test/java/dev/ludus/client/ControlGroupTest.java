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

/**
 * Control groups against a real server with the rules of {@link Game}: {@link Application#controlGroupPercent()}
 * set through {@link ApplicationChanges}, {@link EventAnswer#controlGroup()}, {@link User#controlGroup()} and
 * {@link UsageStats.Bucket#groups()}. The server's clock stands still, so that every event is in one hour.
 */
class ControlGroupTest {

    @RegisterExtension
    static final LudusServer shared = new LudusServer();

    @Test
    void atOneHundredPercentEveryUserIsHeldOutOfTheGameAndAtZeroTheNextEventPlays() {
        Game game = Game.withRules(shared.ludus());
        Instant hour = shared.ludus().clock().instant().truncatedTo(ChronoUnit.HOURS);
        assertThat(game.admin.application().get().controlGroupPercent()).isZero();

        Application everyone = game.admin.application().update(ApplicationChanges.builder()
                .controlGroupPercent(100).build());
        EventAnswer held = game.event("ada", "steps", "1200");

        assertThat(everyone.controlGroupPercent()).isEqualTo(100);
        assertThat(held.controlGroup()).isTrue();
        assertThat(held.points()).as("the control group sees no game").isEmpty();
        assertThat(held.levels()).isEmpty();
        assertThat(held.achievements()).isEmpty();
        assertThat(held.streaks()).isEmpty();
        assertThat(held.quests()).isEmpty();
        assertThat(held.leaderboards()).isEmpty();
        assertThat(held.metric().total()).as("its total still counts").isEqualByComparingTo("1200");
        assertThat(game.server.users().get("ada").controlGroup()).isTrue();
        assertThat(bucket(game, hour).groups()).satisfies(groups -> {
            assertThat(groups.control().events()).isEqualTo(1);
            assertThat(groups.control().activeUsers()).isEqualTo(1);
            assertThat(groups.control().achievementsUnlocked()).isEqualTo(Map.of("first_steps", 1L));
            assertThat(groups.game().events()).isZero();
        });

        assertThat(game.admin.application().update(ApplicationChanges.builder().controlGroupPercent(0).build())
                .controlGroupPercent()).isZero();
        EventAnswer played = game.event("ada", "steps", "100");

        assertThat(played.controlGroup()).isFalse();
        assertThat(played.points()).as("what the control group earned was counted: 120 + 100 for first_steps")
                .containsExactly(new PointsChange("xp", 10, 230, false));
        assertThat(game.server.users().get("ada").controlGroup()).isFalse();
        UsageStats.Bucket both = bucket(game, hour);
        assertThat(both.events()).isEqualTo(2);
        assertThat(both.groups().game().events()).isEqualTo(1);
        assertThat(both.groups().control().events()).isEqualTo(1);

        assertThatThrownBy(() -> game.admin.application().update(ApplicationChanges.builder()
                .controlGroupPercent(101).build()))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).hasValue("control_group_percent");
                });
    }

    private static UsageStats.Bucket bucket(Game game, Instant hour) {
        UsageStats stats = game.admin.stats().get(hour, hour.plus(Duration.ofHours(1)), StatsApi.Interval.HOUR);
        assertThat(stats.buckets()).hasSize(1);
        return stats.buckets().get(0);
    }
}
