package dev.ludus.exports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exports over HTTP on a real store of this run's kind: events and users as NDJSON and CSV, in
 * order, resumed after the last line, filtered by time, refusing bad parameters; and one user's whole
 * record.
 */
class ExportApiTest {

    private static final Instant T0 = Instant.parse("2037-12-16T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestLudus ludus;
    private TestApp app;
    private Http http;
    private final List<String> ids = new ArrayList<>();

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        ludus.clock().advanceTo(T0);
        http = ludus.http();
        app = ludus.createApp();
        new GameSetup(http, app).metric("lessons")
                .put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"lessons\",\"points\":10}]}")
                .put("/v1/achievements/first", "{\"trigger\":{\"type\":\"metric\",\"metric\":\"lessons\",\"threshold\":1}}");
        for (int i = 0; i < 5; i++) {
            for (String user : List.of("ann", "bob,\"the\" builder")) {
                ids.add(event(user, "{\"note\":\"a, \\\"quoted\\\"\\nline\"}"));
                ludus.clock().advance(Duration.ofMinutes(1));
            }
        }
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    private String[] admin(String... headers) {
        List<String> all = new ArrayList<>(List.of(Http.bearer(app.tokenWith("admin"))));
        all.addAll(List.of(headers));
        return all.toArray(String[]::new);
    }

