package dev.ludus.tenancy;

import java.time.Instant;
import java.util.List;

/**
 * A legacy ECDSA key registered for an application, by its Ethereum-style address.
 *
 * @param address {@code 0x} and 40 lower-case hex digits
 * @param scopes the scopes a request signed with it gets
 * @param lastUsedAt when it last signed an accepted request, null if it never did (see {@link EcdsaKeyUses})
 */
public record EcdsaKey(String address, List<String> scopes, Instant createdAt, Instant lastUsedAt) {

    public EcdsaKey {
        scopes = List.copyOf(scopes);
    }
}
