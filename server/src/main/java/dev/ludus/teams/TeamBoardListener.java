package dev.ludus.teams;

import dev.ludus.events.AppliedChange;
import dev.ludus.events.ChangeListener;
import dev.ludus.events.ChangeOutputs;
import dev.ludus.engine.Quest;
import dev.ludus.rules.RuleService;
import dev.ludus.store.WriteBatch;
import java.util.List;

/**
 * Adds what each applied change contributes to the team leaderboards of the user's teams, in the
 * change's transaction ({@link TeamScoring}): summed over the batch, and written before its commit
 * to the writer thread's own shard of each team's row, in key order; and what each event adds to the
 * team quests of the user's teams ({@link TeamQuests}), the same way, handing the windows it touched to
 * {@link TeamQuestCompletions} once the batch commits. The boards of an application are read once per
 * version of its rules (the version the change was applied with), so an application without team
 * leaderboards or team quests costs a map lookup per change.
 *
 * <p>Thread-safety: the cache is a concurrent map of immutable entries; two writers that load the same
 * version at once store equal entries.
 */
public final class TeamBoardListener implements ChangeListener {

    /** An application's active team leaderboards and team quests as of one version of its rules. */
    private record Boards(long version, List<TeamBoard> boards, List<Quest> quests) { }

    /** The sums of one batch, by score; written once per batch, in key order (no deadlocks between writers). */
    private static final WriteBatch.Memo<java.util.SortedMap<TeamStore.ScoreKey, Long>> SUMS =
            WriteBatch.Memo.named("team scores");
    /** The team quest progress of one batch; written once per batch, in key order. */
    private static final WriteBatch.Memo<java.util.SortedMap<TeamQuestStore.ProgressKey, Long>> PROGRESS =
            WriteBatch.Memo.named("team quest progress");
    /** The team quest windows a batch touched, checked for completion after its commit. */
    private static final WriteBatch.Memo<java.util.Set<TeamQuestCompletions.Touched>> TOUCHED =
            WriteBatch.Memo.named("team quest windows");

    private final RuleService rules;
    private final TeamStore store;
    private final TeamQuestStore questStore = new TeamQuestStore();
    private final TeamQuestCompletions completions;
    /** Each writer thread's shard: writers of one node never add to the same row. */
    private final java.util.concurrent.atomic.AtomicInteger nextShard =
            new java.util.concurrent.atomic.AtomicInteger(java.util.concurrent.ThreadLocalRandom.current()
                    .nextInt(TeamStore.SHARDS));
    private final ThreadLocal<Integer> shard = ThreadLocal.withInitial(() ->
            Math.floorMod(nextShard.getAndIncrement(), TeamStore.SHARDS));
    private final java.util.concurrent.ConcurrentMap<String, Boards> cache = new java.util.concurrent.ConcurrentHashMap<>();

    public TeamBoardListener(RuleService rules, TeamQuestCompletions completions, dev.ludus.http.Json json) {
        this.rules = rules;
        this.completions = completions;
        this.store = new TeamStore(json);
    }

    @Override
    public void applied(WriteBatch batch, AppliedChange change, ChangeOutputs outputs) {
        long version = change.rules().version();
        Boards cached = cache.get(change.applicationId());
        if (cached == null || cached.version() != version) {
            cached = new Boards(version, rules.active(batch.handle(), change.applicationId()).all(TeamBoard.class),
                    change.rules().quests().values().stream().filter(Quest::team).toList());
            cache.put(change.applicationId(), cached);
        }
        List<TeamScoring.Contribution> contributions = cached.boards().isEmpty() ? List.of()
                : TeamScoring.contributions(cached.boards(), change.change(), change.now());
        List<TeamQuests.Contribution> progress = cached.quests().isEmpty() || change.event().isEmpty() ? List.of()
                : TeamQuests.contributions(cached.quests(), change.change(),
                        change.event().get().countsAt(change.now()));
        if (contributions.isEmpty() && progress.isEmpty()) {
            return;
        }
        List<String> teams = store.teamIdsOf(batch.handle(), change.applicationId(), change.userId());
        if (teams.isEmpty()) {
            return;
        }
        if (!progress.isEmpty()) {
            addProgress(batch, change.applicationId(), teams, progress);
        }
        if (contributions.isEmpty()) {
            return;
        }
        java.util.SortedMap<TeamStore.ScoreKey, Long> sums = batch.memo(SUMS, this, () -> {
            java.util.SortedMap<TeamStore.ScoreKey, Long> fresh = new java.util.TreeMap<>();
            batch.beforeCommit(() -> store.addScores(batch, shard.get(), fresh));
            return fresh;
        });
        for (String team : teams) {
            for (TeamScoring.Contribution contribution : contributions) {
                sums.merge(new TeamStore.ScoreKey(change.applicationId(), contribution.board().key(),
                        contribution.period().key(), team), contribution.amount(), Long::sum);
            }
        }
    }

    private void addProgress(WriteBatch batch, String applicationId, List<String> teams,
            List<TeamQuests.Contribution> progress) {
        java.util.SortedMap<TeamQuestStore.ProgressKey, Long> sums = batch.memo(PROGRESS, this, () -> {
            java.util.SortedMap<TeamQuestStore.ProgressKey, Long> fresh = new java.util.TreeMap<>();
            batch.beforeCommit(() -> questStore.addProgress(batch, shard.get(), fresh));
            return fresh;
        });
        java.util.Set<TeamQuestCompletions.Touched> touched = batch.memo(TOUCHED, this, () -> {
            java.util.Set<TeamQuestCompletions.Touched> fresh = new java.util.LinkedHashSet<>();
            batch.afterCommit(() -> completions.check(fresh));
            return fresh;
        });
        for (String team : teams) {
            for (TeamQuests.Contribution contribution : progress) {
                sums.merge(new TeamQuestStore.ProgressKey(applicationId, contribution.quest().key(),
                        contribution.window().start().toEpochMilli(), team, contribution.step()),
                        contribution.micros(), Long::sum);
                touched.add(new TeamQuestCompletions.Touched(applicationId, contribution.quest().key(),
                        contribution.window(), team));
            }
        }
    }
}
