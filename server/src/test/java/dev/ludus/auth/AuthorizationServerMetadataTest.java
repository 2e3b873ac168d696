package dev.ludus.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RFC 8414 metadata at {@code /.well-known/oauth-authorization-server}, served without credentials. */
class AuthorizationServerMetadataTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void metadataNamesTheIssuerAndEveryEndpointWithoutCredentials() {
        Http.Answer answer = server.http().get("/.well-known/oauth-authorization-server");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).hasValue("application/json");
        JsonNode metadata = answer.json();
        assertThat(metadata.path("issuer").asText()).isEqualTo(TestLudus.ISSUER);
        assertThat(metadata.path("token_endpoint").asText()).isEqualTo(TestLudus.ISSUER + "/oauth/token");
        assertThat(metadata.path("revocation_endpoint").asText()).isEqualTo(TestLudus.ISSUER + "/oauth/revoke");
        assertThat(metadata.path("introspection_endpoint").asText()).isEqualTo(TestLudus.ISSUER + "/oauth/introspect");
        assertThat(metadata.path("jwks_uri").asText()).isEqualTo(TestLudus.ISSUER + "/.well-known/jwks.json");
        assertThat(strings(metadata.path("grant_types_supported"))).containsExactly("client_credentials");
        assertThat(strings(metadata.path("token_endpoint_auth_methods_supported")))
                .containsExactly("client_secret_basic", "client_secret_post");
        assertThat(strings(metadata.path("scopes_supported"))).contains("read", "write", "users:read", "users:write", "admin");
        assertThat(metadata.path("response_types_supported").isArray()).isTrue();
    }

    @Test
    void advertisedEndpointsServeWhatTheyAdvertise() {
        TestApp app = server.ludus().createApp();
        JsonNode metadata = server.http().get("/.well-known/oauth-authorization-server").json();
        String tokenPath = metadata.path("token_endpoint").asText().substring(TestLudus.ISSUER.length());
        String jwksPath = metadata.path("jwks_uri").asText().substring(TestLudus.ISSUER.length());

        Http.Answer token = server.http().form(tokenPath, "grant_type=client_credentials", app.basic());
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertThat(server.http().get(jwksPath).json().path("keys").size()).isPositive();
    }
}
