package dev.ludus.client;

import java.time.Instant;
import java.util.List;

/** A legacy ECDSA key registered for the application, by its lower-case address. */
public record EcdsaKey(String address, List<String> scopes, Instant createdAt) { }
