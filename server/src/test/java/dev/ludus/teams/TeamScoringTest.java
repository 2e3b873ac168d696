package dev.ludus.teams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.engine.Amount;
import dev.ludus.engine.Change;
import dev.ludus.engine.Engine;
import dev.ludus.engine.Event;
import dev.ludus.engine.MetricRule;
import dev.ludus.engine.PointsSystem;
import dev.ludus.engine.PointsTrigger;
import dev.ludus.engine.Rules;
import dev.ludus.engine.UserState;
import dev.ludus.engine.PeriodKind;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Team leaderboards' arithmetic without a server or a store: what a write contributes, late joiners
 * and leavers, periods in a timezone, sums and averages, shared ranks.
 */
class TeamScoringTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final MetricRule STEPS = new MetricRule("steps", "Steps", Optional.empty(), false);
    private static final PointsSystem XP = new PointsSystem("xp", "XP", Optional.empty(),
            List.of(new PointsTrigger.PerMetric("steps", 1, Amount.of(10), Map.of())), OptionalLong.empty(), false,
            List.of());
    private static final Rules RULES = Rules.of(1, List.of(STEPS), List.of(XP), List.of());
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private static TeamBoard board(TeamBoard.RankBy rankBy, TeamBoard.Aggregate aggregate, PeriodKind period) {
        return new TeamBoard("b", dev.ludus.engine.LocalizedText.plain("B"), Optional.empty(), rankBy, aggregate, period, OSLO, DayOfWeek.MONDAY);
    }

    private static Change walk(long steps, Instant at) {
        return Engine.applyEvent(RULES, UserState.EMPTY, new Event("evt", "steps", Amount.of(steps), Map.of(), at), at);
    }

    /** The store in miniature: memberships now, and the sums each write adds to the member's teams. */
    private static final class Teams {
        private final Map<String, Set<String>> members = new HashMap<>();
        private final Map<String, Long> sums = new HashMap<>();

        void join(String team, String user) {
            members.computeIfAbsent(team, key -> new HashSet<>()).add(user);
        }

        void leave(String team, String user) {
            members.get(team).remove(user);
        }

        void write(TeamBoard board, String user, Change change, Instant at) {
            for (TeamScoring.Contribution contribution : TeamScoring.contributions(List.of(board), change, at)) {
                members.forEach((team, users) -> {
                    if (users.contains(user)) {
                        sums.merge(team + "@" + contribution.period().key(), contribution.amount(), Long::sum);
                    }
                });
            }
        }

        List<TeamScoring.Standing> rank(TeamBoard board, String period, int scale) {
            List<TeamScoring.Total> totals = new ArrayList<>();
            sums.forEach((key, sum) -> {
                String team = key.substring(0, key.indexOf('@'));
                if (key.endsWith("@" + period)) {
                    totals.add(new TeamScoring.Total(team, team, sum, members.getOrDefault(team, Set.of()).size()));
                }
            });
            return TeamScoring.rank(board.aggregate(), totals, scale);
        }
    }

    @Test
    void aMetricBoardTakesTheEventsValueAndAPointsBoardThePointsMoved() {
        Change change = walk(25, NOW);
        TeamBoard metric = board(new TeamBoard.RankBy.Metric("steps"), TeamBoard.Aggregate.SUM, PeriodKind.ALL_TIME);
        TeamBoard points = board(new TeamBoard.RankBy.Points("xp"), TeamBoard.Aggregate.SUM, PeriodKind.ALL_TIME);
        TeamBoard other = board(new TeamBoard.RankBy.Metric("swims"), TeamBoard.Aggregate.SUM, PeriodKind.ALL_TIME);

        List<TeamScoring.Contribution> contributions = TeamScoring.contributions(List.of(metric, points, other), change,
                NOW);

        assertThat(contributions).extracting(TeamScoring.Contribution::amount)
                .containsExactly(Amount.of(25).micros(), 2L);
        assertThat(contributions).extracting(contribution -> contribution.period().key()).containsOnly("all");
    }

    @Test
    void aLateJoinerCountsFromWhenTheyJoinedAndALeaverKeepsWhatTheyGave() {
        TeamBoard board = board(new TeamBoard.RankBy.Metric("steps"), TeamBoard.Aggregate.SUM, PeriodKind.ALL_TIME);
        Teams teams = new Teams();
        teams.join("red", "ann");
        teams.write(board, "ann", walk(100, NOW), NOW);
        teams.write(board, "bob", walk(500, NOW), NOW);
        teams.join("red", "bob");
        teams.write(board, "bob", walk(30, NOW), NOW);
        teams.leave("red", "ann");
        teams.write(board, "ann", walk(1_000, NOW), NOW);

        List<TeamScoring.Standing> standings = teams.rank(board, "all", Amount.SCALE);

        assertThat(standings).singleElement().satisfies(red -> {
            assertThat(red.teamId()).isEqualTo("red");
            assertThat(red.score()).isEqualByComparingTo("130");
            assertThat(red.members()).isEqualTo(1);
        });
    }

    @Test
    void anAverageDividesByTheMembersNowAndLeavesOutATeamWithNone() {
        TeamBoard board = board(new TeamBoard.RankBy.Points("xp"), TeamBoard.Aggregate.AVERAGE, PeriodKind.ALL_TIME);
        Teams teams = new Teams();
        teams.join("red", "ann");
        teams.join("red", "bob");
        teams.join("red", "cy");
        teams.join("blue", "dee");
        teams.join("gone", "eve");
        teams.write(board, "ann", walk(100, NOW), NOW);
        teams.write(board, "bob", walk(100, NOW), NOW);
        teams.write(board, "dee", walk(50, NOW), NOW);
        teams.write(board, "eve", walk(500, NOW), NOW);
        teams.leave("gone", "eve");

        List<TeamScoring.Standing> standings = teams.rank(board, "all", 0);

        assertThat(standings).extracting(TeamScoring.Standing::teamId).containsExactly("red", "blue");
        assertThat(standings.get(0).score()).isEqualTo(new BigDecimal("6.666667"));
        assertThat(standings.get(1).score()).isEqualTo(new BigDecimal("5"));
    }

    @Test
    void equalScoresShareARankAndListByTeamId() {
        List<TeamScoring.Standing> standings = TeamScoring.rank(TeamBoard.Aggregate.SUM, List.of(
                new TeamScoring.Total("c", "C", 100, 1), new TeamScoring.Total("a", "A", 300, 1),
                new TeamScoring.Total("d", "D", 100, 1), new TeamScoring.Total("b", "B", 300, 1),
                new TeamScoring.Total("e", "E", 50, 1)), 0);

        assertThat(standings).extracting(standing -> standing.rank() + " " + standing.teamId())
                .containsExactly("1 a", "1 b", "3 c", "3 d", "5 e");
        assertThat(standings.get(0).score().toPlainString()).isEqualTo("300");
    }

    @Test
    void periodsAreCutInTheBoardsTimezoneAcrossDaylightSavingTime() {
        TeamBoard daily = board(new TeamBoard.RankBy.Metric("steps"), TeamBoard.Aggregate.SUM, PeriodKind.DAILY);
        // 2026-10-25: Oslo goes back from UTC+2 to UTC+1 at 01:00 UTC; the day is 25 hours long
        Instant lateOn24th = Instant.parse("2026-10-24T21:59:00Z");
        Instant earlyOn25th = Instant.parse("2026-10-24T22:00:00Z");
        Instant lateOn25th = Instant.parse("2026-10-25T22:59:00Z");
        Instant earlyOn26th = Instant.parse("2026-10-25T23:00:00Z");

        assertThat(List.of(lateOn24th, earlyOn25th, lateOn25th, earlyOn26th)).extracting(at ->
                TeamScoring.contributions(List.of(daily), walk(1, at), at).getFirst().period().key())
                .containsExactly("2026-10-24", "2026-10-25", "2026-10-25", "2026-10-26");
        TeamScoring.Contribution day = TeamScoring.contributions(List.of(daily), walk(1, earlyOn25th), earlyOn25th)
                .getFirst();
        assertThat(day.period().start()).hasValue(earlyOn25th);
        assertThat(day.period().end()).hasValue(earlyOn26th);
    }

    @Test
    void aWriteThatMovesNothingContributesNothing() {
        TeamBoard points = board(new TeamBoard.RankBy.Points("xp"), TeamBoard.Aggregate.SUM, PeriodKind.ALL_TIME);

        assertThat(TeamScoring.contributions(List.of(points), walk(5, NOW), NOW)).as("5 steps earn no xp yet").isEmpty();
    }
}
