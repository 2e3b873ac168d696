package dev.ludus.accounts;

import dev.ludus.http.ApiException;
import java.util.Objects;
import java.util.Optional;

/**
 * What a console account may do, and where: {@code operator} of the whole server, or {@code admin} or
 * {@code viewer} of one tenant (all its applications) or of one application. A role of another shape
 * cannot be made: the constructor refuses it with 400 naming the field {@code roles}.
 *
 * @param kind operator, admin or viewer
 * @param tenantId the tenant of an admin or viewer; empty for an operator and for a role on an application
 * @param applicationId the application of an admin or viewer; empty for an operator and for a role on a tenant
 */
public record Role(Kind kind, Optional<String> tenantId, Optional<String> applicationId) {

    /** The kinds of role, with their names on the wire and in the store. */
    public enum Kind {
        /** Everything the operator key may do. */
        OPERATOR("operator"),
        /** Reads and changes of a tenant's or an application's configuration and users. */
        ADMIN("admin"),
        /** Reads only. */
        VIEWER("viewer");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** The kind named {@code wireName}; 400 naming the field {@code roles} when there is none. */
        public static Kind of(String wireName) {
            for (Kind kind : values()) {
                if (kind.wireName.equals(wireName)) {
                    return kind;
                }
            }
            throw ApiException.invalidField("roles", "no role '" + wireName + "': operator, admin or viewer");
        }
    }

    public Role {
        if (kind == null) {
            throw ApiException.invalidField("roles", "a role needs a kind: operator, admin or viewer");
        }
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(applicationId, "applicationId");
        if (kind == Kind.OPERATOR && (tenantId.isPresent() || applicationId.isPresent())) {
            throw ApiException.invalidField("roles", "an operator role is of the whole server: no tenant, no application");
        }
        if (kind != Kind.OPERATOR && tenantId.isPresent() == applicationId.isPresent()) {
            throw ApiException.invalidField("roles", "an " + kind.wireName + " role is of one tenant or of one "
                    + "application: exactly one of them");
        }
        if (tenantId.filter(String::isBlank).isPresent() || applicationId.filter(String::isBlank).isPresent()) {
            throw ApiException.invalidField("roles", "a role's tenant or application id is empty");
        }
    }

    /** The operator of the whole server. */
    public static Role operator() {
        return new Role(Kind.OPERATOR, Optional.empty(), Optional.empty());
    }

    public static Role adminOfTenant(String tenantId) {
        return new Role(Kind.ADMIN, Optional.of(tenantId), Optional.empty());
    }

    public static Role viewerOfTenant(String tenantId) {
        return new Role(Kind.VIEWER, Optional.of(tenantId), Optional.empty());
    }

    public static Role adminOfApplication(String applicationId) {
        return new Role(Kind.ADMIN, Optional.empty(), Optional.of(applicationId));
    }

    public static Role viewerOfApplication(String applicationId) {
        return new Role(Kind.VIEWER, Optional.empty(), Optional.of(applicationId));
    }

    /** The role in words, for people and the audit log: {@code admin of tenant ten_...}. */
    public String describe() {
        return tenantId.map(id -> kind.wireName + " of tenant " + id)
                .or(() -> applicationId.map(id -> kind.wireName + " of application " + id))
                .orElse(kind.wireName);
    }
}
