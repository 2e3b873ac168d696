package dev.ludus.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failed sign-ins: five per email or twenty per address within 15 minutes block, counted in the store. */
class SignInThrottleTest {

    private static final Optional<String> HOME = Optional.of("198.51.100.20");
    private static final Optional<String> ELSEWHERE = Optional.of("203.0.113.30");

    private final AccountsFixture fixture = new AccountsFixture();
    private final SignInThrottle throttle = fixture.throttle;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void fiveFailuresForAnEmailWithin15MinutesBlockIt() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice@example.com", Optional.of("192.0.2." + i));
            fixture.clock.advance(Duration.ofMinutes(1));
        }
        assertThat(throttle.blocked("alice@example.com", ELSEWHERE)).isEmpty();

        throttle.failed("alice@example.com", ELSEWHERE);

        // the first failure, 4 minutes ago, leaves the window in 11 minutes
        assertThat(throttle.blocked("alice@example.com", ELSEWHERE)).contains(Duration.ofMinutes(11));
        assertThat(throttle.blocked("alice@example.com", Optional.empty())).contains(Duration.ofMinutes(11));
        assertThat(throttle.blocked(" ALICE@example.com", Optional.empty())).contains(Duration.ofMinutes(11));
        assertThat(throttle.blocked("bob@example.com", ELSEWHERE)).isEmpty();

        fixture.clock.advance(Duration.ofMinutes(11).minusMillis(1));
        assertThat(throttle.blocked("alice@example.com", ELSEWHERE)).contains(Duration.ofSeconds(1));
        fixture.clock.advance(Duration.ofMillis(1));
        assertThat(throttle.blocked("alice@example.com", ELSEWHERE)).isEmpty();
    }

    @Test
    void anEmailIsCountedWhateverItsCaseAndSpaces() {
        throttle.failed("Alice@Example.com", HOME);
        throttle.failed("alice@example.com ", HOME);
        throttle.failed(" ALICE@EXAMPLE.COM", HOME);
        throttle.failed("alice@example.com", HOME);
        assertThat(throttle.blocked("alice@example.com", HOME)).isEmpty();

        throttle.failed("aLiCe@example.com", HOME);

        assertThat(throttle.blocked("alice@example.com", HOME)).contains(SignInThrottle.WINDOW);
    }

    @Test
    void twentyFailuresFromAnAddressBlockItForEveryEmail() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("user" + i + "@example.com", HOME);
        }
        assertThat(throttle.blocked("someone@example.com", HOME)).isEmpty();

        fixture.clock.advance(Duration.ofMinutes(5));
        throttle.failed("user19@example.com", HOME);

        assertThat(throttle.blocked("someone@example.com", HOME)).contains(Duration.ofMinutes(10));
        assertThat(throttle.blocked("someone@example.com", ELSEWHERE)).isEmpty();
        assertThat(throttle.blocked("someone@example.com", Optional.empty())).isEmpty();
    }

    @Test
    void theLongerOfTwoBlocksIsTheWait() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i + "@example.com", HOME);
        }
        fixture.clock.advance(Duration.ofMinutes(6));
        for (int i = 0; i < 5; i++) {
            throttle.failed("alice@example.com", ELSEWHERE);
        }

        assertThat(throttle.blocked("alice@example.com", HOME)).contains(SignInThrottle.WINDOW);
        assertThat(throttle.blocked("bob@example.com", HOME)).contains(Duration.ofMinutes(9));
    }

    @Test
    void aSuccessForgetsTheEmailsFailuresButNotTheAddresses() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("alice@example.com", HOME);
        }
        for (int i = 0; i < 20; i++) {
            throttle.failed("mallory" + i + "@example.com", HOME);
        }
        assertThat(throttle.blocked("alice@example.com", Optional.empty())).isPresent();

        throttle.succeeded("Alice@example.com");

        assertThat(throttle.blocked("alice@example.com", Optional.empty())).isEmpty();
        assertThat(throttle.blocked("alice@example.com", ELSEWHERE)).isEmpty();
        assertThat(throttle.blocked("alice@example.com", HOME)).isPresent();
        assertThat(fixture.count("SELECT COUNT(*) FROM console_sign_in_failures")).isEqualTo(20);
    }

    @Test
    void everyNodeCountsTheSameFailures() {
        SignInThrottle otherNode = new SignInThrottle(fixture.jdbi(), fixture.clock);
        for (int i = 0; i < 3; i++) {
            throttle.failed("alice@example.com", HOME);
        }
        otherNode.failed("alice@example.com", ELSEWHERE);
        otherNode.failed("alice@example.com", ELSEWHERE);

        assertThat(throttle.blocked("alice@example.com", Optional.empty())).isPresent();
        assertThat(otherNode.blocked("alice@example.com", Optional.empty())).isPresent();
    }

    @Test
    void theStoreKeepsEmailsHashedAndForgetsOldFailures() {
        throttle.failed("my secret password", HOME);
        throttle.failed("alice@example.com", HOME);
        String rows = fixture.jdbi().withHandle(handle -> handle.createQuery("SELECT * FROM console_sign_in_failures")
                .mapToMap().list().toString());
        assertThat(rows).doesNotContain("my secret password").doesNotContain("alice@example.com");

        fixture.clock.advance(SignInThrottle.WINDOW);
        throttle.failed("bob@example.com", HOME);

        assertThat(fixture.count("SELECT COUNT(*) FROM console_sign_in_failures")).isEqualTo(1);
    }
}
