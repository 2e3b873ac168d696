package dev.ludus.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** A rule as stored: its kind and key, the kind's value of it, and its history. */
public record StoredRule<R>(RuleKind<R> kind, String key, R rule, Instant createdAt, Instant updatedAt,
        Optional<Instant> archivedAt) {

    public boolean archived() {
        return archivedAt.isPresent();
    }

    /** {@code kind:key}. */
    public String ref() {
        return kind.ref(key);
    }

    /** The canonical JSON of the definition. */
    public ObjectNode definition() {
        return kind.write(rule);
    }

    /** The rules it refers to, as {@code kind:key}. */
    public Set<String> references() {
        return kind.references(rule);
    }
}
