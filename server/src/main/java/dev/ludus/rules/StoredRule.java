package dev.ludus.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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

    /** The rule as the API shows it: its key, its definition, and when it was created, changed and archived. */
    public ObjectNode view() {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("key", key);
        view.setAll(definition());
        view.put("created_at", createdAt.toString());
        view.put("updated_at", updatedAt.toString());
        view.put("archived_at", archivedAt.map(Object::toString).orElse(null));
        return view;
    }
}
