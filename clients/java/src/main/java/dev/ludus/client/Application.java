package dev.ludus.client;

import java.time.Instant;
import java.util.List;

/**
 * An application's settings, as {@code GET /v1/application} answers them (never a secret).
 *
 * @param timezone the IANA timezone whose days and weeks judge the streaks of users without a
 *         timezone of their own; {@code UTC} unless set
 * @param maxTeamsPerUser how many teams one user may be a member of ({@link TeamsApi#join}); 10 unless set
 */
public record Application(String id, String tenantId, String name, List<String> defaultScopes,
        long maxTokenLifetimeSeconds, boolean ecdsaEnabled, List<String> clientScopes, String timezone,
        int maxTeamsPerUser, String clientId, Instant createdAt, Instant updatedAt, Instant ecdsaLastUsedAt) { }
