package dev.ludus.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.ApiTestServer;
import dev.ludus.testing.Http;
import dev.ludus.testing.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seasons of a points system, over HTTP on a real store of this run's kind: the setting and its 400s,
 * balances back to zero exactly at the season's end in its timezone (by the user's next write and by
 * the sweep for idle users), the history entry and webhook, and the past season read back: the list
 * of seasons, the final standings ranked and paged, a user's own seasons.
 */
class SeasonsApiTest {

    /** A Wednesday in March 2037; the season (a month in Paris) ends at 2037-03-31T22:00:00Z. */
    private static final Instant T0 = Instant.parse("2037-03-11T12:00:00Z");
    private static final Instant END = Instant.parse("2037-03-31T22:00:00Z");

    @RegisterExtension
    final ApiTestServer server = new ApiTestServer(T0, Map.of("LUDUS_EXPIRY_SWEEP_INTERVAL", "PT1S"));
    private Http http;

    @BeforeEach
    void start() {
        http = server.http();
        server.game().metric("lessons").put("/v1/points/xp", """
                {"triggers":[{"type":"metric","metric":"lessons","points":10}],
                 "season":{"period":"monthly","timezone":"Europe/Paris"},
                 "levels":[{"name":"Bronze","threshold":0},{"name":{"en":"Silver","fr":"Argent"},"threshold":20}]}""");
        server.game().put("/v1/leaderboards/xp", "{\"rank_by\":{\"type\":\"points\",\"system\":\"xp\"}}");
    }

    private void lessons(String user, int count) {
        for (int i = 0; i < count; i++) {
            server.event(user, "lessons");
        }
    }

