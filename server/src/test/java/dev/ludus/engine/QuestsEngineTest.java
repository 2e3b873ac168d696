package dev.ludus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.engine.Achievement.Criterion;
import dev.ludus.engine.Outcome.PointsChanged;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Quests in the engine: steps in order or not, fixed and recurring windows in a timezone, opt-in, prizes. */
class QuestsEngineTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-12-08T00:00:00Z");
    private static final MetricRule LESSONS = new MetricRule("lessons", "Lessons", Optional.empty(), true);
    private static final MetricRule QUIZZES = new MetricRule("quizzes", "Quizzes", Optional.empty(), false);
    private static final PointsSystem XP = new PointsSystem("xp", "XP", Optional.empty(), List.of(),
            OptionalLong.empty(), false, List.of());
    private static final Achievement FIRST = new Achievement("first", "First", Optional.empty(), false,
            new Criterion.MetricTotal("lessons", Amount.of(1)), Optional.empty());
    private static final Achievement CHAMPION = new Achievement("champion", "Champion", Optional.empty(), false,
            new Criterion.ApiCall(), Optional.empty());
    private static final Quest.Prize FIFTY_XP = new Quest.Prize(Optional.of(new Achievement.Reward("xp", 50)),
            Optional.empty());

    private static Quest quest(String key, boolean ordered, Quest.Window window, boolean optIn, Quest.Prize prize,
            Quest.Step... steps) {
        return new Quest(key, key, Optional.empty(), List.of(steps), ordered, window, optIn, prize);
    }

    private static Quest.Step lessons(String key, long total) {
        return new Quest.MetricStep(key, "lessons", Amount.of(total));
    }

    private static Quest.Step quizzes(String key, long total) {
        return new Quest.MetricStep(key, "quizzes", Amount.of(total));
    }

    private static final Quest.Fixed WEEK = new Quest.Fixed(START, END);
    private static final Quest.Recurring DAILY = new Quest.Recurring(StreakPeriod.Length.DAILY, DayOfWeek.MONDAY);

    private static Rules rules(Quest... quests) {
        return Rules.of(1, List.of(LESSONS, QUIZZES), List.of(XP), List.of(FIRST, CHAMPION), List.of(), List.of(quests));
    }

    private static Change event(Rules rules, UserState state, String metric, long value, Instant at, ZoneId zone) {
        return Engine.applyEvent(rules, state, new Event("e-" + at, metric, Amount.of(value), Map.of(), at), zone, at);
    }

    private static Change event(Rules rules, UserState state, String metric, long value, Instant at) {
        return event(rules, state, metric, value, at, ZoneOffset.UTC);
    }

    private static List<Quests.QuestOutcome> quests(Change change) {
        return change.outcomes(Outcome.QuestChanged.class).stream().map(Outcome.QuestChanged::change).toList();
    }

    @Test
    void anyOrderCountsAnEventTowardEveryStepOnItsMetricAndPaysThePrizeOnce() {
        Rules rules = rules(quest("warmup", false, WEEK, false, FIFTY_XP, lessons("read", 3), quizzes("quiz", 1)));
        Instant at = START.plusSeconds(3600);

        Change first = event(rules, UserState.EMPTY, "quizzes", 1, at);
        Change second = event(rules, first.state(), "lessons", 2, at.plusSeconds(1));
        Change third = event(rules, second.state(), "lessons", 1, at.plusSeconds(2));
        Change fourth = event(rules, third.state(), "lessons", 5, at.plusSeconds(3));

        Quest.Span window = new Quest.Span(START, END);
        assertThat(quests(first)).containsExactly(new Quests.StepCompleted("warmup", "quiz", 1, 2, window, at));
        assertThat(quests(second)).isEmpty();
        assertThat(second.state().quest("warmup").progress("read")).isEqualTo(Amount.of(2));
        assertThat(quests(third)).containsExactly(
                new Quests.StepCompleted("warmup", "read", 2, 2, window, at.plusSeconds(2)),
                new Quests.Completed("warmup", window, 2, at.plusSeconds(2), FIFTY_XP));
        assertThat(third.outcomes(PointsChanged.class)).containsExactly(new PointsChanged("xp", 50, 50, false,
                Outcome.Source.QUEST, Optional.of("warmup")));
        assertThat(quests(fourth)).isEmpty();
        assertThat(fourth.outcomes(PointsChanged.class)).isEmpty();
        assertThat(fourth.state().quest("warmup").status()).isEqualTo(QuestState.Status.COMPLETED);
    }

    @Test
    void anOrderedQuestCountsEventsOnlyTowardTheFirstUnfinishedStepAndCarriesNoSurplus() {
        Rules rules = rules(quest("path", true, WEEK, false, Quest.Prize.NONE, lessons("read", 2), quizzes("quiz", 2),
                lessons("more", 1)));
        Instant at = START.plusSeconds(60);

        Change early = event(rules, UserState.EMPTY, "quizzes", 5, at);
        Change read = event(rules, early.state(), "lessons", 3, at.plusSeconds(1));
        Change quiz = event(rules, read.state(), "quizzes", 2, at.plusSeconds(2));
        Change more = event(rules, quiz.state(), "lessons", 1, at.plusSeconds(3));

        assertThat(quests(early)).isEmpty();
        assertThat(early.state().quest("path").progress("quiz")).isEqualTo(Amount.ZERO);
        assertThat(quests(read)).extracting(outcome -> ((Quests.StepCompleted) outcome).step()).containsExactly("read");
        assertThat(read.state().quest("path").progress("more")).as("the surplus of 'read' does not carry over")
                .isEqualTo(Amount.ZERO);
        assertThat(quests(quiz)).extracting(outcome -> ((Quests.StepCompleted) outcome).step()).containsExactly("quiz");
        assertThat(quests(more)).hasSize(2).last().isInstanceOf(Quests.Completed.class);
    }

    @Test
    void aStepCompletesOnceEvenWhenItsTotalFallsAndRisesAgain() {
        Rules rules = rules(quest("q", false, WEEK, false, Quest.Prize.NONE, lessons("read", 2), quizzes("quiz", 1)));
        Instant at = START.plusSeconds(60);

        Change done = event(rules, UserState.EMPTY, "lessons", 2, at);
        Change down = event(rules, done.state(), "lessons", -2, at.plusSeconds(1));
        Change again = event(rules, down.state(), "lessons", 3, at.plusSeconds(2));

        assertThat(quests(done)).hasSize(1);
        assertThat(quests(down)).isEmpty();
        assertThat(quests(again)).isEmpty();
        assertThat(again.state().quest("q").stepsDone()).containsEntry("read", at);
    }

    @Test
    void eventsOutsideAFixedWindowDoNotCountAndItExpiresOnceAtItsEnd() {
        Rules rules = rules(quest("week", false, WEEK, false, FIFTY_XP, lessons("read", 5)));

        Change before = event(rules, UserState.EMPTY, "lessons", 4, START.minusMillis(1));
        Change inside = event(rules, before.state(), "lessons", 4, START);
        Change atEnd = event(rules, inside.state(), "lessons", 4, END);
        Change after = event(rules, atEnd.state(), "lessons", 4, END.plusSeconds(60));

        assertThat(before.state().quests()).isEmpty();
        assertThat(inside.state().quest("week").progress("read")).isEqualTo(Amount.of(4));
        assertThat(quests(atEnd)).containsExactly(new Quests.Expired("week", new Quest.Span(START, END), 0, 1));
        assertThat(atEnd.state().quest("week").status()).isEqualTo(QuestState.Status.EXPIRED);
        assertThat(quests(after)).isEmpty();
        assertThat(after.outcomes(PointsChanged.class)).isEmpty();
    }

    @Test
    void aDailyWindowIsTheUsersLocalDayAndLasts25HoursWhenClocksGoBack() {
        Rules rules = rules(quest("daily", false, DAILY, false, Quest.Prize.NONE, lessons("read", 2)));
        // 2026-10-25 in Oslo: 00:00 CEST (22:00Z the day before) to 00:00 CET (23:00Z)
        Instant morning = Instant.parse("2026-10-24T22:30:00Z");
        Instant lateEvening = Instant.parse("2026-10-25T22:30:00Z");

        Change first = event(rules, UserState.EMPTY, "lessons", 1, morning, OSLO);
        Change second = event(rules, first.state(), "lessons", 1, lateEvening, OSLO);

        Quest.Span day = new Quest.Span(Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(quests(second)).containsExactly(new Quests.StepCompleted("daily", "read", 1, 1, day, lateEvening),
                new Quests.Completed("daily", day, 1, lateEvening, Quest.Prize.NONE));
        // in UTC the same two events fall on two days: the first day expires unfinished
        Change utcFirst = event(rules, UserState.EMPTY, "lessons", 1, morning);
        Change utcSecond = event(rules, utcFirst.state(), "lessons", 1, lateEvening);
        assertThat(quests(utcSecond)).containsExactly(new Quests.Expired("daily",
                new Quest.Span(Instant.parse("2026-10-24T00:00:00Z"), Instant.parse("2026-10-25T00:00:00Z")), 0, 1));
    }

    @Test
    void aDailyWindowLasts23HoursWhenClocksGoForward() {
        Rules rules = rules(quest("daily", false, DAILY, false, Quest.Prize.NONE, lessons("read", 5)));
        Instant at = Instant.parse("2026-03-29T12:00:00Z");

        Change change = event(rules, UserState.EMPTY, "lessons", 1, at, OSLO);

        assertThat(change.state().quest("daily").window()).contains(new Quest.Span(
                Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z")));
    }

    @Test
    void aRecurringQuestExpiresTheUnfinishedWindowAndCountsTheNextOneAfresh() {
        Rules rules = rules(quest("daily", false, DAILY, false, FIFTY_XP, lessons("read", 3)));
        Instant monday = Instant.parse("2026-12-07T09:00:00Z");
        Instant tuesday = monday.plusSeconds(86_400);
        Instant wednesday = tuesday.plusSeconds(86_400);

        Change first = event(rules, UserState.EMPTY, "lessons", 2, monday);
        Change second = event(rules, first.state(), "lessons", 3, tuesday);
        Change third = event(rules, second.state(), "lessons", 3, wednesday);

        Quest.Span mondaySpan = new Quest.Span(Instant.parse("2026-12-07T00:00:00Z"), Instant.parse("2026-12-08T00:00:00Z"));
        Quest.Span tuesdaySpan = new Quest.Span(mondaySpan.end(), Instant.parse("2026-12-09T00:00:00Z"));
        assertThat(quests(second)).containsExactly(new Quests.Expired("daily", mondaySpan, 0, 1),
                new Quests.StepCompleted("daily", "read", 1, 1, tuesdaySpan, tuesday),
                new Quests.Completed("daily", tuesdaySpan, 1, tuesday, FIFTY_XP));
        assertThat(quests(third)).as("a completed window does not expire; the next completes again")
                .extracting(Object::getClass).containsExactly(Quests.StepCompleted.class, Quests.Completed.class);
        assertThat(third.state().balance("xp").balance()).isEqualTo(100);
    }

    @Test
    void aWeeklyWindowStartsOnItsWeekStartInTheUsersTimezone() {
        Rules rules = rules(quest("weekly", false, new Quest.Recurring(StreakPeriod.Length.WEEKLY, DayOfWeek.SUNDAY),
                false, Quest.Prize.NONE, lessons("read", 10)));
        Instant wednesday = Instant.parse("2026-12-09T12:00:00Z");

        Change change = event(rules, UserState.EMPTY, "lessons", 1, wednesday, OSLO);

        assertThat(change.state().quest("weekly").window()).contains(new Quest.Span(
                Instant.parse("2026-12-05T23:00:00Z"), Instant.parse("2026-12-12T23:00:00Z")));
    }

    @Test
    void aLateEventFromBeforeTheCurrentWindowDoesNotCount() {
        Rules rules = rules(quest("daily", false, DAILY, false, Quest.Prize.NONE, lessons("read", 3)));
        Instant tuesday = Instant.parse("2026-12-08T09:00:00Z");

        Change current = event(rules, UserState.EMPTY, "lessons", 1, tuesday);
        Change late = Engine.applyEvent(rules, current.state(), new Event("late", "lessons", Amount.of(5), Map.of(),
                tuesday.minusSeconds(86_400)), ZoneOffset.UTC, tuesday.plusSeconds(60));

        assertThat(quests(late)).isEmpty();
        assertThat(late.state().quest("daily")).isEqualTo(current.state().quest("daily"));
    }

    @Test
    void anOptInQuestCountsOnlyEventsAfterTheUserJoined() {
        Rules rules = rules(quest("club", false, WEEK, true, Quest.Prize.NONE, lessons("read", 2)));
        Instant at = START.plusSeconds(3600);

        Change before = event(rules, UserState.EMPTY, "lessons", 5, at);
        Change joined = Engine.joinQuest(rules, before.state(), "club", ZoneOffset.UTC, at.plusSeconds(10));
        Change backdated = Engine.applyEvent(rules, joined.state(), new Event("old", "lessons", Amount.of(5), Map.of(),
                at.plusSeconds(5)), ZoneOffset.UTC, at.plusSeconds(20));
        Change after = event(rules, backdated.state(), "lessons", 2, at.plusSeconds(30));
        Change again = Engine.joinQuest(rules, after.state(), "club", ZoneOffset.UTC, at.plusSeconds(40));

        assertThat(before.state().quests()).isEmpty();
        assertThat(joined.state().quest("club").joinedAt()).contains(at.plusSeconds(10));
        assertThat(quests(backdated)).isEmpty();
        assertThat(quests(after)).extracting(Object::getClass)
                .containsExactly(Quests.StepCompleted.class, Quests.Completed.class);
        assertThat(again.state()).isEqualTo(after.state());
        assertThat(again.outcomes()).isEmpty();
    }

    @Test
    void joiningAFixedQuestThatEndedIsRefusedAndAnUnknownOneIsNotFound() {
        Rules rules = rules(quest("club", false, WEEK, true, Quest.Prize.NONE, lessons("read", 2)));

        assertThatThrownBy(() -> Engine.joinQuest(rules, UserState.EMPTY, "club", ZoneOffset.UTC, END))
                .isInstanceOfSatisfying(Refusal.class, refusal ->
                        assertThat(refusal.reason()).isEqualTo(Refusal.Reason.QUEST_ENDED));
        assertThatThrownBy(() -> Engine.joinQuest(rules, UserState.EMPTY, "nope", ZoneOffset.UTC, START))
                .isInstanceOfSatisfying(Refusal.class, refusal ->
                        assertThat(refusal.reason()).isEqualTo(Refusal.Reason.UNKNOWN_QUEST));
    }

    @Test
    void anAchievementStepCountsWhatTheUserHoldsAndAPrizeAchievementCompletesAnotherQuest() {
        Quest.Prize champion = new Quest.Prize(Optional.empty(), Optional.of("champion"));
        Rules rules = rules(
                quest("a_first", true, WEEK, false, champion, new Quest.AchievementStep("unlock", "first"),
                        quizzes("quiz", 1)),
                quest("b_crown", false, WEEK, false, FIFTY_XP, new Quest.AchievementStep("crowned", "champion")));
        Instant at = START.plusSeconds(60);

        Change unlocked = event(rules, UserState.EMPTY, "lessons", 1, at);
        Change quiz = event(rules, unlocked.state(), "quizzes", 1, at.plusSeconds(1));

        assertThat(quests(unlocked)).containsExactly(new Quests.StepCompleted("a_first", "unlock", 1, 2,
                new Quest.Span(START, END), at));
        assertThat(quests(quiz)).extracting(Quests.QuestOutcome::quest, Object::getClass).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a_first", Quests.StepCompleted.class),
                org.assertj.core.groups.Tuple.tuple("a_first", Quests.Completed.class),
                org.assertj.core.groups.Tuple.tuple("b_crown", Quests.StepCompleted.class),
                org.assertj.core.groups.Tuple.tuple("b_crown", Quests.Completed.class));
        assertThat(quiz.state().unlocked()).containsKey("champion");
        assertThat(quiz.state().balance("xp").balance()).isEqualTo(50);
    }

    @Test
    void anAutomaticQuestKeepsNoStateForEventsThatDoNotConcernIt() {
        Rules rules = rules(quest("quiz", false, WEEK, false, Quest.Prize.NONE, quizzes("quiz", 1)));

        Change change = event(rules, UserState.EMPTY, "lessons", 1, START.plusSeconds(1));

        assertThat(change.state().quests()).isEmpty();
    }
}
