package dev.ludus.webhook;

import dev.ludus.leaderboard.FinishedPeriods;
import dev.ludus.leaderboard.LeaderboardRule;
import dev.ludus.leaderboard.LeaderboardService;
import dev.ludus.engine.Period;
import dev.ludus.leaderboard.Ranking;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Turns a finished leaderboard period into a {@code leaderboard.period_finished} message. Stateless. */
public final class LeaderboardNotices implements FinishedPeriods.Listener {

    private final Outbox outbox;

    public LeaderboardNotices(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void finished(Handle handle, String applicationId, LeaderboardRule board, Period period,
            List<Ranking.Placed> top, Instant now) {
        List<LeaderboardPayloads.Standing> standings = top.stream()
                .map(placed -> new LeaderboardPayloads.Standing(placed.rank(), placed.standing().userId(),
                        LeaderboardService.score(board, placed.standing().score()).toString()))
                .toList();
        outbox.enqueue(handle, applicationId, null, EventType.LEADERBOARD_PERIOD_FINISHED,
                new LeaderboardPayloads.PeriodFinished(new LeaderboardPayloads.PeriodView(board.key(), period.key(),
                        period.start().orElse(null), period.end().orElse(null), board.timezone().getId(), standings)),
                now);
    }
}
