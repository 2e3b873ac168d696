package dev.ludus.teams;

import dev.ludus.events.AppliedChange;
import dev.ludus.events.ChangeListener;
import dev.ludus.events.ChangeOutputs;
import dev.ludus.rules.RuleService;
import dev.ludus.store.WriteBatch;
import java.util.List;

/**
 * Adds what each applied change contributes to the team leaderboards of the user's teams, in the
 * change's transaction ({@link TeamScoring}): summed over the batch, and written before its commit
 * to the writer thread's own shard of each team's row, in key order. The boards of an application are read once per version
 * of its rules (the version the change was applied with), so an application without team leaderboards
 * costs a map lookup per change.
 *
 * <p>Thread-safety: the cache is a concurrent map of immutable entries; two writers that load the same
 * version at once store equal entries.
 */
public final class TeamBoardListener implements ChangeListener {

    /** An application's active team leaderboards as of one version of its rules. */
    private record Boards(long version, List<TeamBoard> boards) { }

    /** The sums of one batch, by score; written once per batch, in key order (no deadlocks between writers). */
    private static final WriteBatch.Memo<java.util.SortedMap<TeamStore.ScoreKey, Long>> SUMS =
            WriteBatch.Memo.named("team scores");

    private final RuleService rules;
    private final TeamStore store;
    /** Each writer thread's shard: writers of one node never add to the same row. */
    private final java.util.concurrent.atomic.AtomicInteger nextShard =
            new java.util.concurrent.atomic.AtomicInteger(java.util.concurrent.ThreadLocalRandom.current()
                    .nextInt(TeamStore.SHARDS));
    private final ThreadLocal<Integer> shard = ThreadLocal.withInitial(() ->
            Math.floorMod(nextShard.getAndIncrement(), TeamStore.SHARDS));
    private final java.util.concurrent.ConcurrentMap<String, Boards> cache = new java.util.concurrent.ConcurrentHashMap<>();

    public TeamBoardListener(RuleService rules, dev.ludus.http.Json json) {
        this.rules = rules;
        this.store = new TeamStore(json);
    }

    @Override
    public void applied(WriteBatch batch, AppliedChange change, ChangeOutputs outputs) {
        long version = change.rules().version();
        Boards cached = cache.get(change.applicationId());
        if (cached == null || cached.version() != version) {
            cached = new Boards(version, rules.active(batch.handle(), change.applicationId()).all(TeamBoard.class));
            cache.put(change.applicationId(), cached);
        }
        List<TeamBoard> boards = cached.boards();
        if (boards.isEmpty()) {
            return;
        }
        List<TeamScoring.Contribution> contributions = TeamScoring.contributions(boards, change.change(), change.now());
        if (contributions.isEmpty()) {
            return;
        }
        java.util.SortedMap<TeamStore.ScoreKey, Long> sums = batch.memo(SUMS, this, () -> {
            java.util.SortedMap<TeamStore.ScoreKey, Long> fresh = new java.util.TreeMap<>();
            batch.beforeCommit(() -> store.addScores(batch, shard.get(), fresh));
            return fresh;
        });
        for (String team : store.teamIdsOf(batch.handle(), change.applicationId(), change.userId())) {
            for (TeamScoring.Contribution contribution : contributions) {
                sums.merge(new TeamStore.ScoreKey(change.applicationId(), contribution.board().key(),
                        contribution.period().key(), team), contribution.amount(), Long::sum);
            }
        }
    }
}
