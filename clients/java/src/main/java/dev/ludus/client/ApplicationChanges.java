package dev.ludus.client;

import java.util.List;

/**
 * A partial update of the application ({@code PATCH /v1/application}); a null member keeps its value.
 * Build one with {@link #builder()}.
 *
 * @param timezone an IANA region such as {@code Europe/Paris}, or {@code UTC}: the timezone of the
 *         application's users who have none, for streaks (periods already counted are not judged again)
 * @param maxTeamsPerUser 1 to 1,000: how many teams one user may be a member of (members above a lowered
 *         limit stay; they cannot join another team until below it)
 * @param controlGroupPercent 0 to 100: the share of users held out of the game's feedback (a user's place
 *         is fixed by their id: raising it only adds users to the control group, lowering it only takes
 *         users out)
 * @param defaultLanguage a BCP 47 tag such as {@code en} or {@code pt-BR}: the language answers name rules
 *         in when a rule's names have neither the user's locale nor one the request asks for
 */
public record ApplicationChanges(String name, List<String> defaultScopes, Long maxTokenLifetimeSeconds,
        Boolean ecdsaEnabled, List<String> clientScopes, String timezone, Integer maxTeamsPerUser,
        Integer controlGroupPercent, String defaultLanguage) {

    public ApplicationChanges {
        defaultScopes = defaultScopes == null ? null : List.copyOf(defaultScopes);
        clientScopes = clientScopes == null ? null : List.copyOf(clientScopes);
    }

    /**
     * The changes without the default language, as this record was before it had
     * {@link #defaultLanguage()} (null: kept), so that code building changes keeps compiling.
     */
    public ApplicationChanges(String name, List<String> defaultScopes, Long maxTokenLifetimeSeconds,
            Boolean ecdsaEnabled, List<String> clientScopes, String timezone, Integer maxTeamsPerUser,
            Integer controlGroupPercent) {
        this(name, defaultScopes, maxTokenLifetimeSeconds, ecdsaEnabled, clientScopes, timezone, maxTeamsPerUser,
                controlGroupPercent, null);
    }

    /**
     * The changes without the control group's share, as this record was before it had
     * {@link #controlGroupPercent()} (null: kept), so that code building changes keeps compiling.
     */
    public ApplicationChanges(String name, List<String> defaultScopes, Long maxTokenLifetimeSeconds,
            Boolean ecdsaEnabled, List<String> clientScopes, String timezone, Integer maxTeamsPerUser) {
        this(name, defaultScopes, maxTokenLifetimeSeconds, ecdsaEnabled, clientScopes, timezone, maxTeamsPerUser,
                null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the members to change. */
    public static final class Builder {
        private String name;
        private List<String> defaultScopes;
        private Long maxTokenLifetimeSeconds;
        private Boolean ecdsaEnabled;
        private List<String> clientScopes;
        private String timezone;
        private Integer maxTeamsPerUser;
        private Integer controlGroupPercent;
        private String defaultLanguage;

        private Builder() { }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder defaultScopes(String... scopes) {
            this.defaultScopes = List.of(scopes);
            return this;
        }

        public Builder maxTokenLifetimeSeconds(long seconds) {
            this.maxTokenLifetimeSeconds = seconds;
            return this;
        }

        public Builder ecdsaEnabled(boolean enabled) {
            this.ecdsaEnabled = enabled;
            return this;
        }

        public Builder clientScopes(String... scopes) {
            this.clientScopes = List.of(scopes);
            return this;
        }

        /** An IANA region such as {@code Europe/Paris}, or {@code UTC}; offsets and abbreviations are refused. */
        public Builder timezone(String timezone) {
            this.timezone = timezone;
            return this;
        }

        /** How many teams one user may be a member of, 1 to 1,000 (10 until set). */
        public Builder maxTeamsPerUser(int maxTeamsPerUser) {
            this.maxTeamsPerUser = maxTeamsPerUser;
            return this;
        }

        /**
         * The share of users in the control group, 0 to 100 percent (0 until set): their events count, but
         * event answers show them no game and no game webhooks are sent about them (docs/control-groups.md).
         */
        public Builder controlGroupPercent(int controlGroupPercent) {
            this.controlGroupPercent = controlGroupPercent;
            return this;
        }

        /**
         * The language answers name rules in when a rule's names have neither the user's locale nor one the
         * request asks for: a BCP 47 tag ({@code en} until set).
         */
        public Builder defaultLanguage(String defaultLanguage) {
            this.defaultLanguage = defaultLanguage;
            return this;
        }

        public ApplicationChanges build() {
            return new ApplicationChanges(name, defaultScopes, maxTokenLifetimeSeconds, ecdsaEnabled, clientScopes,
                    timezone, maxTeamsPerUser, controlGroupPercent, defaultLanguage);
        }
    }
}
