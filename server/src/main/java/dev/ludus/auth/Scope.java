package dev.ludus.auth;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a token may do. {@code read} and {@code write} act for the token's own {@code sub};
 * {@code users:read} and {@code users:write} act for any user of the application; {@code admin}
 * configures the application and implies every other scope.
 */
public enum Scope {
    READ("read"),
    WRITE("write"),
    USERS_READ("users:read"),
    USERS_WRITE("users:write"),
    ADMIN("admin");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in tokens and JSON. */
    public String wireName() {
        return wireName;
    }

    /** The scope of that name, if Ludus knows it. */
    public static Optional<Scope> fromWire(String name) {
        for (Scope scope : values()) {
            if (scope.wireName.equals(name)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    /** True when holding this scope grants {@code required}. */
    public boolean grants(Scope required) {
        return switch (this) {
            case ADMIN -> true;
            case USERS_WRITE -> required == USERS_WRITE || required == WRITE;
            case USERS_READ -> required == USERS_READ || required == READ;
            case WRITE -> required == WRITE;
            case READ -> required == READ;
        };
    }

    /** True when any of {@code held} grants {@code required}. */
    public static boolean anyGrants(Collection<Scope> held, Scope required) {
        for (Scope scope : held) {
            if (scope.grants(required)) {
                return true;
            }
        }
        return false;
    }

    /** Parses wire names, keeping the known ones in their given order; unknown names are ignored. */
    public static Set<Scope> parseKnown(Collection<String> names) {
        Set<Scope> scopes = new LinkedHashSet<>();
        for (String name : names) {
            fromWire(name).ifPresent(scopes::add);
        }
        return scopes.isEmpty() ? EnumSet.noneOf(Scope.class) : scopes;
    }
}
