package dev.ludus.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.engine.Achievement.Criterion;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Earning caps across period boundaries in a timezone, and velocity guards that flag and hold a user. */
class FairPlayEngineTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final MetricRule LESSONS = new MetricRule("lessons", "Lessons", Optional.empty(), false);
    private static final MetricRule QUIZZES = new MetricRule("quizzes", "Quizzes", Optional.empty(), false);
    private static final Achievement FIVE = new Achievement("five", "Five", Optional.empty(), false,
            new Criterion.MetricTotal("lessons", Amount.of(5)), Optional.of(new Achievement.Reward("xp", 100)));

    private static PointsSystem xp(long perLesson, EarningCap... caps) {
        return new PointsSystem("xp", "XP", Optional.empty(), List.of(
                new PointsTrigger.PerMetric("lessons", perLesson, Amount.ONE, Map.of()),
                new PointsTrigger.PerMetric("quizzes", 5, Amount.ONE, Map.of())),
                OptionalLong.empty(), true, List.of(), List.of(caps));
    }

    private static EarningCap cap(String metric, long points, EarningCap.Period period) {
        return new EarningCap(Optional.ofNullable(metric), points, period);
    }

    private static Rules rules(PointsSystem system, MetricRule... metrics) {
        return Rules.of(1, List.of(metrics), List.of(system), List.of(), List.of());
    }

    /** The rules with an achievement at 5 lessons that pays 100 points. */
    private static Rules withFive(PointsSystem system, MetricRule... metrics) {
        return Rules.of(1, List.of(metrics), List.of(system), List.of(FIVE), List.of());
    }

    private static Change event(Rules rules, UserState state, String metric, long value, Instant at, ZoneId zone) {
        return Engine.applyEvent(rules, state, new Event("e-" + at, metric, Amount.of(value), Map.of(), at), zone, at);
    }

    private static Outcome.PointsChanged eventPoints(Change change) {
        return change.outcomes(Outcome.PointsChanged.class).stream()
                .filter(points -> points.source() == Outcome.Source.EVENT).findFirst().orElseThrow();
    }

    @Test
    void a_daily_cap_stops_at_its_points_and_opens_again_at_the_users_midnight() {
        Rules rules = rules(xp(7, cap("lessons", 50, EarningCap.Period.DAY)), LESSONS, QUIZZES);
        UserState state = UserState.EMPTY;
        // 2026-12-04 in Oslo (UTC+1): the day runs from 2026-12-03T23:00Z to 2026-12-04T23:00Z
        Instant morning = Instant.parse("2026-12-04T08:00:00Z");
        for (int i = 0; i < 7; i++) {
            state = event(rules, state, "lessons", 1, morning.plusSeconds(i), OSLO).state();
        }
        assertThat(state.balance("xp").balance()).isEqualTo(49);
        Change eighth = event(rules, state, "lessons", 1, morning.plusSeconds(10), OSLO);
        assertThat(eventPoints(eighth).amount()).isEqualTo(1);
        assertThat(eventPoints(eighth).capped()).isTrue();
        Outcome.EarningCapped capped = eighth.outcomes(Outcome.EarningCapped.class).getFirst();
        assertThat(capped.earned()).isEqualTo(50);
        assertThat(capped.resetsAt()).isEqualTo(Instant.parse("2026-12-04T23:00:00Z"));
        state = eighth.state();
        Change ninth = event(rules, state, "lessons", 1, Instant.parse("2026-12-04T22:59:59Z"), OSLO);
        assertThat(eventPoints(ninth).amount()).isZero();
        assertThat(eventPoints(ninth).capped()).isTrue();
        assertThat(ninth.state().total("lessons")).isEqualTo(Amount.of(9));
        assertThat(ninth.state().balance("xp").balance()).isEqualTo(50);
        // midnight in Oslo is 23:00 UTC: a new day, though UTC's is an hour away
        Change next = event(rules, ninth.state(), "lessons", 1, Instant.parse("2026-12-04T23:00:00Z"), OSLO);
        assertThat(eventPoints(next).amount()).isEqualTo(7);
        assertThat(eventPoints(next).capped()).isFalse();
        assertThat(next.outcomes(Outcome.EarningCapped.class)).isEmpty();
        // judged in UTC the same instant is in another day (2026-12-04 from 00:00Z): a user whose timezone
        // changes starts a new period
        Change utc = event(rules, ninth.state(), "lessons", 1, Instant.parse("2026-12-04T22:59:59Z"), ZoneOffset.UTC);
        assertThat(eventPoints(utc).amount()).isEqualTo(7);
    }

    @Test
    void a_day_of_25_hours_keeps_one_cap() {
        Rules rules = rules(xp(10, cap("lessons", 20, EarningCap.Period.DAY)), LESSONS, QUIZZES);
        // 2026-10-25 in Oslo: clocks go back, the day runs from 2026-10-24T22:00Z to 2026-10-25T23:00Z
        UserState state = event(rules, UserState.EMPTY, "lessons", 2, Instant.parse("2026-10-24T22:00:00Z"), OSLO).state();
        Change late = event(rules, state, "lessons", 1, Instant.parse("2026-10-25T22:30:00Z"), OSLO);
        assertThat(eventPoints(late).amount()).isZero();
        assertThat(late.outcomes(Outcome.EarningCapped.class).getFirst().resetsAt())
                .isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
        Change after = event(rules, late.state(), "lessons", 1, Instant.parse("2026-10-25T23:00:00Z"), OSLO);
        assertThat(eventPoints(after).amount()).isEqualTo(10);
    }

    @Test
    void hourly_and_weekly_caps_bind_together_and_the_week_starts_on_monday() {
        Rules rules = rules(xp(10, cap("lessons", 30, EarningCap.Period.HOUR), cap(null, 50, EarningCap.Period.WEEK)),
                LESSONS, QUIZZES);
        // Monday 2026-11-30 in Oslo starts at 2026-11-29T23:00Z
        Instant sunday = Instant.parse("2026-11-29T22:30:00Z");
        UserState state = UserState.EMPTY;
        for (int i = 0; i < 4; i++) {
            state = event(rules, state, "lessons", 1, sunday.plusSeconds(i), OSLO).state();
        }
        assertThat(state.balance("xp").balance()).as("the hour's cap").isEqualTo(30);
        Instant monday = Instant.parse("2026-11-29T23:00:00Z");
        for (int i = 0; i < 3; i++) {
            state = event(rules, state, "lessons", 1, monday.plusSeconds(i), OSLO).state();
        }
        assertThat(state.balance("xp").balance()).as("a new hour and a new week").isEqualTo(60);
        // the week's cap counts every metric: quizzes (5 each) fill it to 50 within the hour's room
        Change quiz = event(rules, state, "quizzes", 1, monday.plusSeconds(10), OSLO);
        assertThat(eventPoints(quiz).amount()).isEqualTo(5);
        state = quiz.state();
        for (int i = 11; i < 14; i++) {
            state = event(rules, state, "quizzes", 1, monday.plusSeconds(i), OSLO).state();
        }
        assertThat(state.balance("xp").balance()).isEqualTo(80);
        Change full = event(rules, state, "quizzes", 1, monday.plusSeconds(14), OSLO);
        assertThat(eventPoints(full).amount()).isZero();
        assertThat(full.outcomes(Outcome.EarningCapped.class).getFirst().cap().period()).isEqualTo(EarningCap.Period.WEEK);
        assertThat(full.outcomes(Outcome.EarningCapped.class).getFirst().resetsAt())
                .isEqualTo(Instant.parse("2026-12-06T23:00:00Z"));
        // a lesson an hour later: the hour's cap has room, the week's does not
        Change lesson = event(rules, full.state(), "lessons", 1, monday.plus(Duration.ofHours(1)), OSLO);
        assertThat(eventPoints(lesson).amount()).isZero();
        Change nextWeek = event(rules, lesson.state(), "lessons", 1, Instant.parse("2026-12-06T23:00:00Z"), OSLO);
        assertThat(eventPoints(nextWeek).amount()).isEqualTo(10);
    }

    @Test
    void caps_limit_what_events_earn_not_achievements_nor_points_taken_away() {
        PointsSystem system = new PointsSystem("xp", "XP", Optional.empty(), List.of(
                new PointsTrigger.PerMetric("lessons", 10, Amount.ONE, Map.of()),
                new PointsTrigger.PerMetric("quizzes", -3, Amount.ONE, Map.of())),
                OptionalLong.empty(), true, List.of(), List.of(cap(null, 20, EarningCap.Period.DAY)));
        Rules rules = withFive(system, LESSONS, QUIZZES);
        Instant at = Instant.parse("2026-12-04T10:00:00Z");
        Change change = event(rules, UserState.EMPTY, "lessons", 5, at, OSLO);
        assertThat(change.outcomes(Outcome.PointsChanged.class)).extracting(Outcome.PointsChanged::amount,
                Outcome.PointsChanged::source).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(20L, Outcome.Source.EVENT),
                        org.assertj.core.groups.Tuple.tuple(100L, Outcome.Source.ACHIEVEMENT));
        Change quiz = event(rules, change.state(), "quizzes", 2, at.plusSeconds(1), OSLO);
        assertThat(eventPoints(quiz).amount()).isEqualTo(-6);
        assertThat(eventPoints(quiz).capped()).isFalse();
        assertThat(quiz.state().balance("xp").balance()).isEqualTo(114);
    }

    @Test
    void a_velocity_guard_flags_the_event_past_its_limit_once() {
        MetricRule guarded = new MetricRule("lessons", "Lessons", Optional.empty(), false,
                Optional.of(new Velocity(3, Duration.ofSeconds(10), false)));
        Rules rules = rules(xp(1), guarded, QUIZZES);
        Instant at = Instant.parse("2026-12-04T10:00:00Z");
        UserState state = UserState.EMPTY;
        // three in ten seconds, then one more that leaves the first out of the window: no flag
        for (int i : new int[] {0, 4, 9, 10}) {
            Change change = event(rules, state, "lessons", 1, at.plusSeconds(i), OSLO);
            assertThat(change.outcomes(Outcome.UserFlagged.class)).as("event at +%d s", i).isEmpty();
            state = change.state();
        }
        assertThat(state.recent("lessons")).containsExactly(at.plusSeconds(4), at.plusSeconds(9), at.plusSeconds(10));
        Change fourth = event(rules, state, "lessons", 1, at.plusSeconds(13), OSLO);
        Flag flag = fourth.outcomes(Outcome.UserFlagged.class).getFirst().flag();
        assertThat(flag).isEqualTo(new Flag(at.plusSeconds(13), "lessons", 4, Duration.ofSeconds(10), false));
        assertThat(fourth.state().flag()).contains(flag);
        assertThat(fourth.state().recent()).isEmpty();
        // without hold the awards go on, and the flag is raised once
        assertThat(eventPoints(fourth).amount()).isEqualTo(1);
        Change fifth = event(rules, fourth.state(), "lessons", 1, at.plusSeconds(13), OSLO);
        assertThat(fifth.outcomes(Outcome.UserFlagged.class)).isEmpty();
        assertThat(eventPoints(fifth).amount()).isEqualTo(1);
    }

    @Test
    void a_guard_with_hold_stops_awards_until_the_flag_is_cleared() {
        MetricRule guarded = new MetricRule("lessons", "Lessons", Optional.empty(), false,
                Optional.of(new Velocity(2, Duration.ofSeconds(60), true)));
        Rules rules = withFive(xp(10), guarded, QUIZZES);
        Instant at = Instant.parse("2026-12-04T10:00:00Z");
        UserState state = event(rules, UserState.EMPTY, "lessons", 1, at, OSLO).state();
        state = event(rules, state, "lessons", 1, at.plusSeconds(1), OSLO).state();
        Change third = event(rules, state, "lessons", 1, at.plusSeconds(2), OSLO);
        assertThat(third.outcomes(Outcome.UserFlagged.class)).hasSize(1);
        assertThat(third.outcomes(Outcome.PointsChanged.class)).as("the flagging event earns nothing").isEmpty();
        assertThat(third.state().held()).isTrue();
        // held: totals count, nothing else (not even the achievement at 5, nor quizzes' points)
        state = third.state();
        for (int i = 3; i < 6; i++) {
            Change held = event(rules, state, "lessons", 1, at.plus(Duration.ofMinutes(i)), OSLO);
            assertThat(held.outcomes()).extracting(Object::getClass).containsExactly(Outcome.MetricTotalChanged.class);
            state = held.state();
        }
        assertThat(event(rules, state, "quizzes", 1, at.plus(Duration.ofMinutes(7)), OSLO).outcomes())
                .extracting(Object::getClass).containsExactly(Outcome.MetricTotalChanged.class);
        assertThat(state.total("lessons")).isEqualTo(Amount.of(6));
        assertThat(state.balance("xp").balance()).isEqualTo(20);
        assertThat(state.unlocked()).isEmpty();

        Change cleared = Engine.clearFlag(rules, state, at.plus(Duration.ofMinutes(8)));
        assertThat(cleared.outcomes()).containsExactly(new Outcome.FlagCleared(state.flag().orElseThrow()));
        assertThat(cleared.state().flag()).isEmpty();
        assertThat(Engine.clearFlag(rules, cleared.state(), at).outcomes()).as("clearing again").isEmpty();
        Change after = event(rules, cleared.state(), "lessons", 1, at.plus(Duration.ofMinutes(9)), OSLO);
        assertThat(eventPoints(after).amount()).isEqualTo(10);
        assertThat(after.outcomes(Outcome.AchievementUnlocked.class)).extracting(Outcome.AchievementUnlocked::key)
                .containsExactly("five");
        assertThat(after.state().recent("lessons")).as("counting starts again").containsExactly(
                at.plus(Duration.ofMinutes(9)));
    }
}
