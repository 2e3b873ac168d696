package dev.ludus.rules;

/**
 * A {@link RuleKind} whose name, collection and type are given at construction, so that a kind writes
 * only its codec and checks.
 */
public abstract class AbstractRuleKind<R> implements RuleKind<R> {

    private final String name;
    private final String collection;
    private final Class<R> type;

    protected AbstractRuleKind(String name, String collection, Class<R> type) {
        this.name = name;
        this.collection = collection;
        this.type = type;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String collection() {
        return collection;
    }

    @Override
    public final Class<R> type() {
        return type;
    }

    @Override
    public String toString() {
        return name;
    }
}
