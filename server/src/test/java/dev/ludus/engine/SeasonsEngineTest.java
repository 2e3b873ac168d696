package dev.ludus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Seasons of a points system: balances back to zero at each season's start, the final standing kept. */
class SeasonsEngineTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final MetricRule LESSONS = new MetricRule("lessons", "Lessons", Optional.empty(), false);

    private static Rules rules(Optional<Season> season, Optional<PointsSystem.Expiry> expiry) {
        PointsSystem xp = new PointsSystem("xp", LocalizedText.plain("XP"), Optional.empty(),
                List.of(new PointsTrigger.PerMetric("lessons", 10, Amount.ONE, Map.of())), OptionalLong.empty(),
                false, List.of(new Level("Bronze", 0), new Level("Silver", 20)), List.of(), expiry, season);
        return Rules.of(1, List.of(LESSONS), List.of(xp), List.of(), List.of());
    }

    /** Monthly seasons in Paris: March 2037 ends at 2037-03-31T22:00:00Z (summer time began on the 29th). */
    private static final Rules MONTHLY = rules(Optional.of(new Season(PeriodKind.MONTHLY, PARIS, DayOfWeek.MONDAY)),
            Optional.empty());
    private static final Instant END_OF_MARCH = Instant.parse("2037-03-31T22:00:00Z");

    private static Change lesson(Rules rules, UserState state, Instant at) {
        return Engine.applyEvent(rules, state, new Event("e-" + at, "lessons", Amount.ONE, Map.of(), at),
                ZoneOffset.UTC, at);
    }

    @Test
    void a_balance_belongs_to_the_season_it_was_earned_in_and_is_due_at_its_end() {
        UserState state = lesson(MONTHLY, UserState.EMPTY, Instant.parse("2037-03-10T12:00:00Z")).state();

        UserState.Balance xp = state.balance("xp");
        assertThat(xp.season()).hasValue(Instant.parse("2037-02-28T23:00:00Z"));
        assertThat(xp.due()).hasValue(END_OF_MARCH);
    }

    @Test
    void the_season_ends_exactly_at_its_end_in_its_timezone_keeping_the_final_standing() {
        UserState state = lesson(MONTHLY, UserState.EMPTY, Instant.parse("2037-03-10T12:00:00Z")).state();
        state = lesson(MONTHLY, state, Instant.parse("2037-03-31T21:59:59Z")).state();

        Change before = Engine.expire(MONTHLY, state, END_OF_MARCH.minusMillis(1));
        Change at = Engine.expire(MONTHLY, state, END_OF_MARCH);

        assertThat(before.outcomes()).isEmpty();
        Outcome.SeasonEnded ended = at.outcomes(Outcome.SeasonEnded.class).getFirst();
        assertThat(ended.system()).isEqualTo("xp");
        assertThat(ended.season().key()).isEqualTo("2037-03");
        assertThat(ended.season().end()).hasValue(END_OF_MARCH);
        assertThat(ended.balance()).isEqualTo(20);
        assertThat(ended.level()).map(Level.Reached::number).hasValue(2);
        assertThat(at.outcomes(Outcome.PointsChanged.class)).extracting(Outcome.PointsChanged::amount,
                Outcome.PointsChanged::balance, Outcome.PointsChanged::source, Outcome.PointsChanged::reference)
                .containsExactly(tuple(-20L, 0L, Outcome.Source.SEASON, Optional.of("2037-03")));
        assertThat(at.outcomes(Outcome.LevelChanged.class)).singleElement()
                .satisfies(level -> assertThat(level.current()).map(Level.Reached::number).hasValue(1));
        UserState.Balance xp = at.state().balance("xp");
        assertThat(xp.balance()).isZero();
        assertThat(xp.season()).hasValue(END_OF_MARCH);
        // a zero balance has nothing due: its next season begins with its next points
        assertThat(xp.due()).isEmpty();
        assertThat(Engine.expire(MONTHLY, at.state(), END_OF_MARCH.plusSeconds(1)).outcomes()).isEmpty();
    }

    @Test
    void a_write_in_a_new_season_ends_the_old_one_first_then_earns_in_the_new() {
        UserState state = lesson(MONTHLY, UserState.EMPTY, Instant.parse("2037-03-10T12:00:00Z")).state();

        // idle through April: the first write in May ends March's season (April had no points)
        Change may = lesson(MONTHLY, state, Instant.parse("2037-05-02T08:00:00Z"));

        assertThat(may.outcomes(Outcome.SeasonEnded.class)).extracting(ended -> ended.season().key())
                .containsExactly("2037-03");
        assertThat(may.outcomes(Outcome.PointsChanged.class)).extracting(Outcome.PointsChanged::source,
                Outcome.PointsChanged::amount, Outcome.PointsChanged::balance).containsExactly(
                tuple(Outcome.Source.SEASON, -10L, 0L), tuple(Outcome.Source.EVENT, 10L, 10L));
        assertThat(may.state().balance("xp").season()).hasValue(Instant.parse("2037-04-30T22:00:00Z"));
        assertThat(may.state().balance("xp").due()).hasValue(Instant.parse("2037-05-31T22:00:00Z"));
    }

    @Test
    void a_system_that_gains_seasons_starts_its_balances_in_the_current_season_without_a_reset() {
        UserState state = lesson(rules(Optional.empty(), Optional.empty()), UserState.EMPTY,
                Instant.parse("2037-01-10T12:00:00Z")).state();
        assertThat(state.balance("xp").season()).isEmpty();

        Change change = Engine.expire(MONTHLY, state, Instant.parse("2037-03-10T12:00:00Z"));

        assertThat(change.outcomes()).isEmpty();
        assertThat(change.state().balance("xp").balance()).isEqualTo(10);
        assertThat(change.state().balance("xp").season()).hasValue(Instant.parse("2037-02-28T23:00:00Z"));
        assertThat(change.state().balance("xp").due()).hasValue(END_OF_MARCH);
    }

    @Test
    void a_season_takes_expiring_lots_with_it_and_a_system_that_drops_seasons_keeps_the_balance() {
        Rules both = rules(Optional.of(new Season(PeriodKind.WEEKLY, ZoneOffset.UTC, DayOfWeek.MONDAY)),
                Optional.of(new PointsSystem.Expiry(30)));
        // Wednesday 2037-03-11; the week ends on Monday 2037-03-16 at midnight UTC, before any lot expires
        UserState state = lesson(both, UserState.EMPTY, Instant.parse("2037-03-11T12:00:00Z")).state();
        assertThat(state.balance("xp").due()).hasValue(Instant.parse("2037-03-16T00:00:00Z"));

        Change reset = Engine.expire(both, state, Instant.parse("2037-03-16T00:00:00Z"));
        assertThat(reset.state().balance("xp").lots()).isEmpty();
        assertThat(reset.outcomes(Outcome.PointsChanged.class)).extracting(Outcome.PointsChanged::source)
                .containsExactly(Outcome.Source.SEASON);

        Change dropped = Engine.expire(rules(Optional.empty(), Optional.empty()), state,
                Instant.parse("2037-04-01T00:00:00Z"));
        assertThat(dropped.outcomes()).isEmpty();
        assertThat(dropped.state().balance("xp").balance()).isEqualTo(10);
        assertThat(dropped.state().balance("xp").season()).isEmpty();
    }

    @Test
    void quarters_and_years_are_seasons_and_periods_too() {
        Period quarter = Period.at(PeriodKind.QUARTERLY, PARIS, DayOfWeek.MONDAY, Instant.parse("2037-05-20T10:00:00Z"));
        assertThat(quarter.key()).isEqualTo("2037-Q2");
        assertThat(quarter.start()).hasValue(Instant.parse("2037-03-31T22:00:00Z"));
        assertThat(quarter.end()).hasValue(Instant.parse("2037-06-30T22:00:00Z"));
        Period year = Period.at(PeriodKind.YEARLY, ZoneOffset.UTC, DayOfWeek.MONDAY, Instant.parse("2037-12-31T23:59:59Z"));
        assertThat(year.key()).isEqualTo("2037");
        assertThat(year.end()).hasValue(Instant.parse("2038-01-01T00:00:00Z"));
        assertThat(Period.at(PeriodKind.QUARTERLY, ZoneOffset.UTC, DayOfWeek.MONDAY, Instant.parse("2037-12-31T23:00:00Z"))
                .key()).isEqualTo("2037-Q4");
    }
}
