package dev.ludus.profiles;

import java.time.Instant;
import java.util.Map;

/** A user's profile as the API shows it. */
public record User(String id, String name, String email, String timezone, Map<String, String> attributes,
        Instant createdAt, Instant updatedAt) {

    public User {
        attributes = Map.copyOf(attributes);
    }
}
