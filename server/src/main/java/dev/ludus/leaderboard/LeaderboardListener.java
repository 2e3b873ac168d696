package dev.ludus.leaderboard;

import dev.ludus.engine.Event;
import dev.ludus.events.AppliedChange;
import dev.ludus.events.ChangeListener;
import dev.ludus.events.ChangeOutputs;
import dev.ludus.store.WriteBatch;
import java.util.List;

/**
 * Keeps the leaderboards' scores with every applied change: writes the scores it moves in the
 * change's transaction, queues the index updates for after the commit, and answers the rank
 * changes as the event answer's {@code leaderboards}. Takes an erased user off every index.
 */
public final class LeaderboardListener implements ChangeListener {

    /** The scores one change moved, board by board (empty when none): the event answer's {@code leaderboards}. */
    public static final ChangeOutputs.Key<List<LeaderboardService.Changed>> CHANGED =
            ChangeOutputs.Key.answered("leaderboards");

    private final LeaderboardService leaderboards;

    public LeaderboardListener(LeaderboardService leaderboards) {
        this.leaderboards = leaderboards;
    }

    @Override
    public void applied(WriteBatch batch, AppliedChange change, ChangeOutputs outputs) {
        outputs.put(CHANGED, leaderboards.record(batch, change.applicationId(), change.userId(), change.before(),
                change.change(), change.event().map(LeaderboardListener::facts), change.now()));
    }

    @Override
    public void erasing(WriteBatch batch, String applicationId, String userId) {
        leaderboards.forget(batch, applicationId, userId);
    }

    private static Scoring.EventFacts facts(Event event) {
        return new Scoring.EventFacts(event.metric(), event.value(), event.occurredAt());
    }
}
