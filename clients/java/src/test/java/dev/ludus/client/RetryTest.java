package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 429 retries honouring {@code Retry-After}, against a server whose token endpoint allows one request
 * per 2 s (its clock runs, so that the bucket refills). The client talks through a {@link FaultyProxy}
 * (without faults), which counts its requests.
 */
class RetryTest {

    @RegisterExtension
    static final LudusServer shared = new LudusServer(TestLudus.builder().runningClock()
            .settings(Map.of("LUDUS_AUTH_TOKEN_RATE", "0.5", "LUDUS_AUTH_TOKEN_BURST", "1")));
    private TestApp app;
    private FaultyProxy proxy;

    @BeforeEach
    void applicationWithAnEmptyBucket() {
        app = shared.ludus().createApp();
        // Uses up the client's one request, outside the proxy.
        assertThat(shared.http().send("POST", "/v1/auth_token", null, app.basic()).status()).isEqualTo(200);
        proxy = new FaultyProxy(shared.ludus().baseUrl());
    }

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    private LudusClient.Builder builder() {
        return LudusClient.builder().baseUrl(proxy.baseUrl()).clientCredentials(app.clientId(), app.clientSecret());
    }

    @Test
    void waitsAsRetryAfterSaysThenSucceeds() {
        long started = System.nanoTime();

        Verification verification = builder().build().auth().verify();

        assertThat(verification.method()).isEqualTo("auth_token");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(proxy.seen("/v1/auth_token")).as("one refused, one answered").hasSize(2);
    }

    @Test
    void withoutRetriesTheRateLimitIsThrownWithRetryAfter() {
        LudusClient client = builder().maxRetries(0).build();

        assertThatThrownBy(() -> client.auth().verify())
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.error()).isEqualTo("rate_limited");
                    assertThat(e.retryAfter()).hasValueSatisfying(wait ->
                            assertThat(wait).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2)));
                });
    }

    @Test
    void doesNotWaitLongerThanMaxRetryDelay() {
        LudusClient client = builder().maxRetryDelay(Duration.ofMillis(500)).build();
        long started = System.nanoTime();

        assertThatThrownBy(() -> client.auth().verify())
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.status()).isEqualTo(429));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aSilentServerTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try (Socket connection = silent.accept()) {
                    Thread.sleep(5_000);                          // reads nothing, answers nothing
                } catch (IOException | InterruptedException ignored) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            LudusClient client = LudusClient.builder().baseUrl("http://localhost:" + silent.getLocalPort())
                    .applicationToken("ten_x", "app_x", "sk_x").requestTimeout(Duration.ofMillis(300)).build();

            assertThatThrownBy(() -> client.auth().verify())
                    .isInstanceOfSatisfying(LudusException.class, e -> {
                        assertThat(e.status()).isZero();
                        assertThat(e.error()).isEqualTo("timeout");
                    });
            acceptor.interrupt();
        }
    }
}
