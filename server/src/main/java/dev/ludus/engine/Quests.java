package dev.ludus.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of quests, pure. A user's state in a quest counts toward one window at a time: an event
 * counts when it occurred inside the window that contains it (and, for an opt-in quest, after the user
 * joined); an event of a later window first settles the one before (expired when unfinished) and
 * opens the new one; an event from before the window the state counts toward (sent late) does not
 * count. In an ordered quest an
 * event counts toward the first step not complete only, and a step's surplus does not carry over; in
 * any order it counts toward every step on its metric. A step completes once per window.
 */
public final class Quests {

    private Quests() { }

    /** A step completed: {@code done} of {@code steps} are now complete. */
    public record StepCompleted(String quest, String step, int done, int steps, Quest.Span window, Instant at)
            implements QuestOutcome { }

    /** Every step completed: the quest is complete for the window, and its prize is due. */
    public record Completed(String quest, Quest.Span window, int steps, Instant at, Quest.Prize prize)
            implements QuestOutcome { }

    /**
     * A team quest completed for {@code team}, of which the user is a member: the prize is due to the
     * user.
     */
    public record TeamCompleted(String quest, String team, Quest.Span window, int steps, Instant at, Quest.Prize prize)
            implements QuestOutcome { }

    /** The window ended with {@code done} of {@code steps} complete. */
    public record Expired(String quest, Quest.Span window, int done, int steps) implements QuestOutcome { }

    /** What happened to a user's quest. */
    public sealed interface QuestOutcome permits StepCompleted, Completed, TeamCompleted, Expired {
        String quest();
    }

    /** Whether the user takes part: every user in an automatic quest, joined users in an opt-in one. */
    public static boolean enrolled(Quest quest, QuestState state) {
        return !quest.optIn() || state.joinedAt().isPresent();
    }

    /**
     * The state once time passed until {@code at}: a window that ended unfinished is expired (outcome
     * appended to {@code out}); the next window of a recurring quest opens when something counts in it.
     */
    public static QuestState settle(Quest quest, QuestState state, Instant at, List<QuestOutcome> out) {
        if (state.window().isEmpty() || at.isBefore(state.window().get().end())
                || state.status() != QuestState.Status.ACTIVE) {
            return state;
        }
        out.add(new Expired(quest.key(), state.window().get(), done(quest, state), quest.steps().size()));
        return new QuestState(state.joinedAt(), state.window(), state.progress(), state.stepsDone(),
                QuestState.Status.EXPIRED);
    }

    /**
     * Applies an event of {@code metric} and {@code value} that occurred at {@code occurredAt} (not
     * after {@code now}) for a user holding {@code held} achievements. Steps complete at {@code now}.
     */
    public static QuestState apply(Quest quest, QuestState state, String metric, Amount value, Instant occurredAt,
            ZoneId zone, Set<String> held, Instant now, List<QuestOutcome> out) {
        if (quest.team()) {
            return state;
        }
        return apply(quest, state, Optional.of(metric), value, occurredAt, zone, held, now, out);
    }

    /**
     * Re-checks the achievement steps at {@code now} after achievements unlocked (a prize): as an event
     * that counts toward no metric.
     */
    public static QuestState recheck(Quest quest, QuestState state, ZoneId zone, Set<String> held, Instant now,
            List<QuestOutcome> out) {
        if (quest.team()) {
            return state;
        }
        return apply(quest, state, Optional.empty(), Amount.ZERO, now, zone, held, now, out);
    }

    private static QuestState apply(Quest quest, QuestState state, Optional<String> metric, Amount value,
            Instant occurredAt, ZoneId zone, Set<String> held, Instant now, List<QuestOutcome> out) {
        boolean late = state.window().filter(window -> occurredAt.isBefore(window.start())).isPresent();
        if (!enrolled(quest, state) || late) {
            return state;
        }
        QuestState settled = settle(quest, state, occurredAt, out);
        Optional<Quest.Span> window = quest.windowAt(occurredAt, zone);
        if (window.isEmpty() || settled.joinedAt().filter(occurredAt::isBefore).isPresent()) {
            return settled;
        }
        boolean relevant = quest.steps().stream().anyMatch(step -> step instanceof Quest.MetricStep counted
                ? metric.filter(counted.metric()::equals).isPresent()
                : held.contains(((Quest.AchievementStep) step).achievement()));
        boolean current = settled.window().filter(open -> open.equals(window.get())).isPresent();
        if (!current && !relevant) {
            return settled;
        }
        return count(quest, current ? settled : settled.opened(window.get()), metric, value, held, now, out);
    }

