package dev.ludus.rules;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The registered rule kinds with their hooks, in registration order. Kinds are added at start-up,
 * before the routes are built; the list is copy-on-write, so that the request threads that read it
 * later see every kind added before them.
 */
final class RuleKinds {

    /** A kind's name: the {@code kind} column holds 16 characters. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z_]{0,15}");
    /** A kind's collection: one path segment. */
    static final Pattern COLLECTION = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    /** A kind and what its routes do. */
    record Registered<R>(RuleKind<R> kind, RuleHooks<R> hooks) { }

    private final List<Registered<?>> registered = new CopyOnWriteArrayList<>();

    /** Adds a kind; {@link IllegalArgumentException} when its name, collection or type is malformed or taken. */
    synchronized <R> void add(RuleKind<R> kind, RuleHooks<R> hooks) {
        Objects.requireNonNull(hooks, "hooks");
        if (!NAME.matcher(kind.name()).matches()) {
            throw new IllegalArgumentException("rule kind name '" + kind.name() + "' must match " + NAME.pattern());
        }
        if (!COLLECTION.matcher(kind.collection()).matches()) {
            throw new IllegalArgumentException("collection '" + kind.collection() + "' of rule kind '" + kind.name()
                    + "' must match " + COLLECTION.pattern());
        }
        for (Registered<?> other : registered) {
            if (other.kind().name().equals(kind.name()) || other.kind().collection().equals(kind.collection())
                    || other.kind().type().equals(kind.type())) {
                throw new IllegalArgumentException("rule kind '" + kind.name() + "' (/v1/" + kind.collection() + ", "
                        + kind.type().getSimpleName() + ") clashes with the registered kind '" + other.kind().name()
                        + "' (/v1/" + other.kind().collection() + ", " + other.kind().type().getSimpleName() + ")");
            }
        }
        registered.add(new Registered<>(kind, hooks));
    }

    List<Registered<?>> all() {
        return List.copyOf(registered);
    }

    /** The hooks registered with {@code kind}; {@link IllegalArgumentException} when it is not registered. */
    @SuppressWarnings("unchecked")
    <R> RuleHooks<R> hooks(RuleKind<R> kind) {
        for (Registered<?> entry : registered) {
            if (entry.kind() == kind) {
                // registered together by add(kind, hooks): the hooks are of the kind's rule type
                return (RuleHooks<R>) entry.hooks();
            }
        }
        throw new IllegalArgumentException("rule kind '" + kind.name() + "' is not registered");
    }

    /** The kind stored as {@code name}; {@link IllegalStateException} when none is registered under it. */
    RuleKind<?> named(String name) {
        for (Registered<?> entry : registered) {
            if (entry.kind().name().equals(name)) {
                return entry.kind();
            }
        }
        throw new IllegalStateException("unknown rule kind in the store: " + name);
    }
}
