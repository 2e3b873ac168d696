package dev.ludus.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event-derived figures of {@code GET /v1/stats} equal what the events' answers say happened:
 * under concurrent events, in UTC hour buckets, added up by UTC day.
 */
class StatsCountsTest {

    /** 22:30 UTC: the next hours cross into the next UTC day. */
    private static final Instant START = Instant.parse("2026-12-01T22:30:00Z");

    private TestLudus ludus;
    private Http http;
    private TestApp app;

    @BeforeEach
    void start() {
        ludus = TestLudus.builder().clockAt(START).start();
        http = ludus.http();
        app = ludus.createApp();
        new GameSetup(http, app).metric("steps")
                .put("/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}")
                .put("/v1/points/coins", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":2}]}")
                .put("/v1/achievements/first", """
                        {"name":"First steps","trigger":{"type":"metric","metric":"steps","threshold":1}}""")
                .put("/v1/achievements/ten", """
                        {"name":"Ten steps","trigger":{"type":"metric","metric":"steps","threshold":10}}""")
                .put("/v1/streaks/daily", """
                        {"name":"Daily","period":"daily","conditions":[{"metric":"steps","threshold":1}]}""");
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    /** What the answers of events said, added up like one bucket of the stats. */
    private static final class Sent {
        long events;
        final java.util.Set<String> users = new java.util.TreeSet<>();
        final Map<String, Long> points = new TreeMap<>();
        final Map<String, Long> achievements = new TreeMap<>();
        final Map<String, Long> extended = new TreeMap<>();
        final Map<String, Long> lost = new TreeMap<>();

        synchronized void add(String user, JsonNode answer) {
            events++;
            users.add(user);
            answer.path("points").forEach(points -> this.points.merge(points.path("system").asText(),
                    points.path("awarded").asLong(), Long::sum));
            answer.path("achievements").forEach(unlocked -> achievements.merge(unlocked.path("key").asText(), 1L,
                    Long::sum));
            answer.path("streaks").forEach(streak -> {
                String change = streak.path("change").asText();
                if (change.equals("extended") || change.equals("lost")) {
                    (change.equals("extended") ? extended : lost).merge(streak.path("key").asText(), 1L, Long::sum);
                }
            });
        }

        void assertEquals(JsonNode bucket) {
            assertThat(bucket.path("events").asLong()).as("events").isEqualTo(events);
            assertThat(bucket.path("active_users").asLong()).as("active_users").isEqualTo(users.size());
            assertThat(counts(bucket.path("points_awarded"))).as("points_awarded").isEqualTo(points);
            assertThat(counts(bucket.path("achievements_unlocked"))).as("achievements_unlocked")
                    .isEqualTo(achievements);
            assertThat(counts(bucket.path("streaks_extended"))).as("streaks_extended").isEqualTo(extended);
            assertThat(counts(bucket.path("streaks_lost"))).as("streaks_lost").isEqualTo(lost);
        }

        void addAll(Sent other) {
            events += other.events;
            users.addAll(other.users);
            other.points.forEach((key, value) -> points.merge(key, value, Long::sum));
            other.achievements.forEach((key, value) -> achievements.merge(key, value, Long::sum));
            other.extended.forEach((key, value) -> extended.merge(key, value, Long::sum));
            other.lost.forEach((key, value) -> lost.merge(key, value, Long::sum));
        }
    }

    private static Map<String, Long> counts(JsonNode object) {
        Map<String, Long> counts = new TreeMap<>();
        object.properties().forEach(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
        return counts;
    }

    private void send(Sent into, String user, int steps) {
        Http.Answer answer = http.post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"" + user + "\",\"value\":"
                + steps + "}", Http.bearer(app.tokenWith("users:write")));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        into.add(user, answer.json());
    }

    private JsonNode stats(String from, String to, String interval) {
        Http.Answer answer = http.get("/v1/stats?from=" + from + "&to=" + to + "&interval=" + interval,
                Http.bearer(app.tokenWith("admin")));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void countsAreExactUnderConcurrentEvents() throws Exception {
        ludus.clock().advance(Duration.ofHours(1)); // 23:30: the rules' requests stay in the hour before
        Sent sent = new Sent();
        String token = app.tokenWith("users:write");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        String user = "user-" + ThreadLocalRandom.current().nextInt(40);
                        Http.Answer answer = http.post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"" + user
                                + "\",\"value\":" + ThreadLocalRandom.current().nextInt(1, 6) + "}", Http.bearer(token));
                        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
                        sent.add(user, answer.json());
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdown();
        }

        JsonNode series = stats("2026-12-01T23:00:00Z", "2026-12-02T00:00:00Z", "hour");
        assertThat(series.path("buckets")).hasSize(1);
        JsonNode bucket = series.path("buckets").get(0);
        assertThat(bucket.path("start").asText()).isEqualTo("2026-12-01T23:00:00Z");
        assertThat(sent.events).isEqualTo(400);
        sent.assertEquals(bucket);
        // the 400 events and this read; the rules were defined in the hour before
        assertThat(bucket.path("requests").path("jwt").asLong()).isEqualTo(401);
        assertThat(bucket.path("requests").path("auth_token").asLong()).isZero();
        assertThat(bucket.path("requests").path("ecdsa").asLong()).isZero();
    }

