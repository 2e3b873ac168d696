package dev.ludus.profiles;

import java.time.Instant;
import java.util.Map;

/**
 * A user's profile as the API shows it.
 *
 * @param lastActiveAt when Ludus last received an event for the user; their creation until the first
 */
public record User(String id, String name, String email, String timezone, Map<String, String> attributes,
        Instant createdAt, Instant updatedAt, Instant lastActiveAt) {

    public User {
        attributes = Map.copyOf(attributes);
    }
}
