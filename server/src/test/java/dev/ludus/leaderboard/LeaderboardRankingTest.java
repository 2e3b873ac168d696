package dev.ludus.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /v1/leaderboards/{key}: order, shared ranks, paging, the window around a user, one user's standing. */
class LeaderboardRankingTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private Board board;

    @BeforeEach
    void defineBoard() {
        TestApp app = server.ludus().createApp();
        board = new Board(server.http(), app);
        board.setup().metric("steps")
                .put("/v1/leaderboards/walkers", "{\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"}}");
    }

    private void tick() {
        server.ludus().clock().advance(Duration.ofSeconds(1));
    }

    @Test
    void equalScoresShareARankAndTheEarlierReacherListsFirst() {
        board.event("alice", "steps", 30);
        tick();
        board.event("carol", "steps", 5);
        tick();
        board.event("bob", "steps", 20);
        tick();
        board.event("carol", "steps", 15);
        tick();
        board.event("dave", "steps", 10);

        assertThat(board.users("/v1/leaderboards/walkers")).containsExactly("alice", "bob", "carol", "dave");
        assertThat(board.ranks("/v1/leaderboards/walkers")).containsExactly(1L, 2L, 2L, 4L);
    }

    @Test
    void eventAnswerShowsTheBoardsItChanged() {
        board.event("alice", "steps", 30);
        JsonNode answer = board.event("bob", "steps", 10);

        JsonNode changed = answer.path("leaderboards").get(0);
        assertThat(changed.path("key").asText()).isEqualTo("walkers");
        assertThat(changed.path("period").asText()).isEqualTo("all");
        assertThat(changed.path("score").asLong()).isEqualTo(10);
        assertThat(changed.path("rank").asLong()).isEqualTo(2);
    }

    @Test
    void pagesFollowTheCursorToTheEnd() {
        for (int i = 1; i <= 25; i++) {
            board.event(String.format("user-%02d", i), "steps", i);
        }
        JsonNode first = board.ok("/v1/leaderboards/walkers?limit=10");
        assertThat(first.path("participants").asLong()).isEqualTo(25);
        assertThat(first.path("entries").get(0).path("user_id").asText()).isEqualTo("user-25");
        JsonNode second = board.ok("/v1/leaderboards/walkers?limit=10&cursor=" + first.path("next_cursor").asText());
        assertThat(second.path("entries").get(0).path("rank").asLong()).isEqualTo(11);
        JsonNode third = board.ok("/v1/leaderboards/walkers?limit=10&cursor=" + second.path("next_cursor").asText());

        assertThat(third.path("entries")).hasSize(5);
        assertThat(third.path("entries").get(4).path("user_id").asText()).isEqualTo("user-01");
        assertThat(third.path("next_cursor").isNull()).isTrue();
    }

    @Test
    void aroundIsClippedAtTheTopAndTheBottom() {
        for (int i = 1; i <= 10; i++) {
            board.event("u" + i, "steps", i);
        }

        assertThat(board.users("/v1/leaderboards/walkers?around=u10&radius=2")).containsExactly("u10", "u9", "u8");
        assertThat(board.users("/v1/leaderboards/walkers?around=u1&radius=2")).containsExactly("u3", "u2", "u1");
        assertThat(board.users("/v1/leaderboards/walkers?around=u5&radius=2"))
                .containsExactly("u7", "u6", "u5", "u4", "u3");
        assertThat(board.get("/v1/leaderboards/walkers?around=nobody").status()).isEqualTo(404);
    }

    @Test
    void userStandingHasRankPercentileAndPreviousRank() {
        board.event("alice", "steps", 50);
        board.event("bob", "steps", 40);
        board.event("carol", "steps", 30);
        board.event("dave", "steps", 20);

        JsonNode first = board.ok("/v1/leaderboards/walkers/users/carol");
        assertThat(first.path("rank").asLong()).isEqualTo(3);
        assertThat(first.path("previous_rank").isNull()).isTrue();
        assertThat(first.path("percentile").decimalValue()).isEqualByComparingTo("25");
        assertThat(first.path("participants").asLong()).isEqualTo(4);

        board.event("carol", "steps", 15);
        JsonNode after = board.ok("/v1/leaderboards/walkers/users/carol");
        assertThat(after.path("rank").asLong()).isEqualTo(2);
        assertThat(after.path("score").asLong()).isEqualTo(45);
        assertThat(after.path("previous_rank").asLong()).isEqualTo(3);
        assertThat(after.path("percentile").decimalValue()).isEqualByComparingTo("50");
        assertThat(board.get("/v1/leaderboards/walkers/users/nobody").status()).isEqualTo(404);
    }

    @Test
    void answerShowsTheDefinitionAndTheCurrentPeriod() {
        board.event("alice", "steps", 1);
        JsonNode answer = board.ok("/v1/leaderboards/walkers");

        assertThat(answer.path("leaderboard").path("key").asText()).isEqualTo("walkers");
        assertThat(answer.path("leaderboard").path("rank_by").path("metric").asText()).isEqualTo("steps");
        assertThat(answer.path("leaderboard").path("period").asText()).isEqualTo("all_time");
        assertThat(answer.path("period").path("key").asText()).isEqualTo("all");
        assertThat(answer.path("period").path("finished").asBoolean()).isFalse();
        assertThat(board.ok("/v1/leaderboards").path("items").get(0).path("key").asText()).isEqualTo("walkers");
    }

    @Test
    void deletedUserLeavesTheBoard() {
        board.event("alice", "steps", 10);
        board.event("bob", "steps", 5);
        Http.Answer deleted = server.http().send("DELETE", "/v1/users/alice", null, board.admin());
        assertThat(deleted.status()).isEqualTo(204);

        assertThat(board.users("/v1/leaderboards/walkers")).isEqualTo(List.of("bob"));
    }
}
