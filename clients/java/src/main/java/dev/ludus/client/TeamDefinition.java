package dev.ludus.client;

import java.util.Map;

/**
 * A team as {@code PUT /v1/teams/{id}} takes it: the {@code PUT} replaces both members, and a null
 * member takes its default. The members of the team are not part of it.
 *
 * @param name 1 to 200 characters; null: the team id
 * @param attributes at most 50 string members (names {@code [A-Za-z0-9_.-]{1,64}}, values up to 500
 *         characters), as a user's; null: none
 */
public record TeamDefinition(String name, Map<String, String> attributes) {

    public TeamDefinition {
        attributes = attributes == null ? null : Map.copyOf(attributes);
    }

    /** A team named {@code name}, without attributes. */
    public static TeamDefinition named(String name) {
        return new TeamDefinition(name, null);
    }
}
