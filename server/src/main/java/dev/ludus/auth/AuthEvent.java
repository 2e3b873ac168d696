package dev.ludus.auth;

/**
 * One entry of the auth change feed that every node reads: something that makes cached
 * credentials or revocation state stale.
 */
public sealed interface AuthEvent {

    /** The application the event concerns. */
    String applicationId();

    /** The application's settings or secrets changed: drop cached credentials. */
    record ApplicationChanged(String applicationId) implements AuthEvent { }

    /** One token, by {@code jti}, is revoked until it expires ({@code expiresAt}, epoch seconds). */
    record TokenRevoked(String applicationId, String jti, long expiresAt) implements AuthEvent { }

    /** Every token of {@code subject} issued before {@code notBefore} (epoch seconds) is revoked. */
    record SubjectRevoked(String applicationId, String subject, long notBefore) implements AuthEvent { }

    /** Ludus's signing keys changed (created or rotated): reload them. Concerns no one application. */
    record SigningKeysChanged() implements AuthEvent {
        @Override
        public String applicationId() {
            return "*";
        }
    }

    /** Every token of the application issued before {@code notBefore} (epoch seconds) is revoked. */
    record AllRevoked(String applicationId, long notBefore) implements AuthEvent { }
}
