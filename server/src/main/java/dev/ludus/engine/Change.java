package dev.ludus.engine;

import java.util.List;

/** The engine's answer: the user's new state and what changed, in order. */
public record Change(UserState state, List<Outcome> outcomes) {

    public Change {
        outcomes = List.copyOf(outcomes);
    }

    /** The outcomes of one kind. */
    public <T extends Outcome> List<T> outcomes(Class<T> kind) {
        return outcomes.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
