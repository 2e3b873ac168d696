package dev.ludus.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Periods with an injected clock: rollover at local midnight, frozen past periods, keys, restarts. */
class LeaderboardPeriodTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private TestLudus ludus;
    private TestApp app;
    private Board board;

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        app = ludus.createApp();
        board = new Board(ludus.http(), app);
        board.setup().metric("steps");
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    /** Moves the clock to {@code before} ahead of the next midnight in {@code zone}. */
    private void untilMidnight(ZoneId zone, Duration before) {
        Instant now = ludus.clock().instant();
        Instant midnight = LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant();
        ludus.clock().advance(Duration.between(now, midnight).minus(before));
    }

    @Test
    void dailyBoardStartsFreshAfterMidnightInItsTimezoneAndYesterdayStaysFrozen() {
        board.setup().put("/v1/leaderboards/daily", """
                {"rank_by":{"type":"metric","metric":"steps"},"period":"daily","timezone":"Asia/Tokyo"}""");
        untilMidnight(TOKYO, Duration.ofMinutes(10));
        Instant lastEvening = ludus.clock().instant();
        LocalDate yesterday = LocalDate.ofInstant(lastEvening, TOKYO);
        board.event("alice", "steps", 10);
        board.event("bob", "steps", 20);

        ludus.clock().advance(Duration.ofMinutes(20));
        board.event("carol", "steps", 5);
        JsonNode late = board.event("{\"metric\":\"steps\",\"user_id\":\"alice\",\"value\":100,\"occurred_at\":\""
                + lastEvening + "\"}");

        JsonNode today = board.ok("/v1/leaderboards/daily");
        assertThat(today.path("period").path("key").asText()).isEqualTo(yesterday.plusDays(1).toString());
        assertThat(board.users("/v1/leaderboards/daily")).containsExactly("carol");
        assertThat(late.path("leaderboards")).isEmpty();
        JsonNode past = board.ok("/v1/leaderboards/daily?period=" + yesterday);
        assertThat(past.path("period").path("finished").asBoolean()).isTrue();
        assertThat(past.path("period").path("end").asText())
                .isEqualTo(yesterday.plusDays(1).atStartOfDay(TOKYO).toInstant().toString());
        assertThat(board.users("/v1/leaderboards/daily?period=" + yesterday)).containsExactly("bob", "alice");
        assertThat(past.path("entries").get(1).path("score").asLong()).isEqualTo(10);
    }

    @Test
    void weeklyAndMonthlyBoardsNameTheirPeriods() {
        board.setup().put("/v1/leaderboards/weekly", """
                {"rank_by":{"type":"metric","metric":"steps"},"period":"weekly","week_start":"sunday"}""");
        board.setup().put("/v1/leaderboards/monthly", """
                {"rank_by":{"type":"metric","metric":"steps"},"period":"monthly"}""");
        board.event("alice", "steps", 3);
        LocalDate today = LocalDate.ofInstant(ludus.clock().instant(), ZoneOffset.UTC);

        JsonNode weekly = board.ok("/v1/leaderboards/weekly");
        assertThat(weekly.path("period").path("key").asText())
                .isEqualTo(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)).toString());
        JsonNode monthly = board.ok("/v1/leaderboards/monthly");
        assertThat(monthly.path("period").path("key").asText()).isEqualTo(YearMonth.from(today).toString());
        assertThat(monthly.path("entries").get(0).path("score").asLong()).isEqualTo(3);
        assertThat(board.ok("/v1/leaderboards/monthly?period=" + today.withDayOfMonth(1)).path("participants").asLong())
                .isEqualTo(1);
    }

    @Test
    void pastPeriodIsQueryableByAnyDateInside() {
        board.setup().put("/v1/leaderboards/weekly", """
                {"rank_by":{"type":"metric","metric":"steps"},"period":"weekly"}""");
        board.event("alice", "steps", 7);
        LocalDate day = LocalDate.ofInstant(ludus.clock().instant(), ZoneOffset.UTC);
        ludus.clock().advance(Duration.ofDays(8));
        board.event("bob", "steps", 1);

        assertThat(board.users("/v1/leaderboards/weekly")).containsExactly("bob");
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        for (LocalDate inside = monday; inside.isBefore(monday.plusWeeks(1)); inside = inside.plusDays(1)) {
            assertThat(board.users("/v1/leaderboards/weekly?period=" + inside)).as(inside.toString())
                    .containsExactly("alice");
        }
    }

    @Test
    void streakBoardRanksByTheCurrentRun() {
        board.setup().put("/v1/streaks/walk", """
                {"period":"daily","conditions":[{"metric":"steps","threshold":10}]}""");
        board.setup().put("/v1/leaderboards/streaks", "{\"rank_by\":{\"type\":\"streak\",\"streak\":\"walk\"}}");
        untilMidnight(ZoneOffset.UTC, Duration.ofHours(2));
        board.event("alice", "steps", 10);
        board.event("bob", "steps", 10);
        ludus.clock().advance(Duration.ofHours(3));
        JsonNode answer = board.event("alice", "steps", 10);

        assertThat(answer.path("leaderboards").get(0).path("score").asLong()).isEqualTo(2);
        assertThat(board.users("/v1/leaderboards/streaks")).containsExactly("alice", "bob");
        assertThat(board.ok("/v1/leaderboards/streaks/users/bob").path("score").asLong()).isEqualTo(1);
    }

    @Test
    void restartRebuildsTheIndexFromTheStore() {
        board.setup().put("/v1/leaderboards/walkers", "{\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"}}");
        board.event("alice", "steps", 10);
        ludus.clock().advance(Duration.ofSeconds(1));
        board.event("bob", "steps", 30);
        ludus.clock().advance(Duration.ofSeconds(1));
        board.event("carol", "steps", 10);
        board.event("alice", "steps", 5);

        ludus.restart();
        board = new Board(ludus.http(), app);

        assertThat(board.users("/v1/leaderboards/walkers")).containsExactly("bob", "alice", "carol");
        JsonNode alice = board.ok("/v1/leaderboards/walkers/users/alice");
        assertThat(alice.path("score").asLong()).isEqualTo(15);
        assertThat(alice.path("previous_rank").asLong()).isEqualTo(2);
        board.event("carol", "steps", 20);
        assertThat(board.users("/v1/leaderboards/walkers")).containsExactly("bob", "carol", "alice");
        assertThat(board.ranks("/v1/leaderboards/walkers")).containsExactly(1L, 1L, 3L);
    }
}
