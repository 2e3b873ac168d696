package dev.ludus.tenancy;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** A partial update of an application's settings: empty members stay as they are. */
public record ApplicationChanges(
        Optional<String> name,
        Optional<List<String>> defaultScopes,
        Optional<Long> maxTokenLifetimeSeconds,
        Optional<Boolean> ecdsaEnabled,
        Optional<List<String>> clientScopes,
        Optional<ZoneId> timezone,
        Optional<List<String>> corsOrigins,
        Optional<Integer> maxTeamsPerUser,
        Optional<Integer> controlGroupPercent,
        Optional<String> defaultLanguage) { }
