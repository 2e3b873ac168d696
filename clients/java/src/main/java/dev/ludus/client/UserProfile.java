package dev.ludus.client;

import java.util.Map;

/**
 * A whole profile, as {@code PUT /v1/users/{id}} takes it: a null member is cleared. To change
 * one member alone, send {@link ProfileChanges} with an event, or put the whole profile again.
 *
 * @param name 1 to 200 characters
 * @param email up to 320 characters, with {@code @}
 * @param timezone an IANA time zone id ({@code Europe/Paris}, {@code UTC})
 * @param locale the user's own language, a BCP 47 tag such as {@code fr} or {@code pt-BR}, up to 35
 *         characters: answers about them name rules in it first
 * @param attributes at most 50 string members
 */
public record UserProfile(String name, String email, String timezone, String locale, Map<String, String> attributes) {

    public UserProfile {
        attributes = attributes == null ? null : Map.copyOf(attributes);
    }

    /**
     * The profile without a locale, as this record was before it had {@link #locale()}, so that code
     * building profiles keeps compiling. Being a whole profile, it clears a locale the user had.
     */
    public UserProfile(String name, String email, String timezone, Map<String, String> attributes) {
        this(name, email, timezone, null, attributes);
    }
}
