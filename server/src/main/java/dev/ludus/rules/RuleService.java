package dev.ludus.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.engine.Achievement;
import dev.ludus.engine.Achievement.Criterion;
import dev.ludus.engine.MetricRule;
import dev.ludus.engine.PointsSystem;
import dev.ludus.engine.Rules;
import dev.ludus.engine.StreakRule;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.JsonBody;
import dev.ludus.http.PageRequest;
import dev.ludus.leaderboard.LeaderboardCodec;
import dev.ludus.leaderboard.LeaderboardRule;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Defines, reads and archives rules, and serves each application's active {@link Rules}. Every
 * change bumps the application's rule-set version in the same transaction; {@link #rules(Handle, String)}
 * compares that version with its cache, so a writer always applies the rules committed before it,
 * whichever node changed them. The cache is a concurrent map of immutable values.
 */
public final class RuleService {

    private final Jdbi jdbi;
    private final RuleStore store;
    private final Clock clock;
    private final ConcurrentMap<String, Active> cache = new ConcurrentHashMap<>();

    /** The active rules of one application at one version: the engine's and the leaderboards. */
    /** One version of an application's active rules: the engine's view, the boards, and each stored rule by reference. */
    private record Active(Rules rules, List<LeaderboardRule> leaderboards, Map<String, StoredRule> stored) { }

    public RuleService(Jdbi jdbi, Json json, Clock clock) {
        this.jdbi = jdbi;
        this.store = new RuleStore(json);
        this.clock = clock;
    }

    /** The answer of a PUT: the rule as stored and whether it is new (or restored from the archive). */
    public record Put(StoredRule rule, boolean created) { }

    /** Work done in the transaction that creates or restores a rule (a backfill). */
    @FunctionalInterface
    public interface OnCreated {
        void created(Handle handle, Object rule, Instant now);
    }

    /** Creates, changes or restores a rule after checking that everything it refers to is active. */
    public Put put(String applicationId, RuleKind kind, String key, JsonBody body) {
        return put(applicationId, kind, key, body, (handle, rule, now) -> { });
    }

    /** {@link #put}, running {@code onCreated} in the same transaction when the rule is new or restored. */
    public Put put(String applicationId, RuleKind kind, String key, JsonBody body, OnCreated onCreated) {
        Object rule = RuleCodec.read(kind, key, body);
        ObjectNode definition = definition(rule);
        Optional<StoredRule> current = jdbi.withHandle(handle -> store.find(handle, applicationId, kind, key));
        if (current.isPresent() && !current.get().archived() && definition(current.get().rule()).equals(definition)) {
            return new Put(current.get(), false);
        }
        Put put = jdbi.inTransaction(handle -> {
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            store.bumpVersion(handle, applicationId);
            Map<String, Object> active = byRef(store.active(handle, applicationId));
            checkReferences(kind, key, rule, active);
            Optional<StoredRule> existing = store.find(handle, applicationId, kind, key);
            existing.ifPresent(stored -> checkChangeable(key, stored.rule(), rule));
            store.upsert(handle, applicationId, kind, key, definition, now);
            Instant createdAt = existing.map(StoredRule::createdAt).orElse(now);
            boolean created = existing.isEmpty() || existing.get().archived();
            if (created) {
                onCreated.created(handle, rule, now);
            }
            return new Put(new StoredRule(kind, key, rule, createdAt, now, Optional.empty()), created);
        });
        cache.remove(applicationId);
        return put;
    }

    /** Archives a rule; 409 {@code rule_in_use} while an active rule refers to it. Archiving twice is fine. */
    public void archive(String applicationId, RuleKind kind, String key) {
        jdbi.useTransaction(handle -> {
            store.bumpVersion(handle, applicationId);
            StoredRule rule = store.find(handle, applicationId, kind, key).orElseThrow(() -> notFound(kind, key));
            if (rule.archived()) {
                return;
            }
            String ref = kind.ref(key);
            List<String> usedBy = new ArrayList<>();
            byRef(store.active(handle, applicationId)).forEach((otherRef, other) -> {
                if (!otherRef.equals(ref) && RuleCodec.references(other).contains(ref)) {
                    usedBy.add(otherRef);
                }
            });
            if (!usedBy.isEmpty()) {
                usedBy.sort(null);
                throw new ApiException(409, "rule_in_use", "Rule in use", ref
                        + " is used by active rules; change or archive them first: " + String.join(", ", usedBy),
                        Map.of("used_by", usedBy), Map.of());
            }
            store.archive(handle, applicationId, kind, key, clock.instant());
        });
        cache.remove(applicationId);
    }