    @Test
    void bucketsAreUtcHoursDaysAndWeeksAddUpWithDistinctActiveUsers() {
        Sent hour22 = new Sent();
        // a user created by a profile write is active only once an event arrives, in that event's hour
        assertThat(http.send("PUT", "/v1/users/carol", "{\"timezone\":\"Pacific/Auckland\"}",
                Http.bearer(app.tokenWith("users:write"))).status()).isIn(200, 201);
        send(hour22, "ada", 3);
        send(hour22, "ada", 4);
        send(hour22, "bob", 1);
        send(hour22, "carol", 12);
        ludus.clock().advance(Duration.ofMinutes(40)); // 23:10
        Sent hour23 = new Sent();
        send(hour23, "ada", 5);
        ludus.clock().advance(Duration.ofMinutes(70)); // 00:20 on 2 December
        Sent hour00 = new Sent();
        send(hour00, "ada", 1);
        send(hour00, "bob", 2);
        ludus.clock().advance(Duration.ofDays(2)); // 00:20 on 4 December: bob missed the 3rd
        Sent day4 = new Sent();
        send(day4, "bob", 1);
        ludus.clock().advance(Duration.ofDays(3)); // 00:20 on Monday 7 December: a new week
        Sent week2 = new Sent();
        send(week2, "bob", 1);

        JsonNode hours = stats("2026-12-01T22:00:00Z", "2026-12-02T01:00:00Z", "hour");
        assertThat(hours.path("interval").asText()).isEqualTo("hour");
        assertThat(hours.path("from").asText()).isEqualTo("2026-12-01T22:00:00Z");
        assertThat(hours.path("to").asText()).isEqualTo("2026-12-02T01:00:00Z");
        JsonNode buckets = hours.path("buckets");
        assertThat(buckets).extracting(bucket -> bucket.path("start").asText())
                .containsExactly("2026-12-01T22:00:00Z", "2026-12-01T23:00:00Z", "2026-12-02T00:00:00Z");
        hour22.assertEquals(buckets.get(0));
        hour23.assertEquals(buckets.get(1));
        hour00.assertEquals(buckets.get(2));
        assertThat(buckets.get(0).path("active_users").asLong()).isEqualTo(3);

        // from inside an hour starts at that hour; to is exclusive
        JsonNode one = stats("2026-12-01T23:30:00Z", "2026-12-02T00:00:00Z", "hour").path("buckets");
        assertThat(one).hasSize(1);
        hour23.assertEquals(one.get(0));

        JsonNode days = stats("2026-12-01T12:00:00Z", "2026-12-04T00:00:01Z", "day");
        assertThat(days.path("from").asText()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(days.path("to").asText()).isEqualTo("2026-12-05T00:00:00Z");
        assertThat(days.path("buckets")).extracting(bucket -> bucket.path("start").asText()).containsExactly(
                "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", "2026-12-03T00:00:00Z", "2026-12-04T00:00:00Z");
        Sent day1 = new Sent();
        day1.addAll(hour22);
        day1.addAll(hour23);
        day1.assertEquals(days.path("buckets").get(0));
        // ada was active in two hours of the 1st and counts once in the day
        assertThat(days.path("buckets").get(0).path("active_users").asLong()).isEqualTo(3);
        hour00.assertEquals(days.path("buckets").get(1));
        new Sent().assertEquals(days.path("buckets").get(2));
        day4.assertEquals(days.path("buckets").get(3));
        assertThat(day4.lost).containsEntry("daily", 1L);

        // weeks start on Monday 00:00 UTC: 30 November holds the 1st to the 6th
        JsonNode weeks = stats("2026-12-01T12:00:00Z", "2026-12-07T00:00:01Z", "week");
        assertThat(weeks.path("from").asText()).isEqualTo("2026-11-30T00:00:00Z");
        assertThat(weeks.path("to").asText()).isEqualTo("2026-12-14T00:00:00Z");
        assertThat(weeks.path("buckets")).extracting(bucket -> bucket.path("start").asText())
                .containsExactly("2026-11-30T00:00:00Z", "2026-12-07T00:00:00Z");
        Sent week1 = new Sent();
        week1.addAll(day1);
        week1.addAll(hour00);
        week1.addAll(day4);
        week1.assertEquals(weeks.path("buckets").get(0));
        // ada, bob and carol; bob was active on three days of the week and counts once in it
        assertThat(weeks.path("buckets").get(0).path("active_users").asLong()).isEqualTo(3);
        week2.assertEquals(weeks.path("buckets").get(1));
    }

    /** Adds {@code events} to the events counter of the hour that starts at {@code hour}, as another node would. */
    private void addEvents(String hour, long events, int shard) {
        ludus.store().execute("INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total) "
                + "VALUES ('" + app.applicationId() + "', " + Instant.parse(hour).toEpochMilli() + ", 'events', '', "
                + shard + ", " + events + ")");
    }

    private long eventsOfDay(JsonNode days, String start) {
        for (JsonNode bucket : days.path("buckets")) {
            if (bucket.path("start").asText().equals(start)) {
                return bucket.path("events").asLong();
            }
        }
        throw new AssertionError("no bucket " + start + " in " + days);
    }

    @Test
    void aDayIsReadFromTheStoreUntilTheDayAfterItIsOverThenKept() {
        send(new Sent(), "ada", 1); // 22:30 on 1 December
        ludus.clock().advance(Duration.ofMinutes(110)); // 00:20 on 2 December: the 1st is yesterday
        String range = "2026-11-30T00:00:00Z";
        assertThat(eventsOfDay(stats(range, "2026-12-03T00:00:00Z", "day"), "2026-12-01T00:00:00Z")).isEqualTo(1);
        addEvents("2026-12-01T23:00:00Z", 5, 90); // another node's late figures of yesterday count
        assertThat(eventsOfDay(stats(range, "2026-12-03T00:00:00Z", "day"), "2026-12-01T00:00:00Z")).isEqualTo(6);

        ludus.clock().advance(Duration.ofDays(1)); // 00:20 on 3 December: the 1st is settled
        JsonNode days = stats(range, "2026-12-04T00:00:00Z", "day");
        assertThat(eventsOfDay(days, "2026-11-30T00:00:00Z")).isZero();
        assertThat(eventsOfDay(days, "2026-12-01T00:00:00Z")).isEqualTo(6);
        // a settled day is read from the store once, then kept: a row written into it now is not read
        addEvents("2026-12-01T12:00:00Z", 7, 91);
        // yesterday and today are still read from the store on every read
        addEvents("2026-12-02T12:00:00Z", 2, 91);
        addEvents("2026-12-03T00:00:00Z", 3, 91);
        days = stats(range, "2026-12-04T00:00:00Z", "day");
        assertThat(eventsOfDay(days, "2026-12-01T00:00:00Z")).isEqualTo(6);
        assertThat(eventsOfDay(days, "2026-12-02T00:00:00Z")).isEqualTo(2);
        assertThat(eventsOfDay(days, "2026-12-03T00:00:00Z")).isEqualTo(3);
        // a read that starts inside the kept days and ends after them joins the two
        JsonNode joined = stats("2026-12-01T00:00:00Z", "2026-12-03T00:00:00Z", "day");
        assertThat(joined.path("buckets")).extracting(bucket -> bucket.path("events").asLong()).containsExactly(6L, 2L);
    }

    @Test
    void aUserIsActiveOnceInAnHourThatTheirEventsCrossWithinAMinute() {
        Sent before = new Sent();
        Sent after = new Sent();
        ludus.clock().advanceTo(Instant.parse("2026-12-01T22:59:50Z"));
        send(before, "ada", 1);
        ludus.clock().advance(Duration.ofSeconds(15)); // 23:00:05, within a minute of the last event
        send(after, "ada", 1);
        ludus.clock().advance(Duration.ofSeconds(15));
        send(after, "ada", 1);
        send(after, "bob", 1);

        JsonNode buckets = stats("2026-12-01T22:00:00Z", "2026-12-02T00:00:00Z", "hour").path("buckets");
        before.assertEquals(buckets.get(0));
        after.assertEquals(buckets.get(1));
        assertThat(buckets.get(1).path("active_users").asLong()).isEqualTo(2);
    }
}
