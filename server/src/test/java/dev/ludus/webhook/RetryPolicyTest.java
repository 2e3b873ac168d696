package dev.ludus.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(new Random(42));

    /** The waits after failed attempts 1 to 7, as docs/webhooks.md states them (Standard Webhooks). */
    private static final List<Duration> DOCUMENTED = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(10));

    @Test
    void followsTheDocumentedScheduleWithinTwentyPercentJitter() {
        for (int attempts = 1; attempts <= DOCUMENTED.size(); attempts++) {
            Duration planned = DOCUMENTED.get(attempts - 1);
            Duration wait = Duration.between(NOW, policy.next(attempts, NOW, Optional.empty()).orElseThrow());
            assertThat(wait.toMillis()).as("after attempt %d", attempts)
                    .isBetween(planned.toMillis() * 8 / 10, planned.toMillis() * 12 / 10);
        }
    }

    @Test
    void theEighthFailedAttemptIsTheLast() {
        assertThat(policy.next(7, NOW, Optional.empty())).isPresent();
        assertThat(policy.next(8, NOW, Optional.empty())).isEmpty();
        assertThat(policy.next(8, NOW, Optional.of(Duration.ofSeconds(1)))).as("whatever Retry-After says").isEmpty();
    }

    @Test
    void honoursALongerRetryAfterOnly() {
        assertThat(policy.next(1, NOW, Optional.of(Duration.ofHours(1)))).hasValue(NOW.plus(Duration.ofHours(1)));
        assertThat(Duration.between(NOW, policy.next(2, NOW, Optional.of(Duration.ofSeconds(1))).orElseThrow()))
                .isGreaterThan(Duration.ofMinutes(3));
        assertThat(policy.next(1, NOW, Optional.of(Duration.ofDays(30)))).hasValue(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDate() {
        assertThat(RetryPolicy.retryAfter(Optional.of("120"), NOW)).hasValue(Duration.ofSeconds(120));
        assertThat(RetryPolicy.retryAfter(Optional.of("Mon, 23 Nov 2026 11:00:00 GMT"), NOW))
                .hasValue(Duration.ofHours(1));
        assertThat(RetryPolicy.retryAfter(Optional.of("soon"), NOW)).isEmpty();
        assertThat(RetryPolicy.retryAfter(Optional.of("-5"), NOW)).isEmpty();
    }
}
