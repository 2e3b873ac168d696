package dev.ludus.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ludus.testing.RawHttp;
import dev.ludus.testing.TestLudus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A client that goes away in the middle of its request body is its own business, not a server error. */
class ClientDisconnectTest {

    private static final Pattern TENANT_POSTS = Pattern.compile(
            "http_server_requests_seconds_count\\{method=\"POST\",route=\"/admin/v1/tenants\",status=\"(\\d+)\"} (\\S+)");

    private static final Pattern READY_GETS = Pattern.compile(
            "http_server_requests_seconds_count\\{method=\"GET\",route=\"/health/ready\",status=\"(\\d+)\"} (\\S+)");

    /**
     * A health checker that gives up (HAProxy's check timeout) and resets the connection before the
     * answer is written: counted as 499 and not logged as an error, like a client gone mid-body.
     */
    @Test
    void clientResettingBeforeTheAnswerIsWrittenIsAClientClosedRequestToo() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        List<String> statuses = List.of();
        try (TestLudus server = TestLudus.start()) {
            for (int attempt = 0; attempt < 50 && !statuses.contains("499"); attempt++) {
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.ludus().port())) {
                    socket.getOutputStream().write(("GET /health/ready HTTP/1.1\r\nHost: localhost\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    socket.setSoLinger(true, 0);
                }
                Thread.sleep(20);
                statuses = READY_GETS.matcher(server.http().get("/metrics").body()).results()
                        .map(result -> result.group(1)).toList();
            }
        } finally {
            root.detachAppender(logs);
        }
        assertThat(statuses).as("a reset before the answer was seen at least once").contains("499")
                .doesNotContain("500");
        assertThat(logs.list).filteredOn(ClientDisconnectTest::server)
                .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.ERROR)).isEmpty();
    }

    /** The server's own log lines and the web server's (not the test client's contract checker, say). */
    private static boolean server(ILoggingEvent event) {
        return event.getLoggerName().startsWith("dev.ludus") || event.getLoggerName().startsWith("io.helidon");
    }

    @Test
    void clientClosingMidBodyIsCountedAsClientClosedRequestAndLoggedWithoutStackTrace() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        // Helidon logs through java.util.logging (bridged to SLF4J in production)
        List<LogRecord> helidonLogs = new CopyOnWriteArrayList<>();
        Handler helidon = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    helidonLogs.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        helidon.setLevel(java.util.logging.Level.WARNING);
        java.util.logging.Logger.getLogger("").addHandler(helidon);
        try (TestLudus server = TestLudus.start()) {
            try (RawHttp client = RawHttp.connect(server.ludus().port())) {
                client.send("POST /admin/v1/tenants HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Authorization: Bearer " + TestLudus.ADMIN_KEY + "\r\nContent-Length: 100\r\n\r\n{\"name\":");
            }

            // wait until the request has been counted, whatever its status
            List<String> statuses = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (statuses.isEmpty() && System.nanoTime() < deadline) {
                Matcher counted = TENANT_POSTS.matcher(server.http().get("/metrics").body());
                statuses = counted.results().map(result -> result.group(1)).toList();
                Thread.sleep(50);
            }

            assertThat(statuses).containsExactly("499");
        } finally {
            root.detachAppender(logs);
            java.util.logging.Logger.getLogger("").removeHandler(helidon);
        }
        assertThat(logs.list)
                .filteredOn(ClientDisconnectTest::server)
                .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN) || event.getThrowableProxy() != null)
                .as("warnings, errors and stack traces")
                .isEmpty();
        assertThat(helidonLogs).extracting(LogRecord::getMessage).as("the web server's warnings").isEmpty();
    }
}
