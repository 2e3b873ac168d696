package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live feed over HTTP: the page, and its stream of Server-Sent Events read as a browser's
 * EventSource would, on SQLite and PostgreSQL, and with two nodes on one PostgreSQL.
 */
class LivePagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestLudus ludus;
    private TestApp app;
    private ConsoleClient console;
    private final List<Stream> streams = new ArrayList<>();

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        app = ludus.createApp();
        new GameSetup(ludus.http(), app).metric("steps").metric("lessons")
                .put("/v1/points/xp", """
                        {"name":"Experience","triggers":[{"type":"metric","metric":"steps","points":10}],
                         "levels":[{"name":"Rookie","threshold":0},{"name":"Walker","threshold":20}]}""")
                .put("/v1/achievements/first", """
                        {"trigger":{"type":"metric","metric":"steps","threshold":2}}""");
        console = new ConsoleClient(ludus).signInWithOperatorKey();
    }

    @AfterEach
    void stop() {
        streams.forEach(Stream::close);
        ludus.close();
    }

    @Test
    void thePageNamesItsStreamWithTheFilters() {
        ConsoleClient.Page page = console.get("/console/apps/" + app.applicationId() + "/live?user=ada%20b&metric=steps");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-live-stream=\"/console/apps/" + app.applicationId()
                + "/live/stream?user=ada+b&amp;metric=steps\"", "/console/assets/live.js", ">Live events</a>");
    }

    @Test
    void eachCommittedEventArrivesWithWhatItChanged() throws Exception {
        Stream stream = open(ludus, "");

        String first = send(ludus.http(), "ada", "steps", 1);
        String second = send(ludus.http(), "ada", "steps", 1);

        JsonNode one = stream.entry();
        assertThat(one.path("event_id").asText()).isEqualTo(first);
        assertThat(one.path("user_id").asText()).isEqualTo("ada");
        assertThat(one.path("metric").asText()).isEqualTo("steps");
        assertThat(texts(one)).containsExactly("+10 xp = 10");
        JsonNode two = stream.entry();
        assertThat(two.path("event_id").asText()).isEqualTo(second);
        assertThat(texts(two)).containsExactly("+10 xp = 20", "unlocked first", "xp level Rookie -> Walker");
    }

    @Test
    void aFilteredStreamGetsOnlyThatUsersAndMetricsEvents() throws Exception {
        Stream stream = open(ludus, "?user=ada&metric=steps");

        send(ludus.http(), "bob", "steps", 1);
        send(ludus.http(), "ada", "lessons", 1);
        String marker = send(ludus.http(), "ada", "steps", 1);

        assertThat(stream.entry().path("event_id").asText()).as("the first entry is the marker").isEqualTo(marker);
    }

    @Test
    void anotherApplicationsEventsAndAnAnonymousReaderStayOut() throws Exception {
        TestApp other = ludus.createApp();
        new GameSetup(ludus.http(), other).metric("steps");
        Stream stream = open(ludus, "");
        send(ludus.http(), other, "ada", "steps", 1);
        String marker = send(ludus.http(), "ada", "steps", 1);
        assertThat(stream.entry().path("event_id").asText()).isEqualTo(marker);

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(ludus.baseUrl() + "/console/apps/" + app.applicationId() + "/live/stream")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isIn(302, 303, 401);
        assertThat(anonymous.body()).doesNotContain("event:");
    }

    @Test
    void withTwoNodesTheFeedShowsEventsCommittedThroughEither() throws Exception {
        assumeTrue(TestStore.postgresql(), "two nodes need a shared PostgreSQL; SQLite is single-node");
        TestLudus second = ludus.secondNode();
        try {
            Stream onFirst = open(ludus, "");
            Stream onSecond = open(second, "");

            String throughSecond = send(second.http(), "ada", "steps", 1);
            String throughFirst = send(ludus.http(), "grace", "steps", 1);

            assertThat(List.of(onFirst.entry().path("event_id").asText(), onFirst.entry().path("event_id").asText()))
                    .containsExactlyInAnyOrder(throughSecond, throughFirst);
            assertThat(List.of(onSecond.entry().path("event_id").asText(), onSecond.entry().path("event_id").asText()))
                    .containsExactlyInAnyOrder(throughSecond, throughFirst);
        } finally {
            second.stop();
        }
    }

    private String send(Http http, String user, String metric, int value) {
        return send(http, app, user, metric, value);
    }

    private static String send(Http http, TestApp app, String user, String metric, int value) {
        Http.Answer answer = http.post("/v1/events", "{\"user_id\":\"" + user + "\",\"metric\":\"" + metric
                + "\",\"value\":" + value + "}", Http.bearer(app.tokenWith("write", "users:write")));
        assertThat(answer.status()).as(answer.body()).isIn(200, 201);
        return answer.json().path("event").path("id").asText();
    }

    private static List<String> texts(JsonNode entry) {
        List<String> texts = new ArrayList<>();
        entry.path("changes").forEach(change -> texts.add(change.path("text").asText()));
        return texts;
    }

    /** Opens the stream on {@code node} with this test's console session and waits until it watches. */
    private Stream open(TestLudus node, String query) throws Exception {
        Stream stream = new Stream(node.baseUrl() + "/console/apps/" + app.applicationId() + "/live/stream" + query,
                console.cookieHeader());
        streams.add(stream);
        assertThat(stream.next().name()).isEqualTo("ready");
        return stream;
    }

    /** One SSE event: its name and data. */
    record Event(String name, String data) { }

    /** A stream of Server-Sent Events read line by line on a thread of its own. */
    static final class Stream implements AutoCloseable {

        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response;

        Stream(String url, String cookies) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookies)
                    .header("Accept", "text/event-stream").build();
            response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            Thread.ofVirtual().start(this::read);
        }

        private void read() {
            try {
                HttpResponse<java.util.stream.Stream<String>> answer = response.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (answer.statusCode() != 200) {
                    events.add(new Event("status " + answer.statusCode(), ""));
                    return;
                }
                String[] name = {"message"};
                StringBuilder data = new StringBuilder();
                answer.body().forEach(line -> {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(name[0], data.toString()));
                        }
                        name[0] = "message";
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        name[0] = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                });
            } catch (Exception e) {
                events.add(new Event("failed " + e, ""));
            }
        }

        Event next() throws InterruptedException {
            Event event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event within " + WAIT).isNotNull();
            return event;
        }

        /** The next entry (other events, such as notices, are skipped). */
        JsonNode entry() throws InterruptedException {
            while (true) {
                Event event = next();
                if (event.name().equals("entry")) {
                    try {
                        return JSON.readTree(event.data());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                assertThat(event.name()).as("only entries and notices").isIn("dropped", "gap");
            }
        }

        @Override
        public void close() {
            response.cancel(true);
            response.thenAccept(answer -> answer.body().close());
        }
    }
}
