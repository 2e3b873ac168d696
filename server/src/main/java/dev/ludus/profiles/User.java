package dev.ludus.profiles;

import java.time.Instant;
import java.util.Map;

/**
 * A user's profile as the API shows it.
 *
 * @param lastActiveAt when Ludus last received an event for the user; their creation until the first
 * @param flag the flag a velocity guard raised, null when not flagged
 * @param controlGroup whether the user is in the application's control group (the game hidden from them)
 * @param locale the user's own language (a BCP 47 tag) that answers about them are given in; null for none
 */
public record User(String id, String name, String email, String timezone, Map<String, String> attributes,
        Instant createdAt, Instant updatedAt, Instant lastActiveAt, FlagView flag, boolean controlGroup,
        String locale) {

    public User {
        attributes = Map.copyOf(attributes);
    }
}
