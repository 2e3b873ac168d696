package dev.ludus.tenancy;

import dev.ludus.audit.Actor;
import dev.ludus.auth.AuthFilter;
import dev.ludus.auth.Ethereum;
import dev.ludus.auth.Scope;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.JsonBody;
import dev.ludus.http.PageRequest;
import dev.ludus.http.RouteTable;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Set;

/**
 * Registering the legacy ECDSA keys of an application, by Ethereum-style address: under
 * {@code /v1/application/ecdsa_keys} (scope {@code admin}) and under the operator API. Addresses
 * compare case-insensitively; mixed case must carry a valid EIP-55 checksum.
 */
public final class EcdsaKeyRoutes {

    /** Scopes of a key registered without {@code scopes}. */
    public static final List<String> DEFAULT_SCOPES = List.of(Scope.USERS_READ.wireName(), Scope.USERS_WRITE.wireName());

    private final TenancyService tenancy;
    private final AuthFilter auth;
    private final Json json;

    public EcdsaKeyRoutes(TenancyService tenancy, AuthFilter auth, Json json) {
        this.tenancy = tenancy;
        this.auth = auth;
        this.json = json;
    }


    public void register(RouteTable routes) {
        routes.post("/v1/application/ecdsa_keys", auth.require(Scope.ADMIN, (req, res) -> add(req, res, AuthFilter.actor(req), own(req))));
        routes.get("/v1/application/ecdsa_keys", auth.require(Scope.ADMIN, (req, res) ->
                json.send(res, 200, tenancy.ecdsaKeys(own(req), PageRequest.from(req)))));
        routes.delete("/v1/application/ecdsa_keys/{address}", auth.require(Scope.ADMIN, (req, res) ->
                remove(req, res, AuthFilter.actor(req), own(req))));
        String operator = "/admin/v1/applications/{application_id}/ecdsa_keys";
        routes.post(operator, (req, res) -> add(req, res, AuthFilter.operator(req), param(req, "application_id")));
        routes.get(operator, (req, res) ->
                json.send(res, 200, tenancy.ecdsaKeys(param(req, "application_id"), PageRequest.from(req))));
        routes.delete(operator + "/{address}", (req, res) ->
                remove(req, res, AuthFilter.operator(req), param(req, "application_id")));
    }

    /**
     * A key to register.
     *
     * @param address normalised: 40 lower-case hex digits, without {@code 0x}
     * @param scopes known scope names, without repeats
     */
    public record NewKey(String address, List<String> scopes) { }

    /**
     * Reads {@code {"address", "scopes"}}: the one reader of a key to register, for the API and the
     * console. 400 naming {@code address} or {@code scopes}.
     */
    public static NewKey newKey(JsonBody body) {
        body.allowOnly(Set.of("address", "scopes"));
        String address = address(body.requiredString("address", 42));
        List<String> scopes = body.strings("scopes", Scope.values().length, 32)
                .map(names -> ApplicationRequests.knownScopes("scopes", names))
                .orElse(DEFAULT_SCOPES);
        return new NewKey(address, scopes);
    }

    private void add(ServerRequest request, ServerResponse response, Actor actor, String applicationId) {
        NewKey key = newKey(json.body(request));
        json.send(response, 201, tenancy.addEcdsaKey(actor, applicationId, key.address(), key.scopes()));
    }

    private void remove(ServerRequest request, ServerResponse response, Actor actor, String applicationId) {
        tenancy.removeEcdsaKey(actor, applicationId, address(param(request, "address")));
        response.status(204);
        response.send();
    }

    /**
     * An address as written ({@code 0x} and 40 hex digits, EIP-55 when in mixed case), normalised; 400
     * naming {@code address} otherwise.
     */
    public static String address(String written) {
        return Ethereum.normaliseAddress(written).orElseThrow(() -> ApiException.invalidField("address",
                "'address' must be 0x and 40 hex digits, with a valid EIP-55 checksum when in mixed case"));
    }

    private static String own(ServerRequest request) {
        return AuthFilter.principal(request).applicationId();
    }

    private static String param(ServerRequest request, String name) {
        return request.path().pathParameters().get(name);
    }
}
