package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.testing.LudusServer;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link TeamLeaderboardsApi} against a real server with the rules of {@link Game} ({@code xp}: 10 per 100 steps). */
class TeamLeaderboardsTest {

    @RegisterExtension
    static final LudusServer shared = new LudusServer();
    private static final TeamLeaderboardPeriod ALL_TIME = new TeamLeaderboardPeriod("all", null, null);
    private Game game;

    @BeforeEach
    void newApplication() {
        game = Game.withRules(shared.ludus());
    }

    @Test
    void aBoardByPointsRanksTheTeamOfAMemberWhoSentAnEvent() {
        TeamLeaderboard board = game.admin.teamLeaderboards().put("xp_teams",
                TeamLeaderboardDefinition.builder(RankBy.points("xp")).name("XP by team").build());
        assertThat(board.key()).isEqualTo("xp_teams");
        assertThat(board.name()).isEqualTo("XP by team");
        assertThat(board.description()).isNull();
        assertThat(board.rankBy()).isEqualTo(RankBy.points("xp"));
        assertThat(board.aggregate()).isEqualTo(TeamLeaderboardDefinition.Aggregate.SUM);
        assertThat(board.period()).isEqualTo(LeaderboardDefinition.Period.ALL_TIME);
        assertThat(board.timezone()).isEqualTo("UTC");
        assertThat(board.weekStart()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(board.archivedAt()).isNull();

        game.server.users().put("ann", new UserProfile("Ann", null, null, null));
        game.server.teams().put("red", TeamDefinition.named("Red"));
        game.server.teams().put("blue");
        game.server.teams().join("red", "ann");
        game.event("ann", "steps", "100");

        TeamLeaderboardRanking ranking = game.server.teamLeaderboards().ranking("xp_teams");
        assertThat(ranking.leaderboard()).isEqualTo(board);
        assertThat(ranking.period()).isEqualTo(ALL_TIME);
        assertThat(ranking.participants()).isEqualTo(1);
        assertThat(ranking.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.rank()).isEqualTo(1);
            assertThat(entry.teamId()).isEqualTo("red");
            assertThat(entry.name()).isEqualTo("Red");
            assertThat(entry.score()).isEqualByComparingTo("10");
            assertThat(entry.members()).isEqualTo(1);
        });
        assertThat(ranking.hasNext()).isFalse();
        assertThat(game.server.teamLeaderboards().ranking("xp_teams", LocalDate.of(2026, 1, 15), 1, null).period())
                .as("any date of an all-time board is its one period").isEqualTo(ALL_TIME);
        assertThat(game.server.teamLeaderboards().rankingAll("xp_teams", null).map(TeamLeaderboardRanking.Entry::teamId)
                .toList()).containsExactly("red");

        TeamLeaderboardPlace red = game.server.teamLeaderboards().place("xp_teams", "red");
        assertThat(red).isEqualTo(new TeamLeaderboardPlace("red", "Red", 1, red.score(), 1, 1, ALL_TIME));
        assertThat(red.score()).isEqualByComparingTo(BigDecimal.TEN);
        assertRefused(() -> game.server.teamLeaderboards().place("xp_teams", "blue"), e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.error()).isEqualTo("not_found");
            assertThat(e.problem()).hasValueSatisfying(body -> assertThat(body).contains("\"team_id\":\"blue\""));
        });
        assertRefused(() -> game.server.teamLeaderboards().ranking("nope"), e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void definitionsAreRulesAndTheirRankingCannotChangeMeaning() {
        TeamLeaderboard daily = game.admin.teamLeaderboards().put("steps_avg", TeamLeaderboardDefinition.builder(
                        RankBy.metric("steps")).description("Average steps")
                .aggregate(TeamLeaderboardDefinition.Aggregate.AVERAGE).period(LeaderboardDefinition.Period.DAILY)
                .timezone("Europe/Oslo").weekStart(DayOfWeek.SUNDAY).build());
        assertThat(daily.name()).isEqualTo("steps_avg");
        assertThat(daily.aggregate()).isEqualTo(TeamLeaderboardDefinition.Aggregate.AVERAGE);
        assertThat(daily.weekStart()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(game.server.teamLeaderboards().get("steps_avg")).isEqualTo(daily);
        TeamLeaderboardDefinition summed = new TeamLeaderboardDefinition("Steps", daily.description(), daily.rankBy(),
                TeamLeaderboardDefinition.Aggregate.SUM, daily.period(), daily.timezone(), daily.weekStart());
        assertThat(game.admin.teamLeaderboards().put("steps_avg", summed).aggregate())
                .isEqualTo(TeamLeaderboardDefinition.Aggregate.SUM);
        TeamLeaderboardDefinition weekly = new TeamLeaderboardDefinition(null, null, daily.rankBy(), null,
                LeaderboardDefinition.Period.WEEKLY, daily.timezone(), daily.weekStart());
        assertRefused(() -> game.admin.teamLeaderboards().put("steps_avg", weekly), e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.error()).isEqualTo("leaderboard_immutable");
            assertThat(e.field()).hasValue("rank_by");
        });
        assertRefused(() -> game.admin.teamLeaderboards().put("sleep", TeamLeaderboardDefinition.builder(
                RankBy.metric("sleep")).build()), e -> assertThat(e.error()).isEqualTo("unknown_rule"));
        assertThatThrownBy(() -> TeamLeaderboardDefinition.builder(RankBy.streak("daily_walk")).build())
                .isInstanceOf(IllegalArgumentException.class);

        game.admin.teamLeaderboards().put("old", TeamLeaderboardDefinition.builder(RankBy.metric("steps")).build());
        game.admin.teamLeaderboards().archive("old");
        assertThat(game.server.teamLeaderboards().get("old").archivedAt()).isNotNull();
        assertThat(game.server.teamLeaderboards().list().items()).extracting(TeamLeaderboard::key)
                .containsExactly("steps_avg");
        assertThat(game.server.teamLeaderboards().listAll(true).map(TeamLeaderboard::key).toList())
                .containsExactly("old", "steps_avg");
        assertThat(game.server.teamLeaderboards().ranking("old").participants()).as("an archived board stays readable")
                .isZero();
    }

    private static void assertRefused(ThrowingCallable call, Consumer<LudusException> check) {
        assertThatThrownBy(call).isInstanceOfSatisfying(LudusException.class, check);
    }
}
