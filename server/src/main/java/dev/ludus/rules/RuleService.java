package dev.ludus.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.audit.Actor;
import dev.ludus.audit.AuditLog;
import dev.ludus.engine.Rules;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.JsonBody;
import dev.ludus.http.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Defines, reads and archives rules of the registered kinds, and serves each application's active
 * rules. Every change bumps the application's rule-set version in the same transaction;
 * {@link #active(Handle, String)} compares that version with its cache, so a writer always applies the
 * rules committed before it, whichever node changed them. The cache is a concurrent map of immutable
 * values.
 */
public final class RuleService {

    private final Jdbi jdbi;
    private final RuleKinds kinds = new RuleKinds();
    private final RuleStore store;
    private final AuditLog audit = new AuditLog();
    private final Clock clock;
    private final ConcurrentMap<String, Version> cache = new ConcurrentHashMap<>();

    /** One version of an application's active rules: the engine's view of them, and every rule as stored. */
    private record Version(Rules rules, ActiveRules active) { }

    public RuleService(Jdbi jdbi, Json json, Clock clock) {
        this.jdbi = jdbi;
        this.store = new RuleStore(json, kinds);
        this.clock = clock;
    }

    /** Registers a kind without hooks; see {@link #register(RuleKind, RuleHooks)}. */
    public <R> RuleService register(RuleKind<R> kind) {
        return register(kind, RuleHooks.none());
    }

    /**
     * Registers a kind and what its routes do, at start-up, before the routes are built and before any
     * rule is read: a stored rule of a kind not registered cannot be read. {@link IllegalArgumentException}
     * when another kind has its name, collection or type.
     */
    public <R> RuleService register(RuleKind<R> kind, RuleHooks<R> hooks) {
        kinds.add(kind, hooks);
        return this;
    }

    /** The registered kinds with their hooks, in registration order. */
    List<RuleKinds.Registered<?>> kinds() {
        return kinds.all();
    }

    /** The registered kinds, in registration order: what a client of every kind (the console) lists. */
    public List<RuleKind<?>> registeredKinds() {
        return kinds.all().stream().<RuleKind<?>>map(RuleKinds.Registered::kind).toList();
    }

    /** What a PUT does to the stored rule. */
    public enum Result {
        /** The key was never defined: 201. */
        CREATED,
        /** The rule was archived and is active again: 201. */
        RESTORED,
        /** The active rule gets another definition: 200. */
        CHANGED,
        /** The active rule already has this definition; nothing is written: 200. */
        UNCHANGED;

        /** As the API writes it: {@code created}. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The answer of a PUT, or of its dry run: the rule as stored (or as it would be), what the PUT does
     * to it, and the definition stored before it, if any (archived or not).
     */
    public record Put<R>(StoredRule<R> rule, Result result, Optional<ObjectNode> before) {

        /** Whether the rule is new or restored from the archive (201). */
        public boolean created() {
            return result == Result.CREATED || result == Result.RESTORED;
        }

        /**
         * The members of the definition whose value differs from the definition stored before, in name
         * order: every member when there was none, none when the rule is unchanged.
         */
        public List<String> changedMembers() {
            ObjectNode after = rule.definition();
            ObjectNode previous = before.orElseGet(JsonNodeFactory.instance::objectNode);
            Set<String> names = new TreeSet<>();
            after.properties().forEach(entry -> names.add(entry.getKey()));
            previous.properties().forEach(entry -> names.add(entry.getKey()));
            return names.stream().filter(name -> !Objects.equals(after.get(name), previous.get(name))).toList();
        }
    }

    /** Work done in the transaction that creates or restores a rule (a backfill). */
    @FunctionalInterface
    public interface OnCreated<R> {
        void created(Handle handle, R rule, Instant now);
    }

    /** Creates, changes or restores a rule after checking that everything it refers to is active. */
    public <R> Put<R> put(Actor actor, String applicationId, RuleKind<R> kind, String key, JsonBody body) {
        return put(actor, applicationId, kind, key, body, (handle, rule, now) -> { });
    }

    /**
     * {@link #put}, running {@code onCreated} in the same transaction when the rule is new or restored.
     * The checks, in order: the body (400), the references (400 {@code unknown_rule}), the kind's checks
     * against the active rules, the kind's checks of a change (409). A change is recorded in the audit
     * log as {@code rule.put}, by {@code actor}, in the same transaction; a PUT that changes nothing is not.
     */
    public <R> Put<R> put(Actor actor, String applicationId, RuleKind<R> kind, String key, JsonBody body,
            OnCreated<R> onCreated) {
        return put(Optional.of(actor), applicationId, kind, key, body, onCreated);
    }

    /**
     * What {@link #put} would do, without writing anything: the same checks and refusals, then the same
     * transaction (with {@code onCreated}, whose count of a backfill is then exact) rolled back. No rule,
     * no version, no audit entry and no cache changes.
     */
    public <R> Put<R> preview(String applicationId, RuleKind<R> kind, String key, JsonBody body,
            OnCreated<R> onCreated) {
        return put(Optional.empty(), applicationId, kind, key, body, onCreated);
    }

    /** A PUT as the routes answer it: what it did, and the view of the rule with what its kind's hooks add. */
    public record Answer<R>(Put<R> put, ObjectNode view) { }

    /**
     * {@link #put} as the routes make it: with the hooks registered for {@code kind} (work in the
     * transaction that creates or restores the rule, such as a backfill, then the answer's additions
     * after the commit). {@link IllegalArgumentException} when {@code kind} is not registered.
     */
    public <R> Answer<R> putWithHooks(Actor actor, String applicationId, RuleKind<R> kind, String key, JsonBody body) {
        RuleHooks.Put<R> hook = kinds.hooks(kind).put(applicationId);
        Put<R> put = put(actor, applicationId, kind, key, body, hook::created);
        ObjectNode view = put.rule().view();
        hook.answer(put, view);
        return new Answer<>(put, view);
    }

    /** {@link #preview} as the routes make it, with the hooks registered for {@code kind}: see {@link #putWithHooks}. */
    public <R> Answer<R> previewWithHooks(String applicationId, RuleKind<R> kind, String key, JsonBody body) {
        RuleHooks.Put<R> hook = kinds.hooks(kind).put(applicationId);
        Put<R> preview = preview(applicationId, kind, key, body, hook::created);
        ObjectNode view = preview.rule().view();
        hook.preview(preview, view);
        return new Answer<>(preview, view);
    }

    /** A put by {@code actor}, or a dry run without one. */
    private <R> Put<R> put(Optional<Actor> actor, String applicationId, RuleKind<R> kind, String key, JsonBody body,
            OnCreated<R> onCreated) {
        boolean dryRun = actor.isEmpty();
        R rule = kind.read(key, body);
        ObjectNode definition = kind.write(rule);
        Optional<Put<R>> unchanged = jdbi.withHandle(handle -> unchanged(handle, applicationId, kind, key, definition));
        if (unchanged.isPresent()) {
            return unchanged.get();
        }
        Put<R> put = jdbi.inTransaction(handle -> {
            store.bumpVersion(handle, applicationId);
            Put<R> written = write(handle, applicationId, kind, key, rule,
                    new ActiveRules(store.active(handle, applicationId)), onCreated);
            if (dryRun) {
                handle.rollback();
            } else {
                audit.record(handle, written.rule().updatedAt(), actor.get(), AuditLog.Change.ofApplication(applicationId,
                        "rule.put", kind.name(), key, written.result().value() + " " + kind.noun() + " '" + key + "'"));
            }
            return written;
        });
        if (!dryRun) {
            cache.remove(applicationId);
        }
        return put;
    }

    /** The answer of a PUT of {@code definition} when it is the active rule's already. */
    <R> Optional<Put<R>> unchanged(Handle handle, String applicationId, RuleKind<R> kind, String key,
            ObjectNode definition) {
        return store.find(handle, applicationId, kind, key)
                .filter(current -> !current.archived() && current.definition().equals(definition))
                .map(current -> new Put<>(current, Result.UNCHANGED, Optional.of(definition)));
    }

    /**
     * Checks {@code rule} against the {@code active} rules (as of the handle's transaction) and writes
     * it, in that transaction, whose version is already bumped: the references, the kind's checks, the
     * upsert, {@code onCreated}.
     */
    <R> Put<R> write(Handle handle, String applicationId, RuleKind<R> kind, String key, R rule,
            ActiveRules active, OnCreated<R> onCreated) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        checkReferences(kind, key, rule, active);
        kind.checkActive(key, rule, active);
        Optional<StoredRule<R>> existing = store.find(handle, applicationId, kind, key);
        existing.ifPresent(stored -> kind.checkChange(key, stored.rule(), rule));
        store.upsert(handle, applicationId, kind, key, kind.write(rule), now);
        Instant createdAt = existing.map(StoredRule::createdAt).orElse(now);
        Result result = existing.isEmpty() ? Result.CREATED
                : existing.get().archived() ? Result.RESTORED : Result.CHANGED;
        if (result != Result.CHANGED) {
            onCreated.created(handle, rule, now);
        }
        return new Put<>(new StoredRule<>(kind, key, rule, createdAt, now, Optional.empty()), result,
                existing.map(StoredRule::definition));
    }

    /**
     * Archives a rule; 409 {@code rule_in_use} while an active rule refers to it. Archiving twice is fine.
     * Recorded in the audit log as {@code rule.archived}, by {@code actor}, in the same transaction.
     */
    public void archive(Actor actor, String applicationId, RuleKind<?> kind, String key) {
        jdbi.useTransaction(handle -> {
            store.bumpVersion(handle, applicationId);
            Instant now = clock.instant();
            if (archive(handle, applicationId, kind, key, now, store.active(handle, applicationId))) {
                audit.record(handle, now, actor, AuditLog.Change.ofApplication(applicationId, "rule.archived",
                        kind.name(), key, "archived " + kind.noun() + " '" + key + "'"));
            }
        });
        cache.remove(applicationId);
    }

    /**
     * Archives a rule in the handle's transaction, version bumped, unless one of the {@code active}
     * rules (as of that transaction) refers to it; false when it already was archived.
     */
    boolean archive(Handle handle, String applicationId, RuleKind<?> kind, String key, Instant now,
            Collection<StoredRule<?>> active) {
        StoredRule<?> rule = store.find(handle, applicationId, kind, key).orElseThrow(() -> notFound(kind, key));
        if (rule.archived()) {
            return false;
        }
        String ref = kind.ref(key);
        List<String> usedBy = new ArrayList<>();
        for (StoredRule<?> other : active) {
            if (!other.ref().equals(ref) && other.references().contains(ref)) {
                usedBy.add(other.ref());
            }
        }
        if (!usedBy.isEmpty()) {
            usedBy.sort(null);
            throw new ApiException(409, "rule_in_use", "Rule in use", ref
                    + " is used by active rules; change or archive them first: " + String.join(", ", usedBy),
                    Map.of("used_by", usedBy), Map.of());
        }
        store.archive(handle, applicationId, kind, key, now);
        return true;
    }

    /** Puts and archives of a {@link #dryRun}: each is checked as {@link #put} and {@link #archive} check, and sees those before it. */
    public interface Draft {

        /** What {@link #put} would do now, after the draft's earlier writes; the same refusals. */
        <R> Put<R> put(RuleKind<R> kind, String key, JsonBody body);

        /** What {@link #archive} would do now, after the draft's earlier writes; the same refusals. */
        void archive(RuleKind<?> kind, String key);
    }

    /**
     * Runs {@code work} on a draft of the application's rules and throws the draft away: the puts and
     * archives made through the {@link Draft} are checked exactly as {@link #put} and {@link #archive}
     * check them, each seeing the ones before it, in one transaction rolled back at the end. Nothing is
     * written: no rule, no version, no audit entry, no hook runs. Returns what {@code work} returns;
     * its first refusal (an {@link ApiException}) is thrown after the rollback. For checking a sequence
     * of changes whole before making any.
     */
    public <T> T dryRun(String applicationId, Function<Draft, T> work) {
        return jdbi.inTransaction(handle -> {
            store.bumpVersion(handle, applicationId);
            T result = work.apply(new RuleDraft(this, handle, applicationId, store.active(handle, applicationId), clock));
            handle.rollback();
            return result;
        });
    }

    /**
     * One rule, archived or not; 404 when it was never defined. An active rule comes from the cache
     * of the current version (one version read); an archived one from the store.
     */
    public <R> StoredRule<R> getCurrent(String applicationId, RuleKind<R> kind, String key) {
        return jdbi.withHandle(handle -> version(handle, applicationId).active().stored(kind, key)
                .or(() -> store.find(handle, applicationId, kind, key)))
                .orElseThrow(() -> notFound(kind, key));
    }

    /** One rule, archived or not; 404 when it was never defined. */
    public <R> StoredRule<R> get(String applicationId, RuleKind<R> kind, String key) {
        return jdbi.withHandle(handle -> store.find(handle, applicationId, kind, key))
                .orElseThrow(() -> notFound(kind, key));
    }

    /**
     * A page of the rules of one kind that {@code visible} accepts, in key order: rules it refuses
     * are skipped without shortening the page.
     */
    public <R> PageRequest.Page<StoredRule<R>> list(String applicationId, RuleKind<R> kind, PageRequest page,
            boolean includeArchived, Predicate<StoredRule<R>> visible) {
        int wanted = page.limit() + 1;
        List<StoredRule<R>> shown = new ArrayList<>(wanted);
        jdbi.useHandle(handle -> {
            Optional<String> after = page.after();
            while (shown.size() < wanted) {
                List<StoredRule<R>> fetched = store.list(handle, applicationId, kind, after, wanted, includeArchived);
                fetched.stream().filter(visible).limit(wanted - shown.size()).forEach(shown::add);
                if (fetched.size() < wanted) {
                    return;
                }
                after = Optional.of(fetched.getLast().key());
            }
        });
        return page.page(shown, StoredRule::key);
    }

    /** The engine's active rules as of the handle's transaction, from the cache when its version is current. */
    public Rules rules(Handle handle, String applicationId) {
        return version(handle, applicationId).rules();
    }

    /** The engine's active rules now. */
    public Rules rules(String applicationId) {
        return jdbi.withHandle(handle -> rules(handle, applicationId));
    }

    /**
     * The active rules of every kind as of the handle's transaction, from the cache when its version is
     * current: {@code active(handle, id).all(LeaderboardRule.class)}.
     */
    public ActiveRules active(Handle handle, String applicationId) {
        return version(handle, applicationId).active();
    }

    /** The active rules of every kind now. */
    public ActiveRules active(String applicationId) {
        return jdbi.withHandle(handle -> active(handle, applicationId));
    }

    /** The applications that have an active rule of {@code kind}. */
    public List<String> applicationsWith(RuleKind<?> kind) {
        return jdbi.withHandle(handle -> store.applicationsWith(handle, kind));
    }

    private Version version(Handle handle, String applicationId) {
        long version = store.version(handle, applicationId);
        Version cached = cache.get(applicationId);
        if (cached != null && cached.rules().version() == version) {
            return cached;
        }
        ActiveRules active = new ActiveRules(store.active(handle, applicationId));
        Version current = new Version(Rules.from(version, active.stored().stream().map(StoredRule::rule).toList()),
                active);
        cache.put(applicationId, current);
        return current;
    }

    private static <R> void checkReferences(RuleKind<R> kind, String key, R rule, ActiveRules active) {
        List<String> missing = kind.references(rule).stream()
                .filter(ref -> !active.contains(ref) && !ref.equals(kind.ref(key)))
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw new ApiException(400, "unknown_rule", "Unknown rule", "the rule refers to rules that are not "
                    + "defined or are archived: " + String.join(", ", missing),
                    Map.of("field", kind.referenceField(rule, missing), "missing", missing), Map.of());
        }
    }

    /** 404: no rule of {@code kind} under {@code key}. */
    static ApiException notFound(RuleKind<?> kind, String key) {
        return ApiException.notFound("no " + kind.noun() + " '" + key + "'");
    }
}
