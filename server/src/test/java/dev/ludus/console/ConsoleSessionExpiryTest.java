package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.TestLudus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sessions over HTTP with the server's clock moved: idle and absolute expiry, sign-out everywhere, throttling. */
class ConsoleSessionExpiryTest {

    TestLudus ludus;

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    /** A page that needs a session: 404 (no such application) when signed in, 303 to sign-in otherwise. */
    private static int probe(ConsoleClient browser) {
        return browser.get("/console/apps/app_none").status();
    }

    @Test
    void aSessionIdleForThirtyMinutesEnds() {
        ConsoleClient browser = new ConsoleClient(ludus).signInWithOperatorKey();
        ludus.clock().advance(Duration.ofMinutes(29));
        assertThat(probe(browser)).as("29 minutes idle").isEqualTo(404);
        ludus.clock().advance(Duration.ofMinutes(29));
        assertThat(probe(browser)).as("used 29 minutes ago").isEqualTo(404);
        ludus.clock().advance(Duration.ofMinutes(31));
        assertThat(probe(browser)).as("31 minutes idle").isEqualTo(303);
    }

    @Test
    void aSessionInUseEndsAfterTwelveHours() {
        ConsoleClient browser = new ConsoleClient(ludus).signInWithOperatorKey();
        for (int i = 0; i < 47; i++) {
            ludus.clock().advance(Duration.ofMinutes(15));
            assertThat(probe(browser)).as("after %d minutes", (i + 1) * 15).isEqualTo(404);
        }
        ludus.clock().advance(Duration.ofMinutes(16));
        assertThat(probe(browser)).as("12 h 1 min after signing in").isEqualTo(303);
    }

    @Test
    void aSessionHoldsAcrossARestart() {
        ConsoleClient before = new ConsoleClient(ludus).signInWithOperatorKey();
        ludus.restart();
        ConsoleClient after = new ConsoleClient(ludus);
        after.setCookie("ludus_session", before.cookie("ludus_session").orElseThrow());
        assertThat(probe(after)).isEqualTo(404);
    }

    @Test
    void signingOutEverywhereEndsTheAccountsOtherSessions() {
        ConsoleClient first = new ConsoleClient(ludus).signInWithOperatorKey();
        ConsoleClient second = new ConsoleClient(ludus).signInWithOperatorKey();
        assertThat(second.post("/console/sign-out-everywhere").status()).isEqualTo(303);
        assertThat(probe(first)).isEqualTo(303);
        assertThat(probe(second)).isEqualTo(303);
    }

    @Test
    void repeatedFailedSignInsAreThrottledWithRetryAfter() {
        ConsoleClient browser = new ConsoleClient(ludus);
        for (int i = 0; i < 5; i++) {
            assertThat(browser.signIn("nobody@example.com", "wrong password " + i).status()).isEqualTo(401);
        }
        ConsoleClient.Page blocked = browser.signIn("nobody@example.com", "wrong password again");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).isPresent();
        assertThat(blocked.body()).contains("Too many failed sign-ins");
        ludus.clock().advance(Duration.ofMinutes(16));
        assertThat(browser.signIn("nobody@example.com", "wrong password later").status()).isEqualTo(401);
    }
}
