package dev.ludus.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.config.HttpLimits;
import dev.ludus.testing.RawHttp;
import dev.ludus.testing.TestLudus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Slow and idle clients are cut off, so that they cannot hold the server's connections. */
class SlowClientTest {

    @Test
    void clientSendingHeadersSlowerThanTheHeaderTimeoutIsCutOff() throws InterruptedException {
        try (TestLudus server = TestLudus.start(Map.of(HttpLimits.HEADER_TIMEOUT, "PT1S"));
                RawHttp slow = RawHttp.connect(server.ludus().port())) {
            slow.send("GET /health/live HTTP/1.1\r\nHost: localhost\r\n");
            long started = System.nanoTime();
            boolean cutOff = false;
            // one header line every 200 ms for up to 8 s: never idle, never done
            for (int i = 0; i < 40 && !cutOff; i++) {
                try {
                    slow.send("X-Slow-" + i + ": a\r\n");
                } catch (java.io.UncheckedIOException e) {
                    cutOff = true;
                    break;
                }
                cutOff = slow.closedByServerWithin(Duration.ofMillis(200));
            }
            assertThat(cutOff).as("the slow client was cut off").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
            assertThat(server.http().get("/metrics").body())
                    .containsPattern("http_server_requests_too_slow_total\\{phase=\"headers\"} 1.0");
        }
    }

    @Test
    void clientSendingBodySlowerThanTheBodyTimeoutIsCutOff() {
        try (TestLudus server = TestLudus.start(Map.of(HttpLimits.BODY_TIMEOUT, "PT1S"));
                RawHttp slow = RawHttp.connect(server.ludus().port())) {
            slow.send("POST /admin/v1/tenants HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + TestLudus.ADMIN_KEY + "\r\nContent-Length: 100\r\n\r\n{\"name\":");
            assertThat(slow.closedByServerWithin(Duration.ofSeconds(4))).as("the slow body was cut off").isTrue();
        }
    }

    @Test
    void bodyPausingLongerThanTheIdleTimeoutAnswers408() {
        try (TestLudus server = TestLudus.start(Map.of(HttpLimits.IDLE_TIMEOUT, "PT1S"));
                RawHttp paused = RawHttp.connect(server.ludus().port())) {
            RawHttp.Answer answer = paused.send("POST /admin/v1/tenants HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nAuthorization: Bearer " + TestLudus.ADMIN_KEY + "\r\n"
                    + "Content-Length: 100\r\n\r\n{\"name\":").read();
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
            assertThat(answer.json().path("error").asText()).isEqualTo("request_timeout");
        }
    }

    @Test
    void idleConnectionsAreClosedAndTheServerKeepsAnsweringBeyondItsConnectionLimit() {
        try (TestLudus server = TestLudus.start(Map.of(HttpLimits.IDLE_TIMEOUT, "PT1S",
                HttpLimits.MAX_CONNECTIONS, "4"))) {
            List<RawHttp> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    idle.add(RawHttp.connect(server.ludus().port()));
                }
                long started = System.nanoTime();
                try (RawHttp client = RawHttp.connect(server.ludus().port())) {
                    RawHttp.Answer answer = client.send("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
                    assertThat(answer.status()).isEqualTo(200);
                }
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
                assertThat(idle.getFirst().closedByServerWithin(Duration.ofSeconds(3)))
                        .as("an idle connection was closed").isTrue();
            } finally {
                idle.forEach(RawHttp::close);
            }
        }
    }

    @Test
    void readinessReportsTheListener() {
        try (TestLudus server = TestLudus.start()) {
            var answer = server.http().get("/health/ready");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("checks").path("listener").asText()).isEqualTo("UP");
        }
    }
}
