package dev.ludus.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Paths;
import dev.ludus.client.internal.Transport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /v1/application/ecdsa_keys}: the legacy ECDSA keys of the calling application. Scope {@code admin}. */
public final class EcdsaKeysApi {

    private static final TypeReference<Page<EcdsaKey>> PAGE = new TypeReference<>() { };

    private final Transport transport;
    private final Authentication authentication;

    EcdsaKeysApi(Transport transport, Authentication authentication) {
        this.transport = transport;
        this.authentication = authentication;
    }

    /** Registers the key with this address; its requests get {@code scopes} (none: the server's default). */
    public EcdsaKey add(String address, String... scopes) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("address", address);
        if (scopes.length > 0) {
            request.put("scopes", List.of(scopes));
        }
        return transport.call(authentication, "POST", "/v1/application/ecdsa_keys", request, EcdsaKey.class);
    }

    /** Every registered key, in address order (following the pages of {@code GET /v1/application/ecdsa_keys}). */
    public List<EcdsaKey> list() {
        return Page.all(cursor -> transport.call(authentication, "GET", "/v1/application/ecdsa_keys"
                + Paths.query("limit", RuleCalls.MAX_LIMIT, "cursor", cursor), null, PAGE)).toList();
    }

    /** Removes the key; requests it signs are refused from now on. */
    public void remove(String address) {
        if (!address.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("address must be 0x and 40 hex digits");
        }
        transport.send(authentication, "DELETE", "/v1/application/ecdsa_keys/" + address, null);
    }
}
