package dev.ludus.client;

import java.math.BigDecimal;
import java.util.List;

/**
 * What an event changed ({@code POST /v1/events}).
 *
 * @param event the event as recorded
 * @param metric the metric and the user's new total
 * @param points one entry per points system the event changed or tried to change
 * @param levels level changes
 * @param achievements achievements it unlocked, composites included
 * @param streaks what it did to the user's runs in streaks: the periods settled since the user's last
 *         write to each streak first (a freeze consumed, a run lost), then the run extended or a
 *         freeze earned
 * @param quests what it did to the user's quests: windows that ended unfinished (expired), steps
 *         completed, quests completed (their prizes are in {@code points} and {@code achievements}
 *         too); empty when nothing changed, and from a server without quests
 * @param flag the user's flag after this event (raised by it or before it, until cleared); null when
 *         not flagged (and from a server without velocity guards). With {@link UserFlag#hold()}, the
 *         event awarded nothing but its total
 * @param controlGroup true for a user of the application's control group
 *         ({@link Application#controlGroupPercent()}): the event counted as for anyone, but
 *         {@code points}, {@code levels}, {@code achievements}, {@code streaks}, {@code quests} and
 *         {@code leaderboards} are empty, so that the application shows them no game; false from a
 *         server without control groups
 * @param leaderboards the boards whose score it changed, with the user's new score and rank
 * @param idempotentReplayed true when this is the stored answer of an earlier request with the same
 *         idempotency key: the event was recorded then, and nothing changed now
 */
public record EventAnswer(RecordedEvent event, MetricTotal metric, List<PointsChange> points, List<LevelChange> levels,
        List<Unlock> achievements, List<StreakChange> streaks, List<QuestChange> quests, UserFlag flag,
        boolean controlGroup, List<LeaderboardChange> leaderboards, boolean idempotentReplayed) {

    public EventAnswer {
        quests = quests == null ? List.of() : quests;
    }

    /**
     * The answer outside the control group, as this record was before it had {@link #controlGroup()}
     * (false), so that code building answers (test doubles) keeps compiling.
     */
    public EventAnswer(RecordedEvent event, MetricTotal metric, List<PointsChange> points, List<LevelChange> levels,
            List<Unlock> achievements, List<StreakChange> streaks, List<QuestChange> quests, UserFlag flag,
            List<LeaderboardChange> leaderboards, boolean idempotentReplayed) {
        this(event, metric, points, levels, achievements, streaks, quests, flag, false, leaderboards,
                idempotentReplayed);
    }

    /**
     * The answer without a flag, as this record was before it had {@link #flag()} (null), so that code
     * building answers (test doubles) keeps compiling.
     */
    public EventAnswer(RecordedEvent event, MetricTotal metric, List<PointsChange> points, List<LevelChange> levels,
            List<Unlock> achievements, List<StreakChange> streaks, List<QuestChange> quests,
            List<LeaderboardChange> leaderboards, boolean idempotentReplayed) {
        this(event, metric, points, levels, achievements, streaks, quests, null, false, leaderboards,
                idempotentReplayed);
    }

    /**
     * The answer without quests, as this record was before it had {@link #quests()} (an empty list),
     * so that code building answers (test doubles) keeps compiling.
     */
    public EventAnswer(RecordedEvent event, MetricTotal metric, List<PointsChange> points, List<LevelChange> levels,
            List<Unlock> achievements, List<StreakChange> streaks, List<LeaderboardChange> leaderboards,
            boolean idempotentReplayed) {
        this(event, metric, points, levels, achievements, streaks, List.of(), null, false, leaderboards,
                idempotentReplayed);
    }

    /** A metric and a user's total of it (an exact decimal). */
    public record MetricTotal(String key, BigDecimal total) { }
}
