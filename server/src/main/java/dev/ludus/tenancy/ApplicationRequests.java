package dev.ludus.tenancy;

import dev.ludus.auth.ApplicationLimits;
import dev.ludus.auth.Scope;
import dev.ludus.config.CorsOrigins;
import dev.ludus.http.ApiException;
import dev.ludus.http.JsonBody;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates the bodies that create or change a tenant or an application: shared by the
 * operator API, the application's own API and the console (which reads its forms through them, so
 * that a page refuses exactly what the API refuses, naming the same field).
 */
public final class ApplicationRequests {

    public static final int MAX_NAME_LENGTH = 200;
    /** The highest {@code max_teams_per_user}. */
    public static final int MAX_TEAMS_PER_USER = 1_000;

    private static final Set<String> SETTINGS = Set.of("name", "default_scopes", "max_token_lifetime_seconds",
            "ecdsa_enabled", "client_scopes", "timezone", "cors_origins", "max_teams_per_user", "control_group_percent",
            "default_language");

    private ApplicationRequests() {
    }

    /**
     * A {@code PATCH} body: any of name, default_scopes, max_token_lifetime_seconds, ecdsa_enabled, client_scopes,
     * timezone, cors_origins, max_teams_per_user, control_group_percent, default_language;
     * a member left out or {@code null} stays as it is.
     */
    public static ApplicationChanges changes(JsonBody body) {
        body.allowOnly(SETTINGS);
        Optional<List<String>> scopes = body.strings("default_scopes", Scope.values().length, 32)
                .map(names -> knownScopes("default_scopes", names));
        Optional<List<String>> clientScopes = body.strings("client_scopes", Scope.values().length, 32)
                .map(names -> knownScopes("client_scopes", names));
        return new ApplicationChanges(
                body.string("name", MAX_NAME_LENGTH),
                scopes,
                body.integer("max_token_lifetime_seconds", ApplicationLimits.MIN_TOKEN_LIFETIME_SECONDS,
                        ApplicationLimits.MAX_TOKEN_LIFETIME_SECONDS),
                body.bool("ecdsa_enabled"),
                clientScopes,
                body.timezone("timezone"),
                body.strings("cors_origins", CorsOrigins.MAX_ORIGINS, CorsOrigins.MAX_LENGTH)
                        .map(texts -> CorsOrigins.parse(texts, text -> ApiException.invalidField("cors_origins",
                                "'cors_origins' holds '" + text + "', which is not an origin: give exact origins such as"
                                        + " https://app.example.com or http://localhost:5173 (scheme, host and port only;"
                                        + " no path, no wildcard)"))),
                body.integer("max_teams_per_user", 1, MAX_TEAMS_PER_USER).map(Long::intValue),
                body.integer("control_group_percent", 0, 100).map(Long::intValue),
                body.languageTag("default_language"));
    }

    /**
     * The body that creates or renames a tenant, or creates an application: {@code {"name"}}, 1 to
     * {@value #MAX_NAME_LENGTH} characters after stripping.
     */
    public static String name(JsonBody body) {
        body.allowOnly(Set.of("name"));
        return body.requiredString("name", MAX_NAME_LENGTH);
    }

    /** The grace period of a rotation body: {@code grace_seconds}, default 24 hours. */
    public static Duration grace(JsonBody body) {
        body.allowOnly(Set.of("grace_seconds"));
        return body.integer("grace_seconds", 0, TenancyService.MAX_GRACE_SECONDS)
                .map(Duration::ofSeconds)
                .orElse(TenancyService.DEFAULT_GRACE);
    }

    /** {@code names} without repeats; 400 naming {@code field} when empty or holding an unknown scope. */
    static List<String> knownScopes(String field, List<String> names) {
        if (names.isEmpty()) {
            throw ApiException.invalidField(field, "'" + field + "' must name at least one scope");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String name : names) {
            if (Scope.fromWire(name).isEmpty()) {
                throw ApiException.invalidField(field, "'" + field + "' has an unknown scope '"
                        + name + "'; known: read, write, users:read, users:write, admin");
            }
            unique.add(name);
        }
        return List.copyOf(unique);
    }
}
