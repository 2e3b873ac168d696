package dev.ludus.client;

import java.time.Instant;
import java.util.Map;

/**
 * A user's profile as the server holds it ({@code /v1/users/{id}}); members never set are null.
 *
 * @param locale the user's own language, a BCP 47 tag in canonical form ({@code fr}, {@code pt-BR}): answers
 *         about them name rules in it first; null for none
 * @param flag the flag a velocity guard raised, until {@link UsersApi#clearFlag(String)}; null when not
 *         flagged (and from a server without velocity guards)
 * @param controlGroup whether the user is in the application's control group
 *         ({@link Application#controlGroupPercent()}): hide the game from them; false from a server
 *         without control groups
 */
public record User(String id, String name, String email, String timezone, String locale,
        Map<String, String> attributes, Instant createdAt, Instant updatedAt, UserFlag flag, boolean controlGroup) {

    /**
     * The user without a locale, as this record was before it had {@link #locale()} (null), so that code
     * building answers (test doubles) keeps compiling.
     */
    public User(String id, String name, String email, String timezone, Map<String, String> attributes,
            Instant createdAt, Instant updatedAt, UserFlag flag, boolean controlGroup) {
        this(id, name, email, timezone, null, attributes, createdAt, updatedAt, flag, controlGroup);
    }

    /**
     * The user outside the control group, as this record was before it had {@link #controlGroup()}
     * (false), so that code building answers (test doubles) keeps compiling.
     */
    public User(String id, String name, String email, String timezone, Map<String, String> attributes,
            Instant createdAt, Instant updatedAt, UserFlag flag) {
        this(id, name, email, timezone, attributes, createdAt, updatedAt, flag, false);
    }

    /**
     * The user without a flag, as this record was before it had {@link #flag()} (null), so that code
     * building answers (test doubles) keeps compiling.
     */
    public User(String id, String name, String email, String timezone, Map<String, String> attributes,
            Instant createdAt, Instant updatedAt) {
        this(id, name, email, timezone, attributes, createdAt, updatedAt, null, false);
    }
}