    /**
     * One rule, archived or not; 404 when it was never defined. An active rule comes from the cache
     * of the current version (one version read); an archived one from the store.
     */
    public StoredRule getCurrent(String applicationId, RuleKind kind, String key) {
        return jdbi.withHandle(handle -> Optional.ofNullable(active(handle, applicationId).stored().get(kind.ref(key)))
                .or(() -> store.find(handle, applicationId, kind, key)))
                .orElseThrow(() -> notFound(kind, key));
    }

    /** One rule, archived or not; 404 when it was never defined. */
    public StoredRule get(String applicationId, RuleKind kind, String key) {
        return jdbi.withHandle(handle -> store.find(handle, applicationId, kind, key))
                .orElseThrow(() -> notFound(kind, key));
    }

    /**
     * A page of the rules of one kind that {@code visible} accepts, in key order: rules it refuses
     * are skipped without shortening the page.
     */
    public PageRequest.Page<StoredRule> list(String applicationId, RuleKind kind, PageRequest page,
            boolean includeArchived, java.util.function.Predicate<StoredRule> visible) {
        int wanted = page.limit() + 1;
        List<StoredRule> shown = new ArrayList<>(wanted);
        jdbi.useHandle(handle -> {
            Optional<String> after = page.after();
            while (shown.size() < wanted) {
                List<StoredRule> fetched = store.list(handle, applicationId, kind, after, wanted, includeArchived);
                fetched.stream().filter(visible).limit(wanted - shown.size()).forEach(shown::add);
                if (fetched.size() < wanted) {
                    return;
                }
                after = Optional.of(fetched.getLast().key());
            }
        });
        return page.page(shown, StoredRule::key);
    }

    /** The active rules as of the handle's transaction, from the cache when its version is current. */
    public Rules rules(Handle handle, String applicationId) {
        return active(handle, applicationId).rules();
    }

    /** The active leaderboards as of the handle's transaction, in key order. */
    public List<LeaderboardRule> leaderboards(Handle handle, String applicationId) {
        return active(handle, applicationId).leaderboards();
    }

    /** The active leaderboards now. */
    public List<LeaderboardRule> leaderboards(String applicationId) {
        return jdbi.withHandle(handle -> leaderboards(handle, applicationId));
    }

    /** The applications that have an active rule of {@code kind}. */
    public List<String> applicationsWith(RuleKind kind) {
        return jdbi.withHandle(handle -> store.applicationsWith(handle, kind));
    }

    private Active active(Handle handle, String applicationId) {
        long version = store.version(handle, applicationId);
        Active cached = cache.get(applicationId);
        if (cached != null && cached.rules().version() == version) {
            return cached;
        }
        List<MetricRule> metrics = new ArrayList<>();
        List<PointsSystem> systems = new ArrayList<>();
        List<Achievement> achievements = new ArrayList<>();
        List<LeaderboardRule> leaderboards = new ArrayList<>();
        List<StreakRule> streaks = new ArrayList<>();
        Map<String, StoredRule> stored = new HashMap<>();
        for (StoredRule rule : store.active(handle, applicationId)) {
            stored.put(rule.kind().ref(rule.key()), rule);
            switch (rule.rule()) {
                case MetricRule metric -> metrics.add(metric);
                case PointsSystem system -> systems.add(system);
                case Achievement achievement -> achievements.add(achievement);
                case StreakRule streak -> streaks.add(streak);
                case LeaderboardRule leaderboard -> leaderboards.add(leaderboard);
                default -> throw new IllegalStateException("unexpected rule " + rule.rule());
            }
        }
        Active active = new Active(Rules.of(version, metrics, systems, achievements, streaks),
                List.copyOf(leaderboards), Map.copyOf(stored));
        cache.put(applicationId, active);
        return active;
    }

    /** The active rules now. */
    public Rules rules(String applicationId) {
        return jdbi.withHandle(handle -> rules(handle, applicationId));
    }

