package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the console writes values: here, how long ago something was. */
class ConsoleTextTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private static String ago(Duration before) {
        return ConsoleText.ago(NOW.minus(before), NOW);
    }

    @Test
    void agoNamesTheLargestWholeUnitThatFits() {
        assertThat(ago(Duration.ofSeconds(59))).isEqualTo("just now");
        assertThat(ago(Duration.ofSeconds(60))).isEqualTo("1 min ago");
        assertThat(ago(Duration.ofMinutes(59).plusSeconds(59))).isEqualTo("59 min ago");
        assertThat(ago(Duration.ofHours(1))).isEqualTo("1 h ago");
        assertThat(ago(Duration.ofHours(47))).isEqualTo("47 h ago");
        assertThat(ago(Duration.ofHours(48))).isEqualTo("2 days ago");
        assertThat(ago(Duration.ofDays(400))).isEqualTo("400 days ago");
    }

    @Test
    void agoOfALaterInstantIsJustNowAndOfNoneIsEmpty() {
        assertThat(ago(Duration.ofMinutes(-5))).as("another node's clock a little ahead").isEqualTo("just now");
        assertThat(ConsoleText.ago(null, NOW)).isEmpty();
    }
}
