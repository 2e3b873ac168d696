package dev.ludus.users;

import dev.ludus.http.ApiException;
import dev.ludus.http.JsonBody;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Profile members to set. A member absent from {@code values} is left as it is; a member mapped to
 * an empty {@link Optional} is cleared.
 *
 * @param values by column: {@code name}, {@code email}, {@code timezone}, {@code attributes}
 */
public record UserPatch(Map<String, Optional<Object>> values) {

    public static final int MAX_NAME = 200;
    public static final int MAX_EMAIL = 320;
    public static final int MAX_ATTRIBUTES = 50;
    public static final int MAX_ATTRIBUTE_VALUE = 500;
    public static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Set<String> MEMBERS = Set.of("name", "email", "timezone", "attributes");

    public static final UserPatch NONE = new UserPatch(Map.of());

    public UserPatch {
        values = Map.copyOf(values);
    }

    /**
     * Reads profile members from {@code body}. With {@code replace}, every member not given is
     * cleared (PUT); otherwise only the given ones change (the {@code user} member of an event).
     */
    public static UserPatch read(JsonBody body, boolean replace) {
        body.allowOnly(MEMBERS);
        Map<String, Optional<Object>> values = new LinkedHashMap<>();
        for (String member : MEMBERS) {
            if (replace || body.has(member)) {
                values.put(member, Optional.empty());
            }
        }
        body.string("name", MAX_NAME).ifPresent(name -> values.put("name", Optional.of(name)));
        body.string("email", MAX_EMAIL).ifPresent(email -> {
            if (email.indexOf('@') <= 0 || email.indexOf('@') == email.length() - 1 || email.chars().anyMatch(Character::isWhitespace)) {
                throw ApiException.invalidField(body.field("email"), "'" + body.field("email") + "' is not an email address");
            }
            values.put("email", Optional.of(email));
        });
        body.timezone("timezone").ifPresent(zone -> values.put("timezone", Optional.of(zone.getId())));
        body.stringMap("attributes", MAX_ATTRIBUTES, ATTRIBUTE_NAME, MAX_ATTRIBUTE_VALUE)
                .ifPresent(attributes -> values.put("attributes", Optional.of(attributes)));
        return new UserPatch(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
