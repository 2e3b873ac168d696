package dev.ludus.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Profile members an event sets in the same transaction (its {@code user} member): only the members
 * given change, and a member given as null is cleared. Unlike {@link UserProfile}, which replaces the
 * whole profile.
 *
 * <pre>{@code
 * ProfileChanges.builder().name("Ada").timezone("Europe/Paris").locale("fr").email(null)   // clears the email
 * }</pre>
 */
public final class ProfileChanges {

    private final Map<String, Object> members;

    private ProfileChanges(Map<String, Object> members) {
        this.members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The members to change, by their JSON names; a null value clears that member. */
    public Map<String, Object> members() {
        return members;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProfileChanges && ((ProfileChanges) other).members.equals(members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    @Override
    public String toString() {
        return "ProfileChanges" + members;
    }

    /** Collects the members to change; each may be null, to clear it. */
    public static final class Builder {
        private final Map<String, Object> members = new LinkedHashMap<>();

        private Builder() { }

        public Builder name(String name) {
            members.put("name", name);
            return this;
        }

        public Builder email(String email) {
            members.put("email", email);
            return this;
        }

        /** An IANA time zone id such as {@code Europe/Paris}, or {@code UTC}. */
        public Builder timezone(String timezone) {
            members.put("timezone", timezone);
            return this;
        }

        /**
         * The user's own language, a BCP 47 tag such as {@code fr} or {@code pt-BR}: the answer to this
         * event and later ones about the user name rules in it first.
         */
        public Builder locale(String locale) {
            members.put("locale", locale);
            return this;
        }

        /** Replaces the user's attributes (a flat map of strings). */
        public Builder attributes(Map<String, String> attributes) {
            members.put("attributes", attributes == null ? null : Map.copyOf(attributes));
            return this;
        }

        public ProfileChanges build() {
            return new ProfileChanges(members);
        }
    }
}
