package dev.ludus.exports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludus.testing.ServerProcess;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An export of 1,000,000 events from a server process whose heap is capped at 256 MiB, on the store of
 * this run's kind: every event arrives once, in order, and the server is still well after it.
 */
class ExportLargeTest {

    private static final int EVENTS = 1_000_000;
    private static final int USERS = 1_000;

    @Test
    void aMillionEventsStreamThroughA256MibHeap() throws Exception {
        TestLudus ludus = TestLudus.builder().runningClock().start();
        TestStore store = ludus.store();
        ServerProcess server = null;
        try {
            TestApp app = ludus.createApp();
            ludus.stop();
            fill(store, app.applicationId());

            server = ServerProcess.start(store, Map.of(), List.of(), List.of("-Xmx256m"));
            String base = "http://localhost:" + server.port();
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/export/events"))
                    .header("Authorization", "Bearer " + app.tokenWith("admin"))
                    .timeout(Duration.ofMinutes(5))
                    .build();
            long started = System.nanoTime();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            long count = 0;
            String previous = "";
            ObjectMapper json = new ObjectMapper();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    count++;
                    // ids are evt_ and the position, zero-padded: in order, each once
                    String id = line.substring(7, 31);
                    assertThat(id.compareTo(previous)).as("line %d: %s", count, line).isPositive();
                    previous = id;
                    if (count == 1 || count == EVENTS) {
                        JsonNode event = json.readTree(line);
                        assertThat(event.path("user_id").asText()).startsWith("user_");
                        assertThat(event.path("value").asInt()).isEqualTo(1);
                    }
                }
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(count).isEqualTo(EVENTS);
            assertThat(previous).isEqualTo("evt_" + String.format("%020d", EVENTS));
            assertThat(server.process().isAlive()).isTrue();
            HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(server.log()).isEqualTo(200);
            assertThat(server.log()).doesNotContain("OutOfMemoryError");
            System.out.printf("exported %d events in %d ms (%s)%n", count, millis, TestStore.postgresql() ? "postgresql"
                    : "sqlite");
        } finally {
            if (server != null) {
                server.process().destroy();
                if (server.process().waitFor(20, TimeUnit.SECONDS)) {
                    server.http().close();
                } else {
                    server.kill();
                }
            }
            store.drop();
        }
    }

    /** {@value #USERS} users and {@value #EVENTS} events of one each, written by the store itself. */
    private static void fill(TestStore store, String applicationId) {
        boolean postgresql = TestStore.postgresql();
        String series = postgresql ? "generate_series(1, %d) AS n(i)"
                : "(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < %d) SELECT i FROM s) AS n";
        String pad = postgresql ? "lpad(CAST(i AS TEXT), 20, '0')" : "printf('%020d', i)";
        String user = postgresql ? "'user_' || CAST(i %% " + USERS + " AS TEXT)" : "'user_' || (i %% " + USERS + ")";
        store.execute(String.format("INSERT INTO users (application_id, user_id, attributes, created_at, updated_at,"
                + " last_active_at) SELECT '%s', 'user_' || CAST(i - 1 AS TEXT), '{}', 0, 0, 0 FROM " + series,
                applicationId, USERS));
        store.execute(String.format("INSERT INTO events (id, application_id, user_id, metric, value, occurred_at,"
                + " received_at, attributes) SELECT 'evt_' || " + pad.replace("%", "%%") + ", '%s', " + user
                + ", 'steps', 1000000, 1700000000000 + i, 1700000000000 + i, '{}' FROM " + series, applicationId,
                EVENTS));
    }
}
