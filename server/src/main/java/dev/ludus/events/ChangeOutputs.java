package dev.ludus.events;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@link ChangeListener}s of one change produced, by typed key: later listeners read what
 * earlier ones put (the webhook outbox reads the leaderboard's rank changes), and a key with a member
 * name also adds its value to the answer of {@code POST /v1/events} under that name. Confined to the
 * writer thread of the change.
 */
public final class ChangeOutputs {

    /** The key of one kind of output, typed by its value. Keys compare by identity. */
    public static final class Key<T> {
        private final String name;
        private final boolean answered;

        private Key(String name, boolean answered) {
            this.name = name;
            this.answered = answered;
        }

        /** An output that listeners share and that the event's answer shows as the member {@code member}. */
        public static <T> Key<T> answered(String member) {
            return new Key<>(member, true);
        }

        /** An output that listeners share, not shown in answers. */
        public static <T> Key<T> internal(String name) {
            return new Key<>(name, false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final Map<Key<?>, Object> values = new HashMap<>();
    private final Map<String, Object> answer = new LinkedHashMap<>();

    /** Puts the output under {@code key}; a key is put once per change. */
    public <T> void put(Key<T> key, T value) {
        if (values.putIfAbsent(key, value) != null) {
            throw new IllegalStateException("the output '" + key + "' of this change is already set");
        }
        if (key.answered) {
            answer.put(key.name, value);
        }
    }

    /** The output under {@code key}, if a listener put one. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> get(Key<T> key) {
        return Optional.ofNullable((T) values.get(key));
    }

    /** The answer's members, in the order they were put. */
    Map<String, Object> answerMembers() {
        return Collections.unmodifiableMap(answer);
    }
}
