package dev.ludus.client;

import java.time.Instant;
import java.util.List;

/**
 * An application's settings, as {@code GET /v1/application} answers them (never a secret).
 *
 * @param timezone the IANA timezone whose days and weeks judge the streaks of users without a
 *         timezone of their own; {@code UTC} unless set
 * @param maxTeamsPerUser how many teams one user may be a member of ({@link TeamsApi#join}); 10 unless set
 * @param controlGroupPercent the share of the application's users (0 to 100 percent) held out of the
 *         game's feedback, the control group ({@link EventAnswer#controlGroup()},
 *         {@link User#controlGroup()}, {@link UsageStats.Bucket#groups()}); 0 unless set
 * @param defaultLanguage the BCP 47 tag of the language answers name rules in when a rule's names have
 *         neither the user's {@link User#locale()} nor one the request's {@code Accept-Language} asks for
 *         ({@link LudusClient.Builder#acceptLanguage}); {@code en} unless set (and from a server without it)
 */
public record Application(String id, String tenantId, String name, List<String> defaultScopes,
        long maxTokenLifetimeSeconds, boolean ecdsaEnabled, List<String> clientScopes, String timezone,
        int maxTeamsPerUser, int controlGroupPercent, String defaultLanguage, String clientId, Instant createdAt,
        Instant updatedAt, Instant ecdsaLastUsedAt) {

    public Application {
        defaultLanguage = defaultLanguage == null ? "en" : defaultLanguage;
    }

    /**
     * The settings with the default language {@code en}, as this record was before it had
     * {@link #defaultLanguage()}, so that code building answers (test doubles) keeps compiling.
     */
    public Application(String id, String tenantId, String name, List<String> defaultScopes,
            long maxTokenLifetimeSeconds, boolean ecdsaEnabled, List<String> clientScopes, String timezone,
            int maxTeamsPerUser, int controlGroupPercent, String clientId, Instant createdAt, Instant updatedAt,
            Instant ecdsaLastUsedAt) {
        this(id, tenantId, name, defaultScopes, maxTokenLifetimeSeconds, ecdsaEnabled, clientScopes, timezone,
                maxTeamsPerUser, controlGroupPercent, null, clientId, createdAt, updatedAt, ecdsaLastUsedAt);
    }

    /**
     * The settings without a control group, as this record was before it had
     * {@link #controlGroupPercent()} (0), so that code building answers (test doubles) keeps compiling.
     */
    public Application(String id, String tenantId, String name, List<String> defaultScopes,
            long maxTokenLifetimeSeconds, boolean ecdsaEnabled, List<String> clientScopes, String timezone,
            int maxTeamsPerUser, String clientId, Instant createdAt, Instant updatedAt, Instant ecdsaLastUsedAt) {
        this(id, tenantId, name, defaultScopes, maxTokenLifetimeSeconds, ecdsaEnabled, clientScopes, timezone,
                maxTeamsPerUser, 0, clientId, createdAt, updatedAt, ecdsaLastUsedAt);
    }
}