    /** The canonical JSON of a rule's definition. */
    public static ObjectNode definition(Object rule) {
        return switch (rule) {
            case MetricRule metric -> RuleCodec.json(metric);
            case PointsSystem system -> RuleCodec.json(system);
            case Achievement achievement -> RuleCodec.json(achievement);
            case LeaderboardRule leaderboard -> LeaderboardCodec.json(leaderboard);
            case StreakRule streak -> StreakCodec.json(streak);
            default -> throw new IllegalArgumentException("not a rule: " + rule);
        };
    }

    /**
     * Refuses a change that would give users' stored state another meaning: a streak's period
     * length and week start (409 {@code streak_immutable}; define a new streak instead).
     */
    private static void checkChangeable(String key, Object before, Object after) {
        if (before instanceof LeaderboardRule old && after instanceof LeaderboardRule changed
                && !old.sameScoring(changed)) {
            throw new ApiException(409, "leaderboard_immutable", "Leaderboard cannot change this way",
                    "the rank_by, period, timezone and week_start of leaderboard '" + key + "' cannot change: "
                            + "its stored scores would not mean the same; define a new key instead",
                    Map.of("field", "rank_by"), Map.of());
        }
        if (before instanceof StreakRule old && after instanceof StreakRule changed) {
            StreakCodec.immutableChange(old, changed).ifPresent(field -> {
                throw new ApiException(409, "streak_immutable", "Streak cannot change this way", "the '" + field
                        + "' of a streak cannot change once defined (users' periods were counted with it); "
                        + "define a streak with another key instead", Map.of("field", field), Map.of());
            });
        }
    }

    private static Map<String, Object> byRef(List<StoredRule> rules) {
        Map<String, Object> byRef = new HashMap<>();
        rules.forEach(rule -> byRef.put(rule.kind().ref(rule.key()), rule.rule()));
        return byRef;
    }

    private static void checkReferences(RuleKind kind, String key, Object rule, Map<String, Object> active) {
        List<String> missing = RuleCodec.references(rule).stream()
                .filter(ref -> !active.containsKey(ref) && !ref.equals(kind.ref(key)))
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw new ApiException(400, "unknown_rule", "Unknown rule", "the rule refers to rules that are not "
                    + "defined or are archived: " + String.join(", ", missing), Map.of("field", fieldOf(kind, rule, missing),
                            "missing", missing), Map.of());
        }
        if (rule instanceof Achievement achievement && achievement.criterion() instanceof Criterion.AllOf) {
            Map<String, Object> graph = new HashMap<>(active);
            graph.put(kind.ref(key), rule);
            if (reaches(graph, achievement, RuleKind.ACHIEVEMENT.ref(key))) {
                throw ApiException.invalidField("trigger.prerequisites",
                        "the prerequisites of '" + key + "' lead back to it");
            }
        }
    }

    /** The member holding the first missing reference. */
    private static String fieldOf(RuleKind kind, Object rule, List<String> missing) {
        return switch (kind) {
            case LEADERBOARD -> LeaderboardCodec.referenceField((LeaderboardRule) rule);
            case METRIC -> "key";
            case POINTS_SYSTEM -> "triggers";
            case STREAK -> "conditions";
            case ACHIEVEMENT -> missing.stream().allMatch(ref -> ref.startsWith(RuleKind.POINTS_SYSTEM.stored() + ":"))
                    ? "reward.system" : "trigger";
        };
    }

    /** True when following composite prerequisites from {@code start} arrives at {@code target}. */
    private static boolean reaches(Map<String, Object> graph, Achievement start, String target) {
        Deque<Achievement> pending = new ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            if (pending.pop().criterion() instanceof Criterion.AllOf all) {
                for (String prerequisite : all.prerequisites()) {
                    String ref = RuleKind.ACHIEVEMENT.ref(prerequisite);
                    if (ref.equals(target)) {
                        return true;
                    }
                    if (seen.add(ref) && graph.get(ref) instanceof Achievement next) {
                        pending.push(next);
                    }
                }
            }
        }
        return false;
    }

    private static ApiException notFound(RuleKind kind, String key) {
        return ApiException.notFound("no " + kind.stored().replace('_', ' ') + " '" + key + "'");
    }
}
