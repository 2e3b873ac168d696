package dev.ludus.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Points that expire: lots by day, spending from the oldest first, expiry exactly at the lifetime. */
class ExpiringPointsEngineTest {

    private static final MetricRule LESSONS = new MetricRule("lessons", "Lessons", Optional.empty(), false);
    private static final Instant DAY_ONE = Instant.parse("2037-01-10T15:00:00Z");

    private static PointsSystem coins(boolean allowNegative, Optional<PointsSystem.Expiry> expiry) {
        return new PointsSystem("coins", LocalizedText.plain("Coins"), Optional.empty(),
                List.of(new PointsTrigger.PerMetric("lessons", 10, Amount.ONE, Map.of())), OptionalLong.empty(),
                allowNegative, List.of(new Level("Bronze", 0), new Level("Silver", 20)), List.of(), expiry);
    }

    private static Rules rules(PointsSystem system) {
        return Rules.of(1, List.of(LESSONS), List.of(system), List.of(), List.of());
    }

    private static final Rules THIRTY_DAYS = rules(coins(false, Optional.of(new PointsSystem.Expiry(30))));

    private static Change lesson(Rules rules, UserState state, Instant at) {
        return Engine.applyEvent(rules, state, new Event("e-" + at, "lessons", Amount.ONE, Map.of(), at),
                ZoneOffset.UTC, at);
    }

    private static List<UserState.Lot> lots(UserState state) {
        return state.balance("coins").lots();
    }

    private static List<Outcome.PointsChanged> expired(Change change) {
        return change.outcomes(Outcome.PointsChanged.class).stream()
                .filter(points -> points.source() == Outcome.Source.EXPIRY).toList();
    }

    @Test
    void points_of_one_day_make_one_lot_that_expires_a_lifetime_after_that_day() {
        UserState state = lesson(THIRTY_DAYS, UserState.EMPTY, DAY_ONE).state();
        state = lesson(THIRTY_DAYS, state, DAY_ONE.plusSeconds(3_600)).state();
        state = lesson(THIRTY_DAYS, state, Instant.parse("2037-01-11T00:00:00Z")).state();

        assertThat(state.balance("coins").balance()).isEqualTo(30);
        assertThat(lots(state)).containsExactly(
                new UserState.Lot(LocalDate.parse("2037-01-10"), 20, Instant.parse("2037-02-10T00:00:00Z")),
                new UserState.Lot(LocalDate.parse("2037-01-11"), 10, Instant.parse("2037-02-11T00:00:00Z")));
        assertThat(state.balance("coins").due()).hasValue(Instant.parse("2037-02-10T00:00:00Z"));
    }

    @Test
    void a_lot_expires_exactly_at_its_lifetime_and_not_a_millisecond_before() {
        UserState state = lesson(THIRTY_DAYS, UserState.EMPTY, DAY_ONE).state();
        state = lesson(THIRTY_DAYS, state, DAY_ONE.plusSeconds(60)).state();
        Instant expiry = Instant.parse("2037-02-10T00:00:00Z");

        Change before = Engine.expire(THIRTY_DAYS, state, expiry.minusMillis(1));
        Change at = Engine.expire(THIRTY_DAYS, state, expiry);

        assertThat(before.outcomes()).isEmpty();
        assertThat(before.state()).isEqualTo(state);
        assertThat(expired(at)).singleElement().satisfies(points -> {
            assertThat(points.amount()).isEqualTo(-20);
            assertThat(points.balance()).isZero();
            assertThat(points.reference()).isEmpty();
        });
        assertThat(at.outcomes(Outcome.LevelChanged.class)).singleElement()
                .satisfies(level -> assertThat(level.current()).map(Level.Reached::number).hasValue(1));
        assertThat(lots(at.state())).isEmpty();
        // expired once: nothing is left to expire
        assertThat(Engine.expire(THIRTY_DAYS, at.state(), expiry.plusSeconds(1)).outcomes()).isEmpty();
    }

    @Test
    void spending_takes_the_oldest_points_first() {
        UserState state = lesson(THIRTY_DAYS, UserState.EMPTY, DAY_ONE).state();
        state = lesson(THIRTY_DAYS, state, DAY_ONE.plusSeconds(86_400)).state();
        state = lesson(THIRTY_DAYS, state, DAY_ONE.plusSeconds(2 * 86_400)).state();

        state = Engine.adjust(THIRTY_DAYS, state, "coins", -15, DAY_ONE.plusSeconds(2 * 86_400)).state();

        assertThat(state.balance("coins").balance()).isEqualTo(15);
        assertThat(lots(state)).extracting(UserState.Lot::day, UserState.Lot::points).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2037-01-11"), 5L),
                org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2037-01-12"), 10L));
        // the first day's lot was spent: at its expiry nothing goes; the second's 5 go a day later
        assertThat(Engine.expire(THIRTY_DAYS, state, Instant.parse("2037-02-10T00:00:00Z")).outcomes()).isEmpty();
        Change second = Engine.expire(THIRTY_DAYS, state, Instant.parse("2037-02-11T00:00:00Z"));
        assertThat(expired(second)).extracting(Outcome.PointsChanged::amount).containsExactly(-5L);
        assertThat(second.state().balance("coins").balance()).isEqualTo(10);
    }

