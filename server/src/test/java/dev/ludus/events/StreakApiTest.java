package dev.ludus.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streaks over HTTP with a clock the test moves: periods in each user's timezone (DST, midnight,
 * week starts, timezone changes), freezes, history, points and achievements on streak length.
 */
class StreakApiTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private TestLudus ludus;
    private TestApp app;
    private GameSetup setup;

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        app = ludus.createApp();
        setup = new GameSetup(ludus.http(), app).metric("steps");
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    private void dailyWalk(String freezes) {
        setup.put("/v1/streaks/walk", """
                {"name":"Daily walk","period":"daily","conditions":[{"metric":"steps","threshold":1000}]%s}"""
                .formatted(freezes));
    }

    private void moveTo(String localDateTime, ZoneId zone) {
        ludus.clock().advanceTo(LocalDateTime.parse(localDateTime).atZone(zone).toInstant());
    }

    private String[] service() {
        return Http.bearer(app.tokenWith("users:read", "users:write"));
    }

    private void profile(String user, String timezone) {
        Http.Answer answer = ludus.http().send("PUT", "/v1/users/" + user, "{\"timezone\":\"" + timezone + "\"}",
                service());
        assertThat(answer.status()).as(answer.body()).isIn(200, 201);
    }

    private JsonNode walk(String user, int steps) {
        Http.Answer answer = ludus.http().post("/v1/events",
                "{\"metric\":\"steps\",\"user_id\":\"" + user + "\",\"value\":" + steps + "}", service());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    private JsonNode standing(String user, String streak) {
        Http.Answer answer = ludus.http().get("/v1/users/" + user + "/streaks/" + streak, service());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> changes(JsonNode eventAnswer) {
        List<String> changes = new ArrayList<>();
        eventAnswer.path("streaks").forEach(change -> changes.add(change.path("change").asText() + ":"
                + change.path("length").asText()));
        return changes;
    }

    @Test
    void dayOfTheSpringDstChangeLastsTwentyThreeHoursAndKeepsTheStreak() {
        dailyWalk("");
        moveTo("2027-03-27T10:00", PARIS);
        profile("ana", "Europe/Paris");
        assertThat(changes(walk("ana", 1000))).containsExactly("extended:1");

        moveTo("2027-03-28T23:30", PARIS);
        JsonNode sunday = walk("ana", 1200);
        assertThat(changes(sunday)).containsExactly("extended:2");
        JsonNode change = sunday.path("streaks").get(0);
        assertThat(Instant.parse(change.path("period_start").asText())).isEqualTo(Instant.parse("2027-03-27T23:00:00Z"));
        assertThat(Instant.parse(change.path("period_end").asText())).isEqualTo(Instant.parse("2027-03-28T22:00:00Z"));

        moveTo("2027-03-29T00:30", PARIS);
        assertThat(changes(walk("ana", 1000))).containsExactly("extended:3");
        assertThat(standing("ana", "walk").path("current").asInt()).isEqualTo(3);
    }

    @Test
    void midnightComesAtDifferentInstantsForUsersInDifferentTimezones() {
        dailyWalk("");
        profile("kenji", "Asia/Tokyo");
        profile("maria", "America/New_York");
        moveTo("2037-12-20T14:30", UTC);
        walk("kenji", 1000);
        walk("maria", 1000);
        moveTo("2037-12-20T15:30", UTC);
        assertThat(changes(walk("kenji", 1000))).as("00:30 in Tokyo: a new day").containsExactly("extended:2");
        assertThat(changes(walk("maria", 1000))).as("10:30 in New York: the same day").isEmpty();
        assertThat(standing("kenji", "walk").path("current").asInt()).isEqualTo(2);
        assertThat(standing("maria", "walk").path("current").asInt()).isEqualTo(1);
        assertThat(standing("maria", "walk").path("timezone").asText()).isEqualTo("America/New_York");
    }

    @Test
    void usersWithoutATimezoneCountDaysInTheApplicationsTimezone() {
        dailyWalk("");
        Http.Answer settings = ludus.http().patch("/v1/application", "{\"timezone\":\"Asia/Tokyo\"}", setup.admin());
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        moveTo("2037-12-20T14:30", UTC);
        walk("yuki", 1000);
        moveTo("2037-12-20T15:30", UTC);
        assertThat(changes(walk("yuki", 1000))).as("00:30 in Tokyo").containsExactly("extended:2");
        assertThat(standing("yuki", "walk").path("timezone").asText()).isEqualTo("Asia/Tokyo");
        profile("yuki", "UTC");
        assertThat(standing("yuki", "walk").path("timezone").asText())
                .as("the current period stays the one it started as").isEqualTo("Asia/Tokyo");
        moveTo("2037-12-22T12:00", UTC);
        assertThat(standing("yuki", "walk").path("timezone").asText()).as("then the profile's zone").isEqualTo("UTC");
    }

    @Test
    void weeklyStreakTurnsOverOnTheConfiguredWeekStart() {
        setup.put("/v1/streaks/weekly", """
                {"period":"weekly","week_start":"sunday","conditions":[{"metric":"steps","threshold":1}]}""");
        moveTo("2037-12-26T12:00", UTC); // a Saturday
        assertThat(changes(walk("lee", 1))).containsExactly("extended:1");
        moveTo("2037-12-27T09:00", UTC); // Sunday: a new week
        assertThat(changes(walk("lee", 1))).containsExactly("extended:2");
        moveTo("2037-12-28T09:00", UTC); // Monday: still that week
        assertThat(changes(walk("lee", 1))).isEmpty();
        JsonNode standing = standing("lee", "weekly");
        assertThat(standing.path("current").asInt()).isEqualTo(2);
        assertThat(Instant.parse(standing.path("period_start").asText())).isEqualTo(Instant.parse("2037-12-27T00:00:00Z"));
        assertThat(Instant.parse(standing.path("period_end").asText())).isEqualTo(Instant.parse("2038-01-03T00:00:00Z"));
    }

    @Test
    void missedDayConsumesAFreezeAndTheNextMissEndsTheStreak() {
        dailyWalk(",\"freezes\":{\"initial\":1,\"max\":3}");
        moveTo("2037-12-10T09:00", UTC);
        walk("sam", 1000);
        JsonNode risk = standing("sam", "walk");
        assertThat(risk.path("at_risk").asBoolean()).isFalse();
        assertThat(Instant.parse(risk.path("expires_at").asText()))
                .as("a freeze covers the 11th; an unmet 12th ends the run").isEqualTo(Instant.parse("2037-12-13T00:00:00Z"));

        moveTo("2037-12-12T09:00", UTC);
        JsonNode afterGap = standing("sam", "walk");
        assertThat(afterGap.path("freezes").asInt()).as("the 11th was covered").isZero();
        assertThat(afterGap.path("at_risk").asBoolean()).isTrue();
        assertThat(afterGap.path("current").asInt()).isEqualTo(1);
        assertThat(changes(walk("sam", 1000))).containsExactly("freeze_consumed:1", "extended:2");

        moveTo("2037-12-15T09:00", UTC);
        assertThat(standing("sam", "walk").path("current").asInt()).as("two days missed, no freeze").isZero();
        assertThat(changes(walk("sam", 1000))).containsExactly("lost:2", "extended:1");
        JsonNode standing = standing("sam", "walk");
        assertThat(standing.path("longest").asInt()).isEqualTo(2);

        Http.Answer history = ludus.http().get("/v1/users/sam/streaks/walk/history?limit=10", service());
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        List<String> periods = new ArrayList<>();
        history.json().path("items").forEach(period -> periods.add(period.path("result").asText() + "@"
                + Instant.parse(period.path("period_start").asText())));
        assertThat(periods).containsExactly("met@2037-12-15T00:00:00Z", "missed@2037-12-13T00:00:00Z",
                "met@2037-12-12T00:00:00Z", "frozen@2037-12-11T00:00:00Z", "met@2037-12-10T00:00:00Z");
    }

    @Test
    void movingEastDoesNotCostADay() {
        dailyWalk("");
        profile("noa", "America/Los_Angeles");
        moveTo("2027-02-02T20:00", ZoneId.of("America/Los_Angeles"));
        walk("noa", 1000);
        profile("noa", "Asia/Tokyo");
        moveTo("2027-02-04T09:00", ZoneId.of("Asia/Tokyo"));
        assertThat(changes(walk("noa", 1000)))
                .as("the 3rd in Tokyo had 7 of its hours left when the Los Angeles day ended: it merges into the 4th")
                .containsExactly("extended:2");
        assertThat(standing("noa", "walk").path("timezone").asText()).isEqualTo("Asia/Tokyo");
    }

    @Test
    void streakLengthPaysPointsAndUnlocksAnAchievement() {
        dailyWalk("");
        setup.put("/v1/points/xp", """
                {"triggers":[{"type":"streak","streak":"walk","length":2,"points":50}]}""")
                .put("/v1/achievements/two_days", """
                        {"trigger":{"type":"streak","streak":"walk","length":2}}""");
        moveTo("2037-12-20T09:00", UTC);
        assertThat(walk("ivy", 1000).path("points")).isEmpty();
        moveTo("2037-12-21T09:00", UTC);
        JsonNode second = walk("ivy", 1000);
        assertThat(second.path("points").get(0).path("awarded").asInt()).isEqualTo(50);
        assertThat(second.path("achievements").get(0).path("key").asText()).isEqualTo("two_days");
        Http.Answer history = ludus.http().get("/v1/users/ivy/points/xp/history", service());
        assertThat(history.json().path("items").get(0).path("source").asText()).isEqualTo("streak");
        assertThat(history.json().path("items").get(0).path("reference").asText()).isEqualTo("walk");
    }

    @Test
    void freezesGrantedThroughTheApiStopAtTheCap() {
        dailyWalk(",\"freezes\":{\"initial\":0,\"max\":2}");
        Http.Answer grant = ludus.http().post("/v1/users/zoe/streaks/walk/freezes", "{\"count\":5}", service());
        assertThat(grant.status()).as(grant.body()).isEqualTo(200);
        assertThat(grant.json().path("granted").asInt()).isEqualTo(2);
        assertThat(grant.json().path("freezes").asInt()).isEqualTo(2);
        assertThat(standing("zoe", "walk").path("freezes").asInt()).isEqualTo(2);

        assertThat(ludus.http().post("/v1/users/zoe/streaks/nope/freezes", "{}", service()).status()).isEqualTo(404);
        Http.Answer zero = ludus.http().post("/v1/users/zoe/streaks/walk/freezes", "{\"count\":0}", service());
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("field").asText()).isEqualTo("count");
        Http.Answer ownToken = ludus.http().post("/v1/users/user_123/streaks/walk/freezes", "{}",
                Http.bearer(app.tokenWith("read", "write")));
        assertThat(ownToken.status()).isEqualTo(403);
    }

    @Test
    void badDefinitionsAreRefusedNamingTheField() {
        assertProblem(put("/v1/streaks/s", "{\"period\":\"hourly\",\"conditions\":[{\"metric\":\"steps\"}]}"), 400, "period");
        assertProblem(put("/v1/streaks/s", "{\"conditions\":[]}"), 400, "conditions");
        assertProblem(put("/v1/streaks/s", "{\"conditions\":[{\"metric\":\"steps\",\"threshold\":0}]}"), 400,
                "conditions[0].threshold");
        assertProblem(put("/v1/streaks/s", "{\"conditions\":[{\"metric\":\"nope\"}]}"), 400, "conditions");
        assertProblem(put("/v1/streaks/s", "{\"week_start\":\"someday\",\"conditions\":[{\"metric\":\"steps\"}]}"), 400,
                "week_start");
        assertProblem(put("/v1/streaks/s", "{\"conditions\":[{\"metric\":\"steps\"}],\"freezes\":{\"initial\":3,\"max\":1}}"),
                400, "freezes.initial");

        assertThat(put("/v1/streaks/s", "{\"conditions\":[{\"metric\":\"steps\"}]}").status()).isEqualTo(201);
        Http.Answer weekly = put("/v1/streaks/s", "{\"period\":\"weekly\",\"conditions\":[{\"metric\":\"steps\"}]}");
        assertProblem(weekly, 409, "period");
        assertThat(weekly.error()).isEqualTo("streak_immutable");
        Http.Answer archive = ludus.http().send("DELETE", "/v1/metrics/steps", null, setup.admin());
        assertThat(archive.status()).isEqualTo(409);
        assertThat(archive.error()).isEqualTo("rule_in_use");
    }

    @Test
    void standingSurvivesARestart() {
        dailyWalk(",\"freezes\":{\"initial\":1,\"max\":1}");
        moveTo("2037-12-20T09:00", UTC);
        walk("ray", 1000);
        moveTo("2037-12-21T09:00", UTC);
        walk("ray", 1000);
        ludus.restart();
        JsonNode standing = standing("ray", "walk");
        assertThat(standing.path("current").asInt()).isEqualTo(2);
        assertThat(standing.path("freezes").asInt()).isEqualTo(1);
        assertThat(standing.path("period_met").asBoolean()).isTrue();
        assertThat(ludus.http().get("/v1/users/ray/progress", service()).json().path("streaks").get(0)
                .path("current").asInt()).isEqualTo(2);
    }

    private Http.Answer put(String path, String json) {
        return ludus.http().send("PUT", path, json, setup.admin());
    }

    private static void assertProblem(Http.Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(answer.json().path("field").asText()).as(answer.body()).isEqualTo(field);
    }
}
