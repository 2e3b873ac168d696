package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ludus.testing.LudusServer;
import dev.ludus.testing.MutableClock;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link LeaderboardsApi} against a real server with the rules of {@link Game}. The server and the
 * clients share the server's clock, so a test can move it a day on and read the period it left; each
 * test has an application of its own, so a day moved by one does not change another's boards.
 */
class LeaderboardsTest {

    @RegisterExtension
    static final LudusServer shared = new LudusServer();
    private Game game;
    private MutableClock clock;

    @BeforeEach
    void newApplication() {
        game = Game.withRules(shared.ludus());
        clock = shared.ludus().clock();
    }

    private LeaderboardStandings.Entry entry(long rank, String userId, String score) {
        return new LeaderboardStandings.Entry(rank, userId, new BigDecimal(score), null);
    }

    @Test
    void definitionsAreAnsweredInCanonicalFormAndANewAllTimeBoardIsBackfilled() {
        game.server.users().adjustPoints("ada", "xp", 300, "seed");
        game.server.users().adjustPoints("bob", "xp", 100, "seed");

        Leaderboard xp = game.admin.leaderboards().put("xp_all", LeaderboardDefinition.builder(RankBy.points("xp"))
                .name("Experience").build());
        Leaderboard weekly = game.admin.leaderboards().put("steps_week", LeaderboardDefinition.builder(
                        RankBy.metric("steps")).period(LeaderboardDefinition.Period.WEEKLY)
                .timezone("Europe/Paris").weekStart(DayOfWeek.SUNDAY).filter("country", "FR").build());

        assertThat(xp.backfilledUsers()).isEqualTo(2);
        assertThat(xp.rankBy()).isEqualTo(RankBy.points("xp"));
        assertThat(xp.period()).isEqualTo(LeaderboardDefinition.Period.ALL_TIME);
        assertThat(xp.timezone()).isEqualTo("UTC");
        assertThat(xp.weekStart()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(weekly.rankBy()).isEqualTo(RankBy.metric("steps"));
        assertThat(weekly.period()).isEqualTo(LeaderboardDefinition.Period.WEEKLY);
        assertThat(weekly.timezone()).isEqualTo("Europe/Paris");
        assertThat(weekly.weekStart()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(weekly.filter()).isEqualTo(Map.of("country", "FR"));
        assertThat(game.server.leaderboards().get("steps_week")).usingRecursiveComparison()
                .ignoringFields("backfilledUsers").isEqualTo(weekly);
        assertThat(game.server.leaderboards().list(1, null, false).items()).extracting(Leaderboard::key)
                .containsExactly("steps_week");
        assertThat(game.server.leaderboards().listAll(false)).extracting(Leaderboard::key)
                .containsExactly("steps_week", "xp_all");
        assertThat(game.server.leaderboards().top("xp_all").entries())
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("reachedAt")
                .containsExactly(entry(1, "ada", "300"), entry(2, "bob", "100"));
    }

    @Test
    void changingWhatABoardRanksByIsRefusedAsLeaderboardImmutable() {
        game.admin.leaderboards().put("xp_all", LeaderboardDefinition.builder(RankBy.points("xp")).build());

        assertThatThrownBy(() -> game.admin.leaderboards().put("xp_all",
                LeaderboardDefinition.builder(RankBy.metric("steps")).build()))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.error()).isEqualTo("leaderboard_immutable");
                });
        game.admin.leaderboards().archive("xp_all");
        assertThat(game.server.leaderboards().list().items()).isEmpty();
        assertThat(game.server.leaderboards().listAll(true)).singleElement()
                .satisfies(board -> assertThat(board.archivedAt()).isNotNull());
    }

    @Test
    void theTopIsPagedWithACursorAndTiesShareARank() {
        game.admin.leaderboards().put("walkers", LeaderboardDefinition.builder(RankBy.metric("steps")).build());
        game.event("ada", "steps", "500");
        game.event("bob", "steps", "300");
        game.event("cy", "steps", "300");
        EventAnswer last = game.event("dee", "steps", "100.5");

        LeaderboardStandings first = game.server.leaderboards().top("walkers", null, 2, null);
        LeaderboardStandings second = game.server.leaderboards().top("walkers", null, 2, first.nextCursor());

        assertThat(last.leaderboards()).containsExactly(new LeaderboardChange("walkers", "all",
                new BigDecimal("100.5"), 4, null));
        assertThat(first.participants()).isEqualTo(4);
        assertThat(first.period().key()).isEqualTo("all");
        assertThat(first.period().finished()).isFalse();
        assertThat(first.leaderboard().key()).isEqualTo("walkers");
        assertThat(first.entries()).extracting(LeaderboardStandings.Entry::rank, LeaderboardStandings.Entry::userId)
                .containsExactly(tuple(1L, "ada"), tuple(2L, "bob"));
        assertThat(first.hasNext()).isTrue();
        assertThat(second.entries()).extracting(LeaderboardStandings.Entry::rank, LeaderboardStandings.Entry::userId)
                .containsExactly(tuple(2L, "cy"), tuple(4L, "dee"));
        assertThat(second.entries().get(1).score()).isEqualByComparingTo("100.5");
        assertThat(second.hasNext()).isFalse();
    }

    @Test
    void aWindowAroundAUserAndOneUsersRank() {
        game.admin.leaderboards().put("walkers", LeaderboardDefinition.builder(RankBy.metric("steps")).build());
        game.event("ada", "steps", "500");
        game.event("bob", "steps", "400");
        game.event("cy", "steps", "300");
        game.event("dee", "steps", "200");
        EventAnswer cyAgain = game.event("cy", "steps", "150");

        LeaderboardStandings around = game.server.leaderboards().around("walkers", "cy", 1, null);
        LeaderboardRank cy = game.server.leaderboards().rank("walkers", "cy");

        assertThat(cyAgain.leaderboards()).singleElement().satisfies(change -> {
            assertThat(change.rank()).isEqualTo(2);
            assertThat(change.previousRank()).isEqualTo(3L);
        });
        assertThat(around.entries()).extracting(LeaderboardStandings.Entry::userId).containsExactly("ada", "cy", "bob");
        assertThat(around.nextCursor()).isNull();
        assertThat(cy.userId()).isEqualTo("cy");
        assertThat(cy.rank()).isEqualTo(2);
        assertThat(cy.score()).isEqualByComparingTo("450");
        assertThat(cy.previousRank()).isEqualTo(3L);
        assertThat(cy.percentile()).isEqualByComparingTo("50");
        assertThat(cy.participants()).isEqualTo(4);
        assertThatThrownBy(() -> game.server.leaderboards().rank("walkers", "nobody"))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.error()).isEqualTo("not_found");
                });
    }

    @Test
    void aPastPeriodIsReadByADateInsideIt() {
        game.admin.leaderboards().put("daily_steps", LeaderboardDefinition.builder(RankBy.metric("steps"))
                .period(LeaderboardDefinition.Period.DAILY).build());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        game.event("ada", "steps", "700");
        game.event("bob", "steps", "900");

        clock.advance(Duration.ofDays(1));
        LeaderboardStandings current = game.server.leaderboards().top("daily_steps");
        LeaderboardStandings yesterday = game.server.leaderboards().top("daily_steps", today, 10, null);
        LeaderboardRank ada = game.server.leaderboards().rank("daily_steps", "ada", today);

        assertThat(current.period().key()).isEqualTo(today.plusDays(1).toString());
        assertThat(current.entries()).isEmpty();
        assertThat(yesterday.period().key()).isEqualTo(today.toString());
        assertThat(yesterday.period().start()).isEqualTo(today.atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(yesterday.period().finished()).isTrue();
        assertThat(yesterday.entries()).extracting(LeaderboardStandings.Entry::userId).containsExactly("bob", "ada");
        assertThat(ada.rank()).isEqualTo(2);
        assertThat(ada.period().key()).isEqualTo(today.toString());
        assertThatThrownBy(() -> game.server.leaderboards().top("daily_steps", today.plusDays(2), 10, null))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.field()).hasValue("period"));
    }
}
