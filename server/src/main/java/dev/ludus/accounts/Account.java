package dev.ludus.accounts;
import java.time.Instant;
import java.util.List;
public record Account(String id, String email, String displayName, Instant createdAt, boolean active, List<Role> roles) {}
