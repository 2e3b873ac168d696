package dev.ludus.rules;

import dev.ludus.http.JsonBody;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * The draft of one {@link RuleService#dryRun}: its writes go to the dry run's transaction, and the
 * active rules as they leave them are kept here rather than read again for every write. Used by the
 * thread of that transaction only, and only while it lasts.
 */
final class RuleDraft implements RuleService.Draft {

    private final RuleService rules;
    private final Handle handle;
    private final String applicationId;
    private final Clock clock;
    /** The active rules by reference, as of the draft's last write. */
    private final Map<String, StoredRule<?>> active = new TreeMap<>();

    RuleDraft(RuleService rules, Handle handle, String applicationId, List<StoredRule<?>> active, Clock clock) {
        this.rules = rules;
        this.handle = handle;
        this.applicationId = applicationId;
        this.clock = clock;
        active.forEach(rule -> this.active.put(rule.ref(), rule));
    }

    @Override
    public <R> RuleService.Put<R> put(RuleKind<R> kind, String key, JsonBody body) {
        R rule = kind.read(key, body);
        Optional<RuleService.Put<R>> unchanged = rules.unchanged(handle, applicationId, kind, key, kind.write(rule));
        if (unchanged.isPresent()) {
            return unchanged.get();
        }
        RuleService.Put<R> put = rules.write(handle, applicationId, kind, key, rule,
                new ActiveRules(List.copyOf(active.values())), (h, created, now) -> { });
        active.put(put.rule().ref(), put.rule());
        return put;
    }

    @Override
    public void archive(RuleKind<?> kind, String key) {
        if (rules.archive(handle, applicationId, kind, key, clock.instant(), active.values())) {
            active.remove(kind.ref(key));
        }
    }
}
