package dev.ludus.teams;

import dev.ludus.engine.Change;
import dev.ludus.engine.Engine;
import dev.ludus.engine.Quest;
import dev.ludus.events.EventService;
import dev.ludus.rules.RuleService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes team quests: after a batch that added to a team's progress commits, reads the team's totals
 * (every writer's committed shards) and, when every step is reached, claims the completion (one row per
 * team and window: of any number of checks that see it complete, on any node, one inserts it), then pays
 * each member now in the team the prize through {@link EventService#write} (their own partitions:
 * answers, points history, {@code quest.completed} webhooks). The last batch to commit always sees
 * every earlier one, so a completion is never missed.
 *
 * <p>Runs on its own virtual threads, never on a writer (whose partitions it writes to). A node that stops
 * between the claim and the payments leaves the rest of the members unpaid (not retried).
 */
public final class TeamQuestCompletions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TeamQuestCompletions.class);

    /** One team's window of one quest, touched by a committed batch. */
    record Touched(String applicationId, String quest, Quest.Span window, String teamId) { }

    private final Jdbi jdbi;
    private final RuleService rules;
    private final TeamQuestStore store = new TeamQuestStore();
    private final Clock clock;
    private final AtomicReference<EventService> events = new AtomicReference<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * The windows this node saw claimed (by itself or by another node): not summed again. Bounded:
     * cleared when it grows past {@link #CLAIMED_MAX} (a later check then reads the claim row).
     */
    private final java.util.Set<Touched> claimed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int CLAIMED_MAX = 100_000;

    public TeamQuestCompletions(Jdbi jdbi, RuleService rules, Clock clock) {
        this.jdbi = jdbi;
        this.rules = rules;
        this.clock = clock;
    }

    /** The event writers' service, which exists only once the listeners (this among them) are built. */
    public void bind(EventService service) {
        events.set(service);
    }

    /** Checks each of {@code touched}, after the commit that touched them, off the writer's thread. */
    void check(Set<Touched> touched) {
        try {
            executor.execute(() -> touched.forEach(this::check));
        } catch (RejectedExecutionException e) {
            LOG.warn("team quests not checked for completion (closing): {}", touched.size());
        }
    }

    private void check(Touched touched) {
        if (claimed.contains(touched)) {
            return;
        }
        try {
            Optional<Quest> quest = rules.rules(touched.applicationId()).quest(touched.quest()).filter(Quest::team);
            if (quest.isEmpty()) {
                return;
            }
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            // null while the team has not reached every step; else the members to pay (none when claimed before)
            List<String> members = jdbi.inTransaction(handle -> {
                Map<String, Long> totals = store.totals(handle, touched.applicationId(), touched.quest(),
                        touched.window().start(), touched.teamId());
                if (!TeamQuests.complete(quest.get(), totals)) {
                    return null;
                }
                List<String> current = store.members(handle, touched.applicationId(), touched.teamId());
                return store.claim(handle, touched.applicationId(), touched.quest(), touched.window(),
                        touched.teamId(), now, current.size()) ? current : List.<String>of();
            });
            if (members == null) {
                return;
            }
            remember(touched);
            for (String member : members) {
                pay(touched, member, now);
            }
        } catch (RuntimeException e) {
            LOG.warn("team quest '{}' of team '{}' not checked for completion", touched.quest(), touched.teamId(), e);
        }
    }

    /** Remembers a window that is complete (claimed now, or before): later checks skip it. */
    private void remember(Touched touched) {
        if (claimed.size() >= CLAIMED_MAX) {
            claimed.clear();
        }
        claimed.add(touched);
    }

    private void pay(Touched touched, String member, Instant completedAt) {
        try {
            events.get().write(touched.applicationId(), member, Optional.empty(), "quest.team_completed",
                    Map.of("quest", touched.quest(), "team_id", touched.teamId()), Optional.empty(), work -> {
                        Change change = Engine.teamQuestCompleted(work.rules(), work.state(), touched.quest(),
                                touched.teamId(), touched.window(), completedAt, work.zone(), work.now());
                        work.persist(change, Optional.of("team '" + touched.teamId() + "' completed quest '"
                                + touched.quest() + "'"));
                        return work.reply(200, Map.of());
                    });
        } catch (RuntimeException e) {
            LOG.warn("the prize of team quest '{}' not paid to a member of team '{}'", touched.quest(),
                    touched.teamId(), e);
        }
    }

    /** Waits for the checks in flight. */
    @Override
    public void close() {
        executor.close();
    }
}
