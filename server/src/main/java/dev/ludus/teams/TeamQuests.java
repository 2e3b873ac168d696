package dev.ludus.teams;

import dev.ludus.engine.Amount;
import dev.ludus.engine.Change;
import dev.ludus.engine.Outcome;
import dev.ludus.engine.Quest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of team quests, pure (no I/O). A member's event counts toward each team quest with a
 * step on its metric, in the window that contains the event's {@code occurred_at} (in the quest's
 * timezone), for every team the user is a member of when it is written: members who join late count
 * from then on. A team completes the quest in a window when every step's total reaches its target.
 */
public final class TeamQuests {

    private TeamQuests() { }

    /** What an event adds to one step of one quest in one window (in micros). */
    public record Contribution(Quest quest, Quest.Span window, String step, long micros) { }

    /**
     * What an applied change contributes: for each event's metric total that moved, its value to every
     * step on that metric of every team quest whose window contains {@code occurredAt}.
     */
    public static List<Contribution> contributions(List<Quest> quests, Change change, Instant occurredAt) {
        List<Contribution> contributions = new ArrayList<>();
        for (Outcome.MetricTotalChanged moved : change.outcomes(Outcome.MetricTotalChanged.class)) {
            for (Quest quest : quests) {
                var window = quest.teamWindowAt(occurredAt);
                if (window.isEmpty()) {
                    continue;
                }
                for (Quest.Step step : quest.steps()) {
                    if (step instanceof Quest.MetricStep metric && metric.metric().equals(moved.metric())) {
                        contributions.add(new Contribution(quest, window.get(), step.key(), moved.value().micros()));
                    }
                }
            }
        }
        return contributions;
    }

    /** True when every step's total (in micros, by step key) reaches its target. */
    public static boolean complete(Quest quest, Map<String, Long> totals) {
        return quest.steps().stream().allMatch(step -> step instanceof Quest.MetricStep metric
                && new Amount(totals.getOrDefault(step.key(), 0L)).compareTo(metric.total()) >= 0);
    }

    /** How many steps' totals reach their targets. */
    public static int done(Quest quest, Map<String, Long> totals) {
        return (int) quest.steps().stream().filter(step -> step instanceof Quest.MetricStep metric
                && new Amount(totals.getOrDefault(step.key(), 0L)).compareTo(metric.total()) >= 0).count();
    }
}
