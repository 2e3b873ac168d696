package dev.ludus.leaderboard;

import dev.ludus.engine.Amount;
import dev.ludus.engine.Change;
import dev.ludus.engine.Outcome;
import dev.ludus.engine.Period;
import dev.ludus.engine.PeriodKind;
import dev.ludus.engine.StreakState;
import dev.ludus.engine.UserState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which leaderboard scores one write changes: a pure function of the boards, the user's state before
 * and after, the engine's outcomes, the event (if any) and the user's attributes. No I/O.
 *
 * <ul>
 *   <li>metric boards add the event's value to the period that holds its {@code occurred_at}; an
 *       all-time board without {@code starts_at} holds the user's total instead (the same sum, from
 *       the first event on, and what a new board is backfilled with);
 *   <li>points boards add the points changes of the write to the period that holds the write; an
 *       all-time board without {@code starts_at} holds the balance;
 *   <li>streak boards hold the current length of the streak whenever it changes.
 * </ul>
 * A period that has ended, an instant outside {@code [starts_at, ends_at)}, and a user whose
 * attributes do not match the filter change nothing.
 */
public final class Scoring {

    private Scoring() { }

    /** The facts of the event behind a write that metric boards rank by. */
    public record EventFacts(String metric, Amount value, Instant occurredAt) { }

    /** How a score changes. */
    public sealed interface Op {
        /** The new score, given the one held (0 when none). */
        long apply(long held);

        /** Adds to the score held. */
        record Add(long delta) implements Op {
            @Override
            public long apply(long held) {
                return Math.addExact(held, delta);
            }
        }

        /** Replaces the score held. */
        record Set(long score) implements Op {
            @Override
            public long apply(long held) {
                return score;
            }
        }
    }

    /** One score to change: on which board, in which period, how. */
    public record Update(LeaderboardRule board, Period period, Op op) { }

    /** The updates of one write made at {@code now}. */
    public static List<Update> updates(List<LeaderboardRule> boards, UserState before, Change change,
            Optional<EventFacts> event, Map<String, String> attributes, Instant now) {
        List<Update> updates = new ArrayList<>();
        for (LeaderboardRule board : boards) {
            if (!board.admits(attributes)) {
                continue;
            }
            update(board, before, change, event, now).ifPresent(updates::add);
        }
        return updates;
    }

    private static Optional<Update> update(LeaderboardRule board, UserState before, Change change,
            Optional<EventFacts> event, Instant now) {
        boolean running = board.startsAt().isEmpty() && board.period() == PeriodKind.ALL_TIME;
        return switch (board.rankBy()) {
            case LeaderboardRule.RankBy.Metric metric -> event
                    .filter(facts -> facts.metric().equals(metric.target()) && facts.value().micros() != 0)
                    .flatMap(facts -> at(board, facts.occurredAt(), now, running
                            ? new Op.Set(change.state().total(metric.target()).micros())
                            : new Op.Add(facts.value().micros())));
            case LeaderboardRule.RankBy.Points points -> {
                List<Outcome.PointsChanged> changes = change.outcomes(Outcome.PointsChanged.class).stream()
                        .filter(changed -> changed.system().equals(points.target()) && changed.amount() != 0)
                        .toList();
                // a period's score is what the period earned: points expiring now were earned before it
                long delta = changes.stream().filter(changed -> !changed.source().scheduled())
                        .mapToLong(Outcome.PointsChanged::amount).sum();
                if (running ? changes.isEmpty() : delta == 0) {
                    yield Optional.empty();
                }
                yield at(board, now, now, running
                        ? new Op.Set(change.state().balance(points.target()).balance()) : new Op.Add(delta));
            }
            case LeaderboardRule.RankBy.Streak streak -> {
                long after = currentRun(change.state(), streak.target());
                yield after == currentRun(before, streak.target()) ? Optional.empty()
                        : at(board, now, now, new Op.Set(after));
            }
        };
    }

    /** The user's current run in a streak; 0 when they have none. */
    private static long currentRun(UserState state, String streak) {
        StreakState held = state.streaks().get(streak);
        return held == null ? 0 : held.current();
    }

    /** The update of the period that holds {@code instant}, unless it is frozen or outside the board's run. */
    private static Optional<Update> at(LeaderboardRule board, Instant instant, Instant now, Op op) {
        Period period = board.periodAt(instant);
        if (!board.runsAt(instant) || period.endedAt(now) || board.endsAt().map(end -> !now.isBefore(end)).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(new Update(board, period, op));
    }
}