    private String event(String user, String attributes) {
        Http.Answer answer = http.post("/v1/events", JSON.createObjectNode().put("user_id", user).put("metric", "lessons")
                .put("value", 1.5).set("attributes", read(attributes)).toString(), Http.bearer(app.tokenWith("users:write")));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().path("event").path("id").asText();
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<JsonNode> lines(Http.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        assertThat(answer.body()).endsWith("\n");
        for (String line : answer.body().split("\n")) {
            assertThat(line).startsWith("{").endsWith("}");
            lines.add(read(line));
        }
        return lines;
    }

    private static List<Map<String, String>> csv(Http.Answer answer) throws java.io.IOException {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("Content-Type").orElseThrow()).startsWith("text/csv");
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
                .with(mapper.schemaWithHeader()).readValues(answer.body())) {
            return rows.readAll();
        }
    }

    @Test
    void eventsExportInOrderAsNdjsonAndCsvAndResumeAfterTheLastLine() throws Exception {
        Http.Answer all = http.get("/v1/export/events", admin());
        assertThat(all.header("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        List<JsonNode> events = lines(all);
        assertThat(events).extracting(event -> event.path("id").asText()).containsExactlyElementsOf(ids);
        JsonNode first = events.getFirst();
        assertThat(first.path("user_id").asText()).isEqualTo("ann");
        assertThat(first.path("metric").asText()).isEqualTo("lessons");
        assertThat(first.path("value").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(first.path("received_at").asText()).isEqualTo(T0.toString());
        assertThat(first.path("attributes").path("note").asText()).isEqualTo("a, \"quoted\"\nline");

        List<JsonNode> rest = lines(http.get("/v1/export/events?after=" + ids.get(3), admin()));
        assertThat(rest).extracting(event -> event.path("id").asText()).containsExactlyElementsOf(ids.subList(4, 10));
        List<JsonNode> window = lines(http.get("/v1/export/events?from=" + T0.plus(Duration.ofMinutes(2)) + "&to="
                + T0.plus(Duration.ofMinutes(5)), admin()));
        assertThat(window).extracting(event -> event.path("id").asText()).containsExactlyElementsOf(ids.subList(2, 5));

        List<Map<String, String>> rows = csv(http.get("/v1/export/events", admin("Accept", "text/csv")));
        assertThat(rows).extracting(row -> row.get("id")).containsExactlyElementsOf(ids);
        assertThat(rows.get(1).get("user_id")).isEqualTo("bob,\"the\" builder");
        assertThat(rows.get(1).get("value")).isEqualTo("1.5");
        assertThat(read(rows.get(1).get("attributes")).path("note").asText()).isEqualTo("a, \"quoted\"\nline");
        assertThat(rows.getFirst().keySet()).containsExactly("id", "user_id", "metric", "value", "occurred_at",
                "received_at", "attributes");
    }

    @Test
    void badParametersAre400sNamingThemAndTheExportNeedsAdmin() {
        Map<String, String> refused = Map.of(
                "/v1/export/events?after=evt_nothing", "after",
                "/v1/export/events?from=yesterday", "from",
                "/v1/export/events?from=2037-12-16T10:00:00Z&to=2037-12-16T09:00:00Z", "to",
                "/v1/export/events?limit=5", "limit",
                "/v1/export/users?after=nobody", "after");
        refused.forEach((path, field) -> {
            Http.Answer answer = http.get(path, admin());
            assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(400);
            assertThat(answer.json().path("field").asText()).as(path).isEqualTo(field);
        });
        assertThat(http.get("/v1/export/events", Http.bearer(app.tokenWith("users:read"))).status()).isEqualTo(403);
        assertThat(http.get("/v1/export/users", Http.bearer(app.tokenWith("users:read"))).status()).isEqualTo(403);
    }

    @Test
    void usersExportWithTheirTotalsBalancesAndAchievements() throws Exception {
        Http.Answer profile = http.send("PUT", "/v1/users/ann", "{\"locale\":\"fr-CA\"}",
                Http.bearer(app.tokenWith("users:write")));
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        List<JsonNode> users = lines(http.get("/v1/export/users", admin()));
        assertThat(users).extracting(user -> user.path("id").asText()).containsExactly("ann", "bob,\"the\" builder");
        JsonNode ann = users.getFirst();
        assertThat(ann.path("metrics").path("lessons").decimalValue()).isEqualByComparingTo("7.5");
        assertThat(ann.path("points").path("xp").asLong()).isEqualTo(70);
        assertThat(ann.path("achievements").path("first").asText()).isEqualTo(T0.toString());
        assertThat(ann.path("control_group").asBoolean()).isFalse();
        assertThat(ann.path("locale").asText()).isEqualTo("fr-CA");
        assertThat(users.get(1).path("locale").isNull()).isTrue();
        assertThat(lines(http.get("/v1/export/users?after=ann", admin()))).hasSize(1);

        List<Map<String, String>> rows = csv(http.get("/v1/export/users", admin("Accept", "text/csv")));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get("id")).isEqualTo("bob,\"the\" builder");
        assertThat(rows.get(1).get("metric:lessons")).isEqualTo("7.5");
        assertThat(rows.get(1).get("points:xp")).isEqualTo("70");
        assertThat(rows.get(1).get("achievements")).isEqualTo("first");
        assertThat(rows.get(0).get("locale")).isEqualTo("fr-CA");
    }

    @Test
    void aUsersOwnExportHoldsEverythingAboutThem() {
        Http.Answer mine = http.get("/v1/users/ann/export", Http.bearer(app.token().subject("ann").scopes("read").build()));
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        JsonNode export = mine.json();
        assertThat(export.path("user_id").asText()).isEqualTo("ann");
        assertThat(export.path("profile").path("id").asText()).isEqualTo("ann");
        assertThat(export.path("events")).hasSize(5);
        assertThat(export.path("events").get(0).path("id").asText()).isEqualTo(ids.getFirst());
        assertThat(export.path("events").get(0).path("value").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(export.path("events").get(0).path("attributes").path("note").asText()).isEqualTo("a, \"quoted\"\nline");
        assertThat(export.path("points_history")).hasSize(5);
        assertThat(export.path("metrics").get(0).path("total").decimalValue()).isEqualByComparingTo("7.5");
        assertThat(export.path("achievements").get(0).path("achievement").asText()).isEqualTo("first");
        assertThat(export.path("events").get(0).has("application_id")).isFalse();
        assertThat(http.get("/v1/users/bob/export", Http.bearer(app.token().subject("ann").scopes("read").build())).status()).isEqualTo(403);
        assertThat(http.get("/v1/users/nobody/export", Http.bearer(app.tokenWith("users:read"))).status()).isEqualTo(404);
    }
}
