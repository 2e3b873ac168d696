package dev.ludus.accounts;
import java.time.Instant;
public record Invitation(Account account, String token, Instant expiresAt) {}
