package dev.ludus.client;

import java.util.Map;

/**
 * A whole profile, as {@code PUT /v1/users/{id}} takes it: a null member is cleared. To change
 * one member alone, send {@link ProfileChanges} with an event, or put the whole profile again.
 *
 * @param name 1 to 200 characters
 * @param email up to 320 characters, with {@code @}
 * @param timezone an IANA time zone id ({@code Europe/Paris}, {@code UTC})
 * @param attributes at most 50 string members
 */
public record UserProfile(String name, String email, String timezone, Map<String, String> attributes) {

    public UserProfile {
        attributes = attributes == null ? null : Map.copyOf(attributes);
    }
}
