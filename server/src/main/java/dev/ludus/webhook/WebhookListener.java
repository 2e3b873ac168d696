package dev.ludus.webhook;

import dev.ludus.events.AppliedChange;
import dev.ludus.events.ChangeListener;
import dev.ludus.events.ChangeOutputs;
import dev.ludus.leaderboard.LeaderboardListener;
import dev.ludus.leaderboard.LeaderboardService;
import dev.ludus.store.WriteBatch;
import java.util.List;

/**
 * Writes the webhook messages of every applied change, in its transaction: those of the change
 * itself (achievements, points, levels, streaks), then a {@code leaderboard.rank_changed} for each
 * board where the user's rank moved, read from the {@link LeaderboardListener}'s output (so it is
 * registered after that listener).
 */
public final class WebhookListener implements ChangeListener {

    private final Outbox outbox;

    public WebhookListener(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void applied(WriteBatch batch, AppliedChange change, ChangeOutputs outputs) {
        if (change.controlGroup()) {
            // the game is hidden from a user of the control group: only what is not the game's feedback
            outbox.record(batch, change, type -> !type.gameFeedback());
            return;
        }
        outbox.record(batch, change, type -> true);
        List<LeaderboardService.Changed> boards = outputs.get(LeaderboardListener.CHANGED).orElse(List.of());
        for (LeaderboardService.Changed board : boards) {
            if (board.previousRank() == null || board.previousRank() != board.rank()) {
                outbox.enqueue(batch, change.applicationId(), change.userId(), EventType.LEADERBOARD_RANK_CHANGED,
                        new LeaderboardPayloads.RankChanged(change.userId(), new LeaderboardPayloads.RankView(
                                board.key(), board.period(), board.previousRank(), board.rank(),
                                board.score().toString())), change.now());
            }
        }
    }
}