    @Test
    void any_write_expires_first_and_then_does_its_own_work() {
        UserState state = lesson(THIRTY_DAYS, UserState.EMPTY, DAY_ONE).state();

        Change later = lesson(THIRTY_DAYS, state, Instant.parse("2037-03-01T09:00:00Z"));

        List<Outcome.PointsChanged> changes = later.outcomes(Outcome.PointsChanged.class);
        assertThat(changes).extracting(Outcome.PointsChanged::source, Outcome.PointsChanged::amount,
                Outcome.PointsChanged::balance).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Outcome.Source.EXPIRY, -10L, 0L),
                org.assertj.core.groups.Tuple.tuple(Outcome.Source.EVENT, 10L, 10L));
        assertThat(lots(later.state())).extracting(UserState.Lot::day).containsExactly(LocalDate.parse("2037-03-01"));
    }

    @Test
    void lots_follow_the_balance_above_zero_when_it_may_go_negative() {
        Rules negative = rules(coins(true, Optional.of(new PointsSystem.Expiry(30))));
        UserState state = lesson(negative, UserState.EMPTY, DAY_ONE).state();
        state = Engine.adjust(negative, state, "coins", -25, DAY_ONE).state();
        assertThat(state.balance("coins").balance()).isEqualTo(-15);
        assertThat(lots(state)).isEmpty();

        state = lesson(negative, state, DAY_ONE.plusSeconds(86_400)).state();
        state = lesson(negative, state, DAY_ONE.plusSeconds(86_400)).state();

        // 20 earned, of which 15 paid the debt: 5 are above zero, in one lot
        assertThat(state.balance("coins").balance()).isEqualTo(5);
        assertThat(lots(state)).extracting(UserState.Lot::points).containsExactly(5L);
    }

    @Test
    void points_of_a_system_that_stops_expiring_are_kept_and_its_lots_forgotten() {
        UserState state = lesson(THIRTY_DAYS, UserState.EMPTY, DAY_ONE).state();
        Rules forever = rules(coins(false, Optional.empty()));

        Change change = Engine.expire(forever, state, Instant.parse("2037-06-01T00:00:00Z"));

        assertThat(change.outcomes()).isEmpty();
        assertThat(change.state().balance("coins").balance()).isEqualTo(10);
        assertThat(lots(change.state())).isEmpty();
    }

    private static final Rules NOTICE_SEVEN_DAYS = rules(coins(false,
            Optional.of(new PointsSystem.Expiry(30, java.util.OptionalInt.of(7)))));

    @Test
    void a_notice_comes_once_per_lot_exactly_its_notice_before_the_lot_expires() {
        UserState state = lesson(NOTICE_SEVEN_DAYS, UserState.EMPTY, DAY_ONE).state();
        state = lesson(NOTICE_SEVEN_DAYS, state, DAY_ONE.plusSeconds(86_400)).state();
        // the first lot expires at 2037-02-10T00:00Z: its notice is due seven days (of 24 hours) before
        Instant notice = Instant.parse("2037-02-03T00:00:00Z");
        assertThat(state.balance("coins").due()).hasValue(notice);

        Change early = Engine.expire(NOTICE_SEVEN_DAYS, state, notice.minusMillis(1));
        Change due = Engine.expire(NOTICE_SEVEN_DAYS, state, notice);

        assertThat(early.outcomes()).isEmpty();
        assertThat(due.outcomes()).singleElement().isEqualTo(new Outcome.PointsExpiring("coins", 10,
                Instant.parse("2037-02-10T00:00:00Z"), 20));
        assertThat(lots(due.state())).extracting(UserState.Lot::noticed).containsExactly(true, false);
        // next due: the second lot's notice, then the first lot's expiry
        assertThat(due.state().balance("coins").due()).hasValue(Instant.parse("2037-02-04T00:00:00Z"));
        assertThat(Engine.expire(NOTICE_SEVEN_DAYS, due.state(), notice.plusSeconds(60)).outcomes()).isEmpty();

        Change second = Engine.expire(NOTICE_SEVEN_DAYS, due.state(), Instant.parse("2037-02-04T00:00:00Z"));
        assertThat(second.outcomes(Outcome.PointsExpiring.class)).extracting(Outcome.PointsExpiring::points)
                .containsExactly(10L);
        assertThat(second.state().balance("coins").due()).hasValue(Instant.parse("2037-02-10T00:00:00Z"));
    }

    @Test
    void a_lot_spent_before_its_notice_gets_none_and_one_partly_spent_is_noticed_with_what_is_left() {
        UserState state = lesson(NOTICE_SEVEN_DAYS, UserState.EMPTY, DAY_ONE).state();
        state = lesson(NOTICE_SEVEN_DAYS, state, DAY_ONE.plusSeconds(86_400)).state();
        state = Engine.adjust(NOTICE_SEVEN_DAYS, state, "coins", -14, DAY_ONE.plusSeconds(86_400)).state();

        Change change = Engine.expire(NOTICE_SEVEN_DAYS, state, Instant.parse("2037-02-05T00:00:00Z"));

        assertThat(change.outcomes()).singleElement().isEqualTo(new Outcome.PointsExpiring("coins", 6,
                Instant.parse("2037-02-11T00:00:00Z"), 6));
    }

    @Test
    void a_notice_cannot_come_earlier_than_the_lifetime_or_before_a_day() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PointsSystem.Expiry(30,
                java.util.OptionalInt.of(31))).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PointsSystem.Expiry(30,
                java.util.OptionalInt.of(0))).isInstanceOf(IllegalArgumentException.class);
    }
}
