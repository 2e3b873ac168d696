package dev.ludus.client;

import java.time.Instant;
import java.util.Map;

/** A user's profile as the server holds it ({@code /v1/users/{id}}); members never set are null. */
public record User(String id, String name, String email, String timezone, Map<String, String> attributes,
        Instant createdAt, Instant updatedAt) { }
