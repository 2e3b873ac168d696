package dev.ludus.tenancy;

import java.time.Instant;

/** A tenant: the owner of applications, and the {@code iss} of their tokens. */
public record Tenant(String id, String name, Instant createdAt) { }
