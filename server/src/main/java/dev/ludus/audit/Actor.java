package dev.ludus.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * Who made a change by hand, and from which address: passed by the routes (which know the request)
 * to the services (which do not). Never holds a credential, only who it proved to be.
 *
 * @param kind what kind of caller it is
 * @param applicationId the application of an API principal (its token's {@code aud})
 * @param subject the API principal's subject (its token's {@code sub})
 * @param authMethod how an API principal authenticated ({@code jwt}, {@code auth_token}, {@code ecdsa})
 * @param address the request's remote address
 */
public record Actor(Kind kind, Optional<String> applicationId, Optional<String> subject, Optional<String> authMethod,
        Optional<String> address) {

    /** The kinds of caller. A console account will be a third. */
    public enum Kind {
        /** A caller of {@code /v1} with an application's token or signature. */
        API("api"),
        /** A caller of {@code /admin/v1} with the operator key. */
        OPERATOR("operator");

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
    }

    /** An API principal: application, subject and how it authenticated, calling from {@code address}. */
    public static Actor api(String applicationId, String subject, String authMethod, Optional<String> address) {
        return new Actor(Kind.API, Optional.of(applicationId), Optional.of(subject), Optional.of(authMethod), address);
    }

    public static Actor account(String id, String email, Optional<String> address) {
        return new Actor(Kind.OPERATOR, Optional.empty(), Optional.of(email), Optional.of("console"), address);
    }

    /** The holder of the operator key, calling from {@code address}. */
    public static Actor operator(Optional<String> address) {
        return new Actor(Kind.OPERATOR, Optional.empty(), Optional.empty(), Optional.of("operator_key"), address);
    }
}