    private JsonNode get(String path) {
        Http.Answer answer = http.get(path, server.service());
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void theSettingReadsBackAndIsRefusedWhenMalformed() {
        JsonNode season = get("/v1/points/xp").path("season");
        assertThat(season.path("period").asText()).isEqualTo("monthly");
        assertThat(season.path("timezone").asText()).isEqualTo("Europe/Paris");
        assertThat(season.path("week_start").asText()).isEqualTo("monday");
        server.game().put("/v1/points/plain", "{}");
        assertThat(get("/v1/points/plain").path("season").isNull()).isTrue();
        // the defaults, read back as given and accepted again (the list re-reads every definition)
        server.game().put("/v1/points/weekly", "{\"season\":{\"period\":\"weekly\"}}");
        assertThat(get("/v1/points/weekly").path("season").path("timezone").asText()).isEqualTo("UTC");
        assertThat(get("/v1/points").path("items")).hasSize(3);
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("{\"season\":{}}", "season.period");
        refused.put("{\"season\":{\"period\":\"all_time\"}}", "season.period");
        refused.put("{\"season\":{\"period\":\"hourly\"}}", "season.period");
        refused.put("{\"season\":{\"period\":\"weekly\",\"timezone\":\"Mars/Olympus\"}}", "season.timezone");
        refused.put("{\"season\":{\"period\":\"weekly\",\"week_start\":\"Monday\"}}", "season.week_start");
        refused.put("{\"season\":{\"period\":\"weekly\",\"length\":2}}", "season.length");
        refused.put("{\"season\":\"monthly\"}", "season");
        server.refuses("PUT", "/v1/points/bad", refused);
    }

    @Test
    void aSeasonEndsExactlyAtItsEndAndIsReadBack() throws Exception {
        Http.Answer endpoint = http.post("/v1/webhooks", "{\"url\":\"" + server.receiver().url()
                + "\",\"event_types\":[\"points.changed\"]}", server.admin());
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
        lessons("ana", 3);
        lessons("bob", 2);
        lessons("cat", 2);
        lessons("dan", 1);
        JsonNode progress = get("/v1/users/ana/progress").path("points").get(0);
        assertThat(progress.path("season").path("key").asText()).isEqualTo("2037-03");
        assertThat(Instant.parse(progress.path("season").path("end").asText())).isEqualTo(END);
        server.ludus().clock().advanceTo(END.minusMillis(1));
        server.event("ana", "lessons");
        assertThat(get("/v1/users/ana/progress").path("points").get(0).path("balance").asLong()).isEqualTo(40);

        server.ludus().clock().advanceTo(END);

        // dan writes first: his season ends in his write, before its own award
        JsonNode answer = server.event("dan", "lessons");
        assertThat(answer.path("points").get(0).path("awarded").asLong()).isEqualTo(10);
        assertThat(answer.path("points").get(0).path("balance").asLong()).isEqualTo(10);
        // the others are idle: the sweep ends their seasons
        ApiTestServer.within(Duration.ofSeconds(10), () -> get("/v1/points/xp/seasons").path("seasons").path(0)
                .path("participants").asLong() == 4);
        assertThat(get("/v1/users/ana/progress").path("points").get(0).path("balance").asLong()).isZero();
        assertThat(get("/v1/users/ana/progress").path("points").get(0).path("season").path("key").asText())
                .isEqualTo("2037-04");
        JsonNode entry = get("/v1/users/ana/points/xp/history").path("items").get(0);
        assertThat(entry.path("source").asText()).isEqualTo("season");
        assertThat(entry.path("reason").asText()).isEqualTo("season_ended");
        assertThat(entry.path("reference").asText()).isEqualTo("2037-03");
        assertThat(entry.path("amount").asLong()).isEqualTo(-40);
        assertThat(entry.path("balance").asLong()).isZero();
        // the all-time board ranks the balances of now: dan's 10 of April first
        JsonNode top = get("/v1/leaderboards/xp").path("entries").get(0);
        assertThat(top.path("user_id").asText() + ":" + top.path("score").asLong()).isEqualTo("dan:10");

        JsonNode seasons = get("/v1/points/xp/seasons");
        assertThat(seasons.path("current").path("key").asText()).isEqualTo("2037-04");
        assertThat(seasons.path("seasons")).hasSize(1);
        assertThat(seasons.path("seasons").get(0).path("key").asText()).isEqualTo("2037-03");
        assertThat(Instant.parse(seasons.path("seasons").get(0).path("start").asText()))
                .isEqualTo(Instant.parse("2037-02-28T23:00:00Z"));

        JsonNode first = get("/v1/points/xp/seasons/2037-03?limit=2");
        assertThat(first.path("season").path("key").asText()).isEqualTo("2037-03");
        assertThat(first.path("entries")).extracting(item -> item.path("user_id").asText() + ":"
                + item.path("rank").asLong() + ":" + item.path("points").asLong())
                .containsExactly("ana:1:40", "bob:2:20");
        assertThat(first.path("entries").get(0).path("level").path("name").asText()).isEqualTo("Silver");
        JsonNode second = get("/v1/points/xp/seasons/2037-03?limit=2&cursor=" + first.path("next_cursor").asText());
        assertThat(second.path("entries")).extracting(item -> item.path("user_id").asText() + ":"
                + item.path("rank").asLong() + ":" + item.path("points").asLong())
                .containsExactly("cat:2:20", "dan:4:10");
        assertThat(second.path("next_cursor").isNull()).isTrue();

        JsonNode own = get("/v1/users/ana/points/xp/seasons");
        assertThat(own.path("items")).hasSize(1);
        assertThat(own.path("items").get(0).path("season").path("key").asText()).isEqualTo("2037-03");
        assertThat(own.path("items").get(0).path("points").asLong()).isEqualTo(40);
        Http.Answer french = http.get("/v1/users/ana/points/xp/seasons", server.service("Accept-Language", "fr"));
        assertThat(french.json().path("items").get(0).path("level").path("name").asText()).isEqualTo("Argent");

        List<WebhookReceiver.Received> received = server.receiver().await(13);
        assertThat(received).filteredOn(message -> message.json().path("data").path("points").path("source").asText()
                .equals("season")).hasSize(4);
    }

    @Test
    void pastSeasonsAnswer404And400ForWhatDoesNotExist() {
        assertThat(http.get("/v1/points/xp/seasons/2036-12", server.service()).status()).isEqualTo(404);
        assertThat(http.get("/v1/points/nope/seasons", server.service()).status()).isEqualTo(404);
        Http.Answer malformed = http.get("/v1/points/xp/seasons/last", server.service());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("field").asText()).isEqualTo("season");
        assertThat(http.get("/v1/users/nobody/points/xp/seasons", server.service()).status()).isEqualTo(404);
        Http.Answer cursor = http.get("/v1/points/xp/seasons/2036-12?cursor=bm9wZQ", server.service());
        assertThat(cursor.status()).isEqualTo(400);
    }

    @Test
    void quarterlyAndYearlyLeaderboardsNameTheirPeriods() {
        server.game().put("/v1/leaderboards/quarter", """
                {"rank_by":{"type":"points","system":"xp"},"period":"quarterly"}""");
        server.game().put("/v1/leaderboards/year", """
                {"rank_by":{"type":"points","system":"xp"},"period":"yearly","timezone":"Europe/Paris"}""");
        server.event("ana", "lessons");
        JsonNode quarter = get("/v1/leaderboards/quarter");
        assertThat(quarter.path("period").path("key").asText()).isEqualTo("2037-Q1");
        assertThat(Instant.parse(quarter.path("period").path("end").asText()))
                .isEqualTo(Instant.parse("2037-04-01T00:00:00Z"));
        assertThat(quarter.path("entries").get(0).path("score").asText()).isEqualTo("10");
        JsonNode year = get("/v1/leaderboards/year");
        assertThat(year.path("period").path("key").asText()).isEqualTo("2037");
        assertThat(Instant.parse(year.path("period").path("start").asText()))
                .isEqualTo(Instant.parse("2036-12-31T23:00:00Z"));
        assertThat(get("/v1/leaderboards/quarter?period=2036-11-15").path("period").path("key").asText())
                .isEqualTo("2036-Q4");
    }
}
