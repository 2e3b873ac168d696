package dev.ludus.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.engine.StreakPeriod.Length;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreaksTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    private static StreakRule daily(StreakRule.Freezes freezes) {
        return new StreakRule("walk", "Walk", Optional.empty(), Length.DAILY, DayOfWeek.MONDAY,
                List.of(new StreakRule.Condition("steps", Amount.of(1000))), true, freezes);
    }

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    /** A little driver: the user's state and every outcome so far. */
    private static final class User {
        final StreakRule rule;
        StreakState state;
        final List<Streaks.StreakOutcome> outcomes = new ArrayList<>();

        User(StreakRule rule) {
            this.rule = rule;
            this.state = StreakState.initial(rule);
        }

        User walk(int steps, Instant when, ZoneId zone) {
            state = Streaks.apply(rule, state, "steps", Amount.of(steps), when, zone, outcomes);
            return this;
        }

        StreakState at(Instant now, ZoneId zone) {
            return Streaks.advance(rule, state, now, zone, outcomes);
        }
    }

    @Test
    void consecutiveDaysExtendTheStreakOncePerDay() {
        User user = new User(daily(StreakRule.Freezes.NONE))
                .walk(600, at("2026-11-02T08:00", PARIS), PARIS)
                .walk(600, at("2026-11-02T20:00", PARIS), PARIS)
                .walk(5000, at("2026-11-02T21:00", PARIS), PARIS)
                .walk(1000, at("2026-11-03T07:00", PARIS), PARIS);

        assertThat(user.state.current()).isEqualTo(2);
        assertThat(user.outcomes).filteredOn(Streaks.Extended.class::isInstance).hasSize(2);
    }

    @Test
    void aMissedDayWithoutFreezesLosesTheStreak() {
        User user = new User(daily(StreakRule.Freezes.NONE))
                .walk(1000, at("2026-11-02T08:00", PARIS), PARIS)
                .walk(1000, at("2026-11-03T08:00", PARIS), PARIS)
                .walk(1000, at("2026-11-05T08:00", PARIS), PARIS);

        assertThat(user.state.current()).isEqualTo(1);
        assertThat(user.state.longest()).isEqualTo(2);
        assertThat(user.outcomes).filteredOn(Streaks.Lost.class::isInstance).singleElement()
                .satisfies(lost -> assertThat(((Streaks.Lost) lost).period().firstDay()).isEqualTo(LocalDate.of(2026, 11, 4)));
    }

    @Test
    void aFreezeCoversAMissedDayAndFreezesAreEarned() {
        User user = new User(daily(new StreakRule.Freezes(1, 2, 2)))
                .walk(1000, at("2026-11-02T08:00", PARIS), PARIS)
                .walk(1000, at("2026-11-03T08:00", PARIS), PARIS)
                .walk(1000, at("2026-11-05T08:00", PARIS), PARIS);

        assertThat(user.state.current()).isEqualTo(3);
        assertThat(user.outcomes).filteredOn(Streaks.FreezeEarned.class::isInstance).hasSize(1);
        assertThat(user.outcomes).filteredOn(Streaks.FreezeConsumed.class::isInstance).hasSize(1);
        assertThat(user.state.freezes()).isEqualTo(1);
    }

    @Test
    void streakAcrossTheSpringDstChangeKeepsItsDays() {
        User user = new User(daily(StreakRule.Freezes.NONE))
                .walk(1000, at("2026-03-28T23:30", PARIS), PARIS)
                .walk(1000, at("2026-03-29T23:30", PARIS), PARIS)
                .walk(1000, at("2026-03-30T00:30", PARIS), PARIS);

        assertThat(user.state.current()).isEqualTo(3);
        StreakPeriod shortDay = StreakPeriod.containing(at("2026-03-29T12:00", PARIS), PARIS, Length.DAILY, DayOfWeek.MONDAY);
        assertThat(shortDay.end().getEpochSecond() - shortDay.start().getEpochSecond()).isEqualTo(23 * 3600);
    }

    @Test
    void midnightDependsOnEachUsersTimezone() {
        Instant instant = Instant.parse("2026-11-02T14:30:00Z"); // 23:30 in Tokyo, 09:30 in New York
        Instant later = Instant.parse("2026-11-02T15:30:00Z");   // 00:30 next day in Tokyo, 10:30 in New York
        User tokyo = new User(daily(StreakRule.Freezes.NONE)).walk(1000, instant, TOKYO).walk(1000, later, TOKYO);
        User newYork = new User(daily(StreakRule.Freezes.NONE)).walk(1000, instant, NEW_YORK).walk(1000, later, NEW_YORK);

        assertThat(tokyo.state.current()).isEqualTo(2);
        assertThat(newYork.state.current()).isEqualTo(1);
    }

    @Test
    void weeklyStreakBreaksAtTheConfiguredWeekStart() {
        StreakRule weekly = new StreakRule("weekly", "Weekly", Optional.empty(), Length.WEEKLY, DayOfWeek.MONDAY,
                List.of(new StreakRule.Condition("steps", Amount.of(1000))), true, StreakRule.Freezes.NONE);
        User user = new User(weekly)
                .walk(1000, at("2026-11-08T22:00", PARIS), PARIS)   // Sunday: week of Monday 2 November
                .walk(1000, at("2026-11-09T07:00", PARIS), PARIS);  // Monday: the next week

        assertThat(user.state.current()).isEqualTo(2);
        assertThat(user.state.period().orElseThrow().firstDay()).isEqualTo(LocalDate.of(2026, 11, 9));
        StreakPeriod sundayStart = StreakPeriod.containing(at("2026-11-08T22:00", PARIS), PARIS, Length.WEEKLY,
                DayOfWeek.SUNDAY);
        assertThat(sundayStart.firstDay()).isEqualTo(LocalDate.of(2026, 11, 8));
    }

    @Test
    void anyOrAllConditions() {
        List<StreakRule.Condition> conditions = List.of(new StreakRule.Condition("steps", Amount.of(1000)),
                new StreakRule.Condition("water", Amount.of(8)));
        StreakRule all = new StreakRule("both", "Both", Optional.empty(), Length.DAILY, DayOfWeek.MONDAY, conditions,
                true, StreakRule.Freezes.NONE);
        StreakRule any = new StreakRule("either", "Either", Optional.empty(), Length.DAILY, DayOfWeek.MONDAY, conditions,
                false, StreakRule.Freezes.NONE);
        Instant now = at("2026-11-02T08:00", PARIS);

        assertThat(new User(all).walk(1000, now, PARIS).state.current()).isZero();
        assertThat(new User(any).walk(1000, now, PARIS).state.current()).isEqualTo(1);
    }

    @Test
    void movingWestNeitherLosesNorGainsADay() {
        User user = new User(daily(StreakRule.Freezes.NONE))
                .walk(1000, at("2026-11-02T20:00", TOKYO), TOKYO)
                // the flight lands in Los Angeles on the same calendar date, hours later
                .walk(1000, at("2026-11-02T10:00", LOS_ANGELES), LOS_ANGELES)
                .walk(1000, at("2026-11-03T10:00", LOS_ANGELES), LOS_ANGELES);

        assertThat(user.state.current()).isEqualTo(3);
        assertThat(user.outcomes).noneMatch(Streaks.Lost.class::isInstance);
    }

    @Test
    void movingEastDoesNotSkipADay() {
        User user = new User(daily(StreakRule.Freezes.NONE))
                .walk(1000, at("2026-11-02T09:00", LOS_ANGELES), LOS_ANGELES)
                // lands in Tokyo on 4 November local time: 3 November in Los Angeles has not ended unmet
                .walk(1000, at("2026-11-04T08:00", TOKYO), TOKYO);

        assertThat(user.outcomes).noneMatch(Streaks.Lost.class::isInstance);
        assertThat(user.state.current()).isEqualTo(2);
    }

    @Test
    void lateEventForAnEarlierPeriodDoesNotChangeTheStreak() {
        User user = new User(daily(StreakRule.Freezes.NONE))
                .walk(1000, at("2026-11-03T08:00", PARIS), PARIS)
                .walk(1000, at("2026-11-02T08:00", PARIS), PARIS);

        assertThat(user.state.current()).isEqualTo(1);
    }

    @Test
    void expiryAndRiskFollowTheCurrentPeriodAndTheFreezes() {
        StreakRule rule = daily(new StreakRule.Freezes(1, 0, 1));
        User user = new User(rule).walk(1000, at("2026-11-02T08:00", PARIS), PARIS);

        StreakState sameDay = user.at(at("2026-11-02T12:00", PARIS), PARIS);
        assertThat(Streaks.atRisk(sameDay)).isFalse();
        assertThat(Streaks.expiresAt(rule, sameDay, PARIS)).contains(at("2026-11-05T00:00", PARIS));

        StreakState nextDay = user.at(at("2026-11-03T12:00", PARIS), PARIS);
        assertThat(Streaks.atRisk(nextDay)).isTrue();
        assertThat(Streaks.expiresAt(rule, nextDay, PARIS)).contains(at("2026-11-05T00:00", PARIS));
    }
}