    /**
     * Joins an opt-in quest at {@code now} (settling first); joining again, or an automatic quest, changes
     * nothing else. The window containing {@code now}, if any, opens, and held achievements count.
     *
     * @throws Refusal {@code quest_ended} when a fixed window ended
     */
    public static QuestState join(Quest quest, QuestState state, ZoneId zone, Set<String> held, Instant now,
            List<QuestOutcome> out) {
        if (quest.team()) {
            throw new Refusal(Refusal.Reason.NOT_JOINABLE, "quest '" + quest.key()
                    + "' is a team quest: every team takes part, through its members' events");
        }
        if (quest.endedAt(now)) {
            throw new Refusal(Refusal.Reason.QUEST_ENDED, "quest '" + quest.key() + "' ended at "
                    + ((Quest.Fixed) quest.window()).endsAt());
        }
        QuestState settled = settle(quest, state, now, out);
        QuestState joined = quest.optIn() && settled.joinedAt().isEmpty()
                ? new QuestState(Optional.of(now), settled.window(), settled.progress(), settled.stepsDone(),
                        settled.status())
                : settled;
        Optional<Quest.Span> window = quest.windowAt(now, zone);
        if (window.isEmpty()) {
            return joined;
        }
        boolean current = joined.window().filter(open -> open.equals(window.get())).isPresent();
        return count(quest, current ? joined : joined.opened(window.get()), Optional.empty(), Amount.ZERO, held, now,
                out);
    }

    /** How many steps are complete. */
    public static int done(Quest quest, QuestState state) {
        return (int) quest.steps().stream().filter(step -> state.stepsDone().containsKey(step.key())).count();
    }

    /** Counts an event (or, with no metric, only what the user holds) toward a running window. */
    private static QuestState count(Quest quest, QuestState state, Optional<String> metric, Amount value,
            Set<String> held, Instant now, List<QuestOutcome> out) {
        if (state.status() != QuestState.Status.ACTIVE) {
            return state;
        }
        Quest.Span window = state.window().orElseThrow();
        Map<String, Amount> progress = new HashMap<>(state.progress());
        Map<String, Instant> done = new HashMap<>(state.stepsDone());
        boolean consumed = false;
        for (Quest.Step step : quest.steps()) {
            if (done.containsKey(step.key())) {
                continue;
            }
            boolean complete = switch (step) {
                case Quest.AchievementStep achievement -> held.contains(achievement.achievement());
                case Quest.MetricStep counted -> {
                    if (consumed || metric.filter(counted.metric()::equals).isEmpty()) {
                        yield false;
                    }
                    Amount total = progress.getOrDefault(step.key(), Amount.ZERO).plus(value);
                    progress.put(step.key(), total);
                    consumed = quest.ordered();
                    yield total.compareTo(counted.total()) >= 0;
                }
            };
            if (complete) {
                done.put(step.key(), now);
                int doneNow = (int) quest.steps().stream().filter(counted -> done.containsKey(counted.key())).count();
                out.add(new StepCompleted(quest.key(), step.key(), doneNow, quest.steps().size(), window, now));
            } else if (quest.ordered()) {
                break;
            }
        }
        boolean finished = quest.steps().stream().allMatch(step -> done.containsKey(step.key()));
        if (finished) {
            out.add(new Completed(quest.key(), window, quest.steps().size(), now, quest.prize()));
        }
        return new QuestState(state.joinedAt(), state.window(), progress, done,
                finished ? QuestState.Status.COMPLETED : QuestState.Status.ACTIVE);
    }
}
