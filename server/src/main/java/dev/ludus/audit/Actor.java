package dev.ludus.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * Who made a change by hand, and from which address: passed by the routes (which know the request)
 * to the services (which do not). Never holds a credential, only who it proved to be.
 *
 * @param kind what kind of caller it is
 * @param applicationId the application of an API principal (its token's {@code aud})
 * @param subject the API principal's subject (its token's {@code sub}); a console account's email
 * @param authMethod how the caller authenticated ({@code jwt}, {@code auth_token}, {@code ecdsa},
 *     {@code operator_key}, {@code console})
 * @param address the request's remote address
 * @param accountId the console account's id
 */
public record Actor(Kind kind, Optional<String> applicationId, Optional<String> subject, Optional<String> authMethod,
        Optional<String> address, Optional<String> accountId) {

    /** The kinds of caller. */
    public enum Kind {
        /** A caller of {@code /v1} with an application's token or signature. */
        API("api"),
        /** A caller of {@code /admin/v1}, or of the console, with the operator key. */
        OPERATOR("operator"),
        /** A console account signed in with its email and password. */
        ACCOUNT("account");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static Kind of(String wireName) {
            for (Kind kind : values()) {
                if (kind.wireName.equals(wireName)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("no actor kind '" + wireName + "'");
        }
    }

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(authMethod, "authMethod");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(accountId, "accountId");
    }

    /** An API principal: application, subject and how it authenticated, calling from {@code address}. */
    public static Actor api(String applicationId, String subject, String authMethod, Optional<String> address) {
        return new Actor(Kind.API, Optional.of(applicationId), Optional.of(subject), Optional.of(authMethod), address,
                Optional.empty());
    }

    /** The holder of the operator key, calling from {@code address}. */
    public static Actor operator(Optional<String> address) {
        return new Actor(Kind.OPERATOR, Optional.empty(), Optional.empty(), Optional.of("operator_key"), address,
                Optional.empty());
    }

    /** A console account, known by its id and email, calling from {@code address}. */
    public static Actor account(String accountId, String email, Optional<String> address) {
        return new Actor(Kind.ACCOUNT, Optional.empty(), Optional.of(email), Optional.of("console"), address,
                Optional.of(accountId));
    }
}
