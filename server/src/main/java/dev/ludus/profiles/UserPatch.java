package dev.ludus.profiles;

import dev.ludus.http.ApiException;
import dev.ludus.http.JsonBody;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Profile members to set: each is left as it is, set, or cleared (see {@link Member}).
 */
public record UserPatch(Member<String> name, Member<String> email, Member<String> timezone,
        Member<Map<String, String>> attributes, Member<String> locale) {

    public static final int MAX_NAME = 200;
    public static final int MAX_EMAIL = 320;
    public static final int MAX_ATTRIBUTES = 50;
    public static final int MAX_ATTRIBUTE_VALUE = 500;
    public static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Set<String> MEMBERS = Set.of("name", "email", "timezone", "attributes", "locale");

    public static final UserPatch NONE = new UserPatch(Member.keep(), Member.keep(), Member.keep(), Member.keep(),
            Member.keep());

    /**
     * One member of a patch: left as it is when not {@code given}; otherwise set to {@code value}, or
     * cleared when the value is empty.
     */
    public record Member<T>(boolean given, Optional<T> value) {

        public Member {
            if (!given && value.isPresent()) {
                throw new IllegalArgumentException("a member that is not given has no value");
            }
        }

        public static <T> Member<T> keep() {
            return new Member<>(false, Optional.empty());
        }

        public static <T> Member<T> set(Optional<T> value) {
            return new Member<>(true, value);
        }
    }

    /**
     * Reads profile members from {@code body}. With {@code replace}, every member not given is
     * cleared (PUT); otherwise only the given ones change (the {@code user} member of an event).
     */
    public static UserPatch read(JsonBody body, boolean replace) {
        body.allowOnly(MEMBERS);
        Optional<String> name = body.string("name", MAX_NAME);
        Optional<String> email = body.string("email", MAX_EMAIL);
        email.ifPresent(value -> {
            if (value.indexOf('@') <= 0 || value.indexOf('@') == value.length() - 1
                    || value.chars().anyMatch(Character::isWhitespace)) {
                throw ApiException.invalidField(body.field("email"), "'" + body.field("email") + "' is not an email address");
            }
        });
        Optional<String> timezone = body.timezone("timezone").map(zone -> zone.getId());
        Optional<Map<String, String>> attributes = body.stringMap("attributes", MAX_ATTRIBUTES, ATTRIBUTE_NAME,
                MAX_ATTRIBUTE_VALUE);
        Optional<String> locale = body.languageTag("locale");
        return new UserPatch(member(body, replace, "name", name), member(body, replace, "email", email),
                member(body, replace, "timezone", timezone), member(body, replace, "attributes", attributes),
                member(body, replace, "locale", locale));
    }

    private static <T> Member<T> member(JsonBody body, boolean replace, String name, Optional<T> value) {
        return replace || body.has(name) ? Member.set(value) : Member.keep();
    }

    /** The given members by their API name, in name order, each with its value (null when it clears it). */
    public java.util.SortedMap<String, Object> given() {
        java.util.SortedMap<String, Object> given = new java.util.TreeMap<>();
        put(given, "name", name);
        put(given, "email", email);
        put(given, "timezone", timezone);
        put(given, "attributes", attributes);
        put(given, "locale", locale);
        return given;
    }

    private static void put(Map<String, Object> given, String name, Member<?> member) {
        if (member.given()) {
            given.put(name, member.value().orElse(null));
        }
    }

    public boolean isEmpty() {
        return !name.given() && !email.given() && !timezone.given() && !attributes.given() && !locale.given();
    }
}
