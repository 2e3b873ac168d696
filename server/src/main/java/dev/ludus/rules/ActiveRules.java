package dev.ludus.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The active (not archived) rules of one application as of one rule-set version, of every kind, in
 * the order of kind name then key. Immutable.
 */
public final class ActiveRules {

    private final List<StoredRule<?>> rules;
    private final Map<String, StoredRule<?>> byRef;

    ActiveRules(List<StoredRule<?>> rules) {
        this.rules = List.copyOf(rules);
        Map<String, StoredRule<?>> refs = new HashMap<>();
        rules.forEach(rule -> refs.put(rule.ref(), rule));
        this.byRef = Map.copyOf(refs);
    }

    /** Every active rule, as stored. */
    public List<StoredRule<?>> stored() {
        return rules;
    }

    /** The active rules that are instances of {@code type} (a kind's {@link RuleKind#type()}), in key order. */
    public <T> List<T> all(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (StoredRule<?> rule : rules) {
            if (type.isInstance(rule.rule())) {
                found.add(type.cast(rule.rule()));
            }
        }
        return List.copyOf(found);
    }

    /** The active rule of {@code kind} under {@code key}. */
    public <T> Optional<T> find(RuleKind<T> kind, String key) {
        return Optional.ofNullable(byRef.get(kind.ref(key))).map(rule -> kind.type().cast(rule.rule()));
    }

    /** True when the rule {@code kind:key} is active. */
    public boolean contains(String ref) {
        return byRef.containsKey(ref);
    }

    /** The active rule of {@code kind} under {@code key}, as stored. */
    @SuppressWarnings("unchecked")
    <T> Optional<StoredRule<T>> stored(RuleKind<T> kind, String key) {
        // one kind per name is registered, so the stored rule under kind's reference is of kind's type
        return Optional.ofNullable((StoredRule<T>) byRef.get(kind.ref(key)));
    }
}
