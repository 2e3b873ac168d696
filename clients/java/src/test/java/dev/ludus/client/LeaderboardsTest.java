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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link LeaderboardsApi}, the team boards' quarterly and yearly periods, and the seasons of a points
 * system ({@link PointsSystemsApi#seasons}, {@link PointsSystemsApi#seasonStandings},
 * {@link UsersApi#pointsSeasons}) against a real server with the rules of {@link Game}. The server and the
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

    @Test
    void quarterlyAndYearlyBoardsAndTeamBoardsNameTheirPeriods() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        int quarter = (today.getMonthValue() - 1) / 3 + 1;
        LocalDate nextQuarter = LocalDate.of(today.getYear(), quarter * 3 - 2, 1).plusMonths(3);
        game.admin.leaderboards().put("xp_quarter", LeaderboardDefinition.builder(RankBy.points("xp"))
                .period(LeaderboardDefinition.Period.QUARTERLY).build());
        Leaderboard year = game.admin.leaderboards().put("xp_year", LeaderboardDefinition.builder(RankBy.points("xp"))
                .period(LeaderboardDefinition.Period.YEARLY).build());
        TeamLeaderboard teams = game.admin.teamLeaderboards().put("teams_quarter", TeamLeaderboardDefinition.builder(
                RankBy.points("xp")).period(LeaderboardDefinition.Period.QUARTERLY).build());
        game.server.users().adjustPoints("ada", "xp", 10, "seed");

        LeaderboardStandings top = game.server.leaderboards().top("xp_quarter");

        assertThat(year.period()).isEqualTo(LeaderboardDefinition.Period.YEARLY);
        assertThat(top.period().key()).isEqualTo(today.getYear() + "-Q" + quarter);
        assertThat(top.period().end()).isEqualTo(nextQuarter.atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(top.entries()).extracting(LeaderboardStandings.Entry::userId).containsExactly("ada");
        assertThat(game.server.leaderboards().top("xp_year").period().key()).isEqualTo(String.valueOf(today.getYear()));
        assertThat(game.server.leaderboards().top("xp_quarter", today.minusMonths(3), 10, null).period().key())
                .isEqualTo(today.minusMonths(3).getYear() + "-Q" + ((today.minusMonths(3).getMonthValue() - 1) / 3 + 1));
        assertThat(teams.period()).isEqualTo(LeaderboardDefinition.Period.QUARTERLY);
        assertThat(game.server.teamLeaderboards().ranking("teams_quarter").period().key()).isEqualTo(top.period().key());
    }

    @Test
    void aPointsSeasonThatEndedIsKeptRankedAndReadByUser() {
        PointsSystem daily = game.admin.pointsSystems().put("daily_xp", PointsSystemDefinition.builder()
                .level("Rookie", 0).level("Pro", 20).season(PointsSeason.Period.DAILY, "UTC").build());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Season season = new Season(today.toString(), today.atStartOfDay(ZoneOffset.UTC).toInstant(),
                today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        game.server.users().adjustPoints("ada", "daily_xp", 30, "seed");
        game.server.users().adjustPoints("bob", "daily_xp", 10, "seed");
        game.server.users().adjustPoints("cy", "daily_xp", 30, "seed");

        assertThat(daily.season()).isEqualTo(new PointsSeason(PointsSeason.Period.DAILY, "UTC", DayOfWeek.MONDAY));
        assertThat(game.server.users().progress("ada").points()).filteredOn(points -> points.system().equals("daily_xp"))
                .singleElement().satisfies(points -> assertThat(points.season()).isEqualTo(season));
        SeasonList running = game.server.pointsSystems().seasons("daily_xp");
        assertThat(running.pointsSystem()).isEqualTo("daily_xp");
        assertThat(running.current()).isEqualTo(season);
        assertThat(running.seasons()).isEmpty();
        assertThat(game.server.pointsSystems().seasons("xp").current()).as("a system without seasons").isNull();
        assertThat(game.server.users().pointsSeasons("ada", "daily_xp").items()).isEmpty();
        assertThatThrownBy(() -> game.server.pointsSystems().seasonStandings("daily_xp", "2001-01"))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> game.server.pointsSystems().seasonStandings("daily_xp", "last"))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).hasValue("season");
                });

        clock.advance(Duration.ofDays(1));
        for (String user : List.of("ada", "bob", "cy")) {
            game.server.users().adjustPoints(user, "daily_xp", 1, "a write ends the season");
        }

        SeasonList ended = game.server.pointsSystems().seasons("daily_xp");
        assertThat(ended.current().key()).isEqualTo(today.plusDays(1).toString());
        assertThat(ended.seasons()).singleElement().satisfies(past -> {
            assertThat(past.season()).isEqualTo(season);
            assertThat(past.participants()).isEqualTo(3);
        });
        SeasonStandings first = game.server.pointsSystems().seasonStandings("daily_xp", season.key(), 2, null);
        assertThat(first.pointsSystem()).isEqualTo("daily_xp");
        assertThat(first.season()).isEqualTo(season);
        assertThat(first.entries()).containsExactly(
                new SeasonStandings.Entry(1, "ada", 30, new LevelReached(2, "Pro")),
                new SeasonStandings.Entry(1, "cy", 30, new LevelReached(2, "Pro")));
        SeasonStandings second = game.server.pointsSystems().seasonStandings("daily_xp", season.key(), 2,
                first.nextCursor());
        assertThat(second.entries()).containsExactly(new SeasonStandings.Entry(3, "bob", 10,
                new LevelReached(1, "Rookie")));
        assertThat(second.hasNext()).isFalse();
        assertThat(game.server.pointsSystems().seasonStandingsAll("daily_xp", season.key()))
                .extracting(SeasonStandings.Entry::userId).containsExactly("ada", "cy", "bob");
        assertThat(game.server.users().pointsSeasons("ada", "daily_xp").items())
                .containsExactly(new UserSeason(season, 30, new LevelReached(2, "Pro")));
        assertThat(game.server.users().pointsSeasonsAll("bob", "daily_xp")).extracting(UserSeason::points)
                .containsExactly(10L);
        assertThat(game.server.users().pointsHistory("ada", "daily_xp").items().get(1)).satisfies(entry -> {
            assertThat(entry.source()).isEqualTo("season");
            assertThat(entry.reason()).isEqualTo("season_ended");
            assertThat(entry.reference()).isEqualTo(season.key());
            assertThat(entry.amount()).isEqualTo(-30);
            assertThat(entry.balance()).isZero();
        });
        assertThatThrownBy(() -> game.server.users().pointsSeasons("nobody", "daily_xp"))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
