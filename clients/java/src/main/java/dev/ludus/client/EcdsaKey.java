package dev.ludus.client;

import java.time.Instant;
import java.util.List;

/**
 * A legacy ECDSA key registered for the application, by its lower-case address.
 *
 * @param lastUsedAt when the key last signed an accepted request, by the server's clock; null if it never did
 */
public record EcdsaKey(String address, List<String> scopes, Instant createdAt, Instant lastUsedAt) { }
