package dev.ludus.teams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.engine.Amount;
import dev.ludus.engine.Change;
import dev.ludus.engine.Outcome;
import dev.ludus.engine.Quest;
import dev.ludus.engine.StreakPeriod;
import dev.ludus.engine.UserState;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Team quests' arithmetic, pure: what an event adds to which window and step, and when a team is done. */
class TeamQuestsTest {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-12-08T00:00:00Z");

    private static Quest quest(Quest.Window window) {
        return new Quest("team_week", "Team week", Optional.empty(), List.of(
                new Quest.MetricStep("walk", "steps", Amount.of(100_000)),
                new Quest.MetricStep("run", "distance", Amount.of(42))), false, window, false, Quest.Prize.NONE, true);
    }

    private static Change moved(String metric, long value) {
        return new Change(UserState.EMPTY, List.of(new Outcome.MetricTotalChanged(metric, Amount.of(value),
                Amount.of(value))));
    }

    @Test
    void anEventAddsItsValueToEveryStepOnItsMetricInTheWindowOfItsOccurrence() {
        Quest quest = quest(new Quest.Fixed(START, END));

        List<TeamQuests.Contribution> inside = TeamQuests.contributions(List.of(quest), moved("steps", 5_000),
                START.plusSeconds(60));
        List<TeamQuests.Contribution> before = TeamQuests.contributions(List.of(quest), moved("steps", 5_000),
                START.minusMillis(1));
        List<TeamQuests.Contribution> atEnd = TeamQuests.contributions(List.of(quest), moved("steps", 5_000), END);
        List<TeamQuests.Contribution> otherMetric = TeamQuests.contributions(List.of(quest), moved("workouts", 1),
                START.plusSeconds(60));

        assertThat(inside).containsExactly(new TeamQuests.Contribution(quest, new Quest.Span(START, END), "walk",
                5_000_000_000L));
        assertThat(before).isEmpty();
        assertThat(atEnd).isEmpty();
        assertThat(otherMetric).isEmpty();
    }

    @Test
    void aDailyTeamWindowIsTheDayOfTheQuestsTimezoneAndLasts25HoursWhenClocksGoBack() {
        Quest quest = quest(new Quest.Recurring(StreakPeriod.Length.DAILY, DayOfWeek.MONDAY,
                Optional.of(ZoneId.of("Europe/Oslo"))));

        List<TeamQuests.Contribution> late = TeamQuests.contributions(List.of(quest), moved("distance", 1),
                Instant.parse("2026-10-25T22:30:00Z"));

        assertThat(late).extracting(TeamQuests.Contribution::window).containsExactly(new Quest.Span(
                Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T23:00:00Z")));
    }

    @Test
    void aTeamIsDoneWhenEveryStepsTotalReachesItsTarget() {
        Quest quest = quest(new Quest.Fixed(START, END));

        assertThat(TeamQuests.complete(quest, Map.of("walk", 100_000_000_000L))).isFalse();
        assertThat(TeamQuests.done(quest, Map.of("walk", 100_000_000_000L))).isEqualTo(1);
        assertThat(TeamQuests.complete(quest, Map.of("walk", 100_000_000_000L, "run", 41_999_999L))).isFalse();
        assertThat(TeamQuests.complete(quest, Map.of("walk", 100_000_000_000L, "run", 42_000_000L))).isTrue();
    }
}
