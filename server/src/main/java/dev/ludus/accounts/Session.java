package dev.ludus.accounts;
import java.time.Instant;
import java.util.Optional;
public record Session(String id, Optional<String> accountId, String csrfToken, Instant createdAt, Instant lastSeenAt, Instant expiresAt) {}
