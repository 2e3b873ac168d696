package dev.ludus.auth;

import java.util.Optional;

/**
 * Looks up an application's credentials for token verification. Implementations answer from memory
 * on the hot path and must be thread-safe.
 */
@FunctionalInterface
public interface CredentialSource {

    /** The application's credentials, or empty when no such application exists. */
    Optional<AppCredentials> find(String applicationId);
}
