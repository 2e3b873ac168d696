package dev.ludus.client;

import java.time.Instant;
import java.util.Map;

/**
 * A team of users as the server holds it ({@code /v1/teams/{id}}).
 *
 * @param id the application's own id (1 to 255 characters, no control characters, no {@code /})
 * @param name the display name; the id unless one was given
 * @param attributes the team's string attributes; empty when none
 * @param members how many users are members of it
 */
public record Team(String id, String name, Map<String, String> attributes, long members, Instant createdAt,
        Instant updatedAt) {

    /** Its definition, to change a member and {@code PUT} it back (a {@code PUT} replaces name and attributes). */
    public TeamDefinition definition() {
        return new TeamDefinition(name, attributes);
    }
}
