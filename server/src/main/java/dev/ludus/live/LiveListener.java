package dev.ludus.live;

import dev.ludus.events.AppliedChange;
import dev.ludus.events.ChangeListener;
import dev.ludus.events.ChangeOutputs;
import dev.ludus.store.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts every event's applied change on the live feed. With one node, only while a page watches, after
 * the commit; with PostgreSQL ({@code relay} given), always, as one notification per batch sent
 * before the commit, since pages may watch on another node.
 */
public final class LiveListener implements ChangeListener {

    private static final WriteBatch.Memo<List<LiveEntry>> PENDING = WriteBatch.Memo.named("live entries");

    private final LiveFeed feed;
    private final Optional<PostgresqlRelay> relay;

    public LiveListener(LiveFeed feed, Optional<PostgresqlRelay> relay) {
        this.feed = feed;
        this.relay = relay;
    }

    @Override
    public void applied(WriteBatch batch, AppliedChange change, ChangeOutputs outputs) {
        if (change.event().isEmpty()) {
            return;
        }
        if (relay.isEmpty()) {
            if (feed.watched()) {
                LiveEntry entry = LiveEntry.of(change);
                batch.afterCommit(() -> feed.publish(entry));
            }
            return;
        }
        PostgresqlRelay notifier = relay.get();
        batch.memo(PENDING, PENDING, () -> {
            List<LiveEntry> entries = new ArrayList<>();
            batch.beforeCommit(() -> notifier.send(batch.handle(), entries));
            return entries;
        }).add(LiveEntry.of(change));
    }
}
