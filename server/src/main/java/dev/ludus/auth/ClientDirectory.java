package dev.ludus.auth;

import java.util.Optional;

/** Finds client credentials by client id; implemented where applications are stored. */
@FunctionalInterface
public interface ClientDirectory {

    Optional<Client> findClient(String clientId);
}
