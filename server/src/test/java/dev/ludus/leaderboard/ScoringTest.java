package dev.ludus.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.engine.Amount;
import dev.ludus.engine.Change;
import dev.ludus.engine.Outcome;
import dev.ludus.engine.PeriodKind;
import dev.ludus.engine.UserState;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which scores a write changes: pure, no server. */
class ScoringTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static LeaderboardRule board(LeaderboardRule.RankBy rankBy, PeriodKind period, Map<String, String> filter,
            Optional<Instant> startsAt, Optional<Instant> endsAt) {
        return new LeaderboardRule("b", dev.ludus.engine.LocalizedText.plain("b"), Optional.empty(), rankBy, period, UTC, DayOfWeek.MONDAY, startsAt, endsAt,
                filter);
    }

    private static LeaderboardRule steps(PeriodKind period) {
        return board(new LeaderboardRule.RankBy.Metric("steps"), period, Map.of(), Optional.empty(), Optional.empty());
    }

    private static Change totals(long steps) {
        return new Change(new UserState(Map.of("steps", Amount.of(steps)), Map.of(), Map.of()), List.of());
    }

    private static List<Scoring.Update> score(LeaderboardRule board, Change change, Instant occurredAt,
            Map<String, String> attributes) {
        return Scoring.updates(List.of(board), UserState.EMPTY, change,
                Optional.of(new Scoring.EventFacts("steps", Amount.of(5), occurredAt)), attributes, NOW);
    }

    @Test
    void allTimeMetricBoardHoldsTheTotal() {
        List<Scoring.Update> updates = score(steps(PeriodKind.ALL_TIME), totals(42), NOW, Map.of());

        assertThat(updates).singleElement().satisfies(update -> {
            assertThat(update.period().key()).isEqualTo("all");
            assertThat(update.op()).isEqualTo(new Scoring.Op.Set(Amount.of(42).micros()));
        });
    }

    @Test
    void dailyMetricBoardAddsTheValueToTheDayOfOccurredAt() {
        List<Scoring.Update> updates = score(steps(PeriodKind.DAILY), totals(42), NOW.minus(Duration.ofHours(1)),
                Map.of());

        assertThat(updates).singleElement().satisfies(update -> {
            assertThat(update.period().key()).isEqualTo("2026-12-01");
            assertThat(update.op()).isEqualTo(new Scoring.Op.Add(Amount.of(5).micros()));
        });
    }

    @Test
    void eventOfAFinishedDayChangesNothing() {
        assertThat(score(steps(PeriodKind.DAILY), totals(42), NOW.minus(Duration.ofDays(1)), Map.of())).isEmpty();
    }

    @Test
    void updatesOutsideStartAndEndChangeNothing() {
        LeaderboardRule later = board(new LeaderboardRule.RankBy.Metric("steps"), PeriodKind.DAILY, Map.of(),
                Optional.of(NOW.plusSeconds(1)), Optional.empty());
        LeaderboardRule ended = board(new LeaderboardRule.RankBy.Metric("steps"), PeriodKind.ALL_TIME, Map.of(),
                Optional.empty(), Optional.of(NOW));

        assertThat(score(later, totals(1), NOW, Map.of())).isEmpty();
        assertThat(score(ended, totals(1), NOW.minusSeconds(1), Map.of())).isEmpty();
    }

    @Test
    void filterAdmitsOnlyMatchingAttributes() {
        LeaderboardRule france = board(new LeaderboardRule.RankBy.Metric("steps"), PeriodKind.ALL_TIME,
                Map.of("country", "FR"), Optional.empty(), Optional.empty());

        assertThat(score(france, totals(1), NOW, Map.of("country", "FR"))).hasSize(1);
        assertThat(score(france, totals(1), NOW, Map.of("country", "DE"))).isEmpty();
        assertThat(score(france, totals(1), NOW, Map.of())).isEmpty();
    }

    @Test
    void pointsBoardSumsTheChangesOfItsSystem() {
        LeaderboardRule weekly = board(new LeaderboardRule.RankBy.Points("xp"), PeriodKind.WEEKLY, Map.of(),
                Optional.empty(), Optional.empty());
        Change change = new Change(new UserState(Map.of(), Map.of("xp", new UserState.Balance(30, Map.of())), Map.of()),
                List.of(new Outcome.PointsChanged("xp", 10, 20, false, Outcome.Source.EVENT, Optional.empty()),
                        new Outcome.PointsChanged("xp", 10, 30, false, Outcome.Source.ACHIEVEMENT, Optional.empty()),
                        new Outcome.PointsChanged("gold", 7, 7, false, Outcome.Source.EVENT, Optional.empty())));

        List<Scoring.Update> updates = Scoring.updates(List.of(weekly), UserState.EMPTY, change, Optional.empty(),
                Map.of(), NOW);

        assertThat(updates).singleElement().satisfies(update -> {
            assertThat(update.period().key()).isEqualTo("2026-11-30");
            assertThat(update.op()).isEqualTo(new Scoring.Op.Add(20));
        });
    }

    @Test
    void otherMetricsAndUnchangedStreaksChangeNothing() {
        LeaderboardRule distance = board(new LeaderboardRule.RankBy.Metric("distance"), PeriodKind.ALL_TIME, Map.of(),
                Optional.empty(), Optional.empty());
        LeaderboardRule streak = board(new LeaderboardRule.RankBy.Streak("walk"), PeriodKind.ALL_TIME, Map.of(),
                Optional.empty(), Optional.empty());

        assertThat(score(distance, totals(1), NOW, Map.of())).isEmpty();
        assertThat(score(streak, totals(1), NOW, Map.of())).isEmpty();
    }
}
