package dev.ludus.engine;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One user's standing in one quest.
 *
 * @param joinedAt when the user joined an opt-in quest; empty for an automatic one (or not joined)
 * @param window the window the state counts toward; empty before the first one opened
 * @param progress the metric steps' totals in the window, by step key
 * @param stepsDone when each completed step completed, by step key
 * @param status whether the window's quest is still running, completed or expired
 */
public record QuestState(Optional<Instant> joinedAt, Optional<Quest.Span> window, Map<String, Amount> progress,
        Map<String, Instant> stepsDone, Status status) {

    /** Where a quest stands in its window. */
    public enum Status { ACTIVE, COMPLETED, EXPIRED }

    /** Nothing counted, not joined. */
    public static final QuestState NONE = new QuestState(Optional.empty(), Optional.empty(), Map.of(), Map.of(),
            Status.ACTIVE);

    public QuestState {
        progress = Map.copyOf(progress);
        stepsDone = Map.copyOf(stepsDone);
    }

    /** The state at the opening of {@code window}: nothing counted yet, joined as before. */
    QuestState opened(Quest.Span window) {
        return new QuestState(joinedAt, Optional.of(window), Map.of(), Map.of(), Status.ACTIVE);
    }

    /** The progress of a metric step: zero when nothing counted. */
    public Amount progress(String step) {
        return progress.getOrDefault(step, Amount.ZERO);
    }
}
