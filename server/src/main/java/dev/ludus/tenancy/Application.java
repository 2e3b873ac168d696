package dev.ludus.tenancy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * An application as its administrators see it: settings, never secrets.
 *
 * @param defaultScopes scopes granted to a token without {@code scope}
 * @param maxTokenLifetimeSeconds the longest {@code exp - iat} accepted
 * @param ecdsaEnabled whether legacy ECDSA request signing is accepted
 * @param clientScopes scopes of the tokens the client credentials get at {@code /v1/auth_token}
 * @param timezone the timezone of its users who have none, for streaks; UTC unless set
 * @param corsOrigins browser origins allowed to call its {@code /v1} API (CORS), normalised
 * @param maxTeamsPerUser how many teams one user may be a member of
 * @param controlGroupPercent the share of its users held out of the game's feedback, 0 to 100
 *     ({@link dev.ludus.engine.ControlGroup})
 * @param defaultLanguage the BCP 47 tag of the language answers fall back to when a rule's name has
 *     neither the user's nor the request's; {@code en} unless set
 * @param ecdsaLastUsedAt when an ECDSA-signed request last authenticated (written at most once a
 *     minute per node, so up to a minute behind); null if never
 */
public record Application(
        String id,
        String tenantId,
        String name,
        List<String> defaultScopes,
        long maxTokenLifetimeSeconds,
        boolean ecdsaEnabled,
        List<String> clientScopes,
        ZoneId timezone,
        List<String> corsOrigins,
        int maxTeamsPerUser,
        int controlGroupPercent,
        String defaultLanguage,
        String clientId,
        Instant createdAt,
        Instant updatedAt,
        Instant ecdsaLastUsedAt) {

    public Application {
        defaultScopes = List.copyOf(defaultScopes);
        clientScopes = List.copyOf(clientScopes);
        corsOrigins = List.copyOf(corsOrigins);
        Objects.requireNonNull(timezone, "timezone");
    }

    /** Its default language, for pages that speak to no user in particular (the console). */
    public dev.ludus.engine.Language language() {
        return dev.ludus.engine.Language.of(defaultLanguage);
    }
}
