package dev.ludus.accounts;

import dev.ludus.http.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** The checks of what people type into an account: email, display name, password, roles. */
final class AccountFields {

    static final int MAX_EMAIL = AccountService.MAX_EMAIL_LENGTH;
    static final int MAX_DISPLAY_NAME = AccountService.MAX_DISPLAY_NAME_LENGTH;
    static final int MIN_PASSWORD = AccountService.MIN_PASSWORD_LENGTH;
    static final int MAX_PASSWORD = AccountService.MAX_PASSWORD_LENGTH;
    static final int MAX_ROLES = 100;

    /** local@domain: one {@code @}, something on each side, no white space. */
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+");

    private AccountFields() {
    }

    /** The email trimmed and lower-case, if it looks like one. */
    static Optional<String> normalizedEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        String trimmed = email.strip().toLowerCase(Locale.ROOT);
        if (trimmed.length() > MAX_EMAIL || !EMAIL.matcher(trimmed).matches() || hasControl(trimmed)) {
            return Optional.empty();
        }
        return Optional.of(trimmed);
    }

    /** The email trimmed and lower-case; 400 naming {@code email} when it does not look like one. */
    static String email(String email) {
        return normalizedEmail(email).orElseThrow(() -> ApiException.invalidField("email",
                "'email' must look like name@example.com, at most " + MAX_EMAIL + " characters"));
    }

    /** The display name trimmed; 400 naming {@code display_name} when empty, too long or with control characters. */
    static String displayName(String displayName) {
        String trimmed = displayName == null ? "" : displayName.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_DISPLAY_NAME || hasControl(trimmed)) {
            throw ApiException.invalidField("display_name", "'display_name' must be 1 to " + MAX_DISPLAY_NAME
                    + " characters, without control characters");
        }
        return trimmed;
    }

    /** 400 naming {@code field} unless the password has {@value #MIN_PASSWORD} to {@value #MAX_PASSWORD} characters. */
    static void password(String field, String password) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw ApiException.invalidField(field, "a password must have " + MIN_PASSWORD + " to " + MAX_PASSWORD
                    + " characters");
        }
    }

    /** The roles without repeats, in the order given; 400 naming {@code roles} for a null or too many. */
    static List<Role> roles(List<Role> roles) {
        if (roles == null || roles.stream().anyMatch(Objects::isNull)) {
            throw ApiException.invalidField("roles", "'roles' must be a list of roles");
        }
        List<Role> distinct = new ArrayList<>(new LinkedHashSet<>(roles));
        if (distinct.size() > MAX_ROLES) {
            throw ApiException.invalidField("roles", "an account has at most " + MAX_ROLES + " roles");
        }
        return List.copyOf(distinct);
    }

    private static boolean hasControl(String text) {
        return text.codePoints().anyMatch(Character::isISOControl);
    }
}
