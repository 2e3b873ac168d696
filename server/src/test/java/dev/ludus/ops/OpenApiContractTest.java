package dev.ludus.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.ludus.http.RouteTable;
import dev.ludus.testing.Contract;
import dev.ludus.testing.TestLudus;
import dev.ludus.webhook.EventType;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The hand-written contract is strict YAML, a valid OpenAPI 3.1 document whose schemas are valid JSON
 * Schema 2020-12, documents every route the server registers and nothing it does not serve, and
 * its checker ({@link Contract}, run on every answer of the suite) refuses what it must.
 */
class OpenApiContractTest {

    @Test
    void contractIsStrictYamlWithoutDuplicateKeys() {
        assertThatCode(() -> Contract.parseStrictly(Contract.servedText())).doesNotThrowAnyException();
    }

    @Test
    void strictYamlReadingRefusesTheCommaTrapOfFlowMappings() {
        String trap = "rank: {type: integer, description: Shared among equal scores (1, 2, 2, 4).}\n";
        assertThatCode(() -> Contract.parseStrictly(trap)).hasMessageContaining("Duplicate field '2'");
    }

    @Test
    void contractIsValidOpenApiWithoutParserMessages() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(Contract.servedText(), null, options);
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1.");
    }

    @Test
    void everySchemaOfTheContractIsValidJsonSchema() {
        Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        List<String> invalid = new ArrayList<>();
        Contract.served().document().path("components").path("schemas").properties().forEach(entry -> {
            for (Error error : metaSchema.validate(entry.getValue())) {
                invalid.add(entry.getKey() + ": " + error);
            }
        });
        assertThat(invalid).isEmpty();
    }

    @Test
    void checkerRefusesAnUndocumentedStatusMediaTypeOrBody() {
        Contract contract = Contract.served();
        Optional<String> json = Optional.of("application/json");
        assertThat(contract.check("GET", "/health/live", 200, json, "{\"status\":\"UP\"}")).isEmpty();
        assertThat(contract.check("GET", "/health/live", 200, json, "{\"status\":42}")).isNotEmpty()
                .anySatisfy(mismatch -> assertThat(mismatch).contains("/status: integer found, string expected"));
        assertThat(contract.check("GET", "/health/live", 418, json, "{}")).singleElement().asString()
                .contains("status not documented");
        assertThat(contract.check("GET", "/health/live", 200, Optional.of("text/html"), "<p>")).singleElement()
                .asString().contains("media type 'text/html' not documented");
        assertThat(contract.check("GET", "/no/such/route", 200, json, "{}")).as("not an operation of the contract")
                .isEmpty();
        String limited = "{\"type\":\"https://ludus.dev/problems/rate-limited\",\"title\":\"Too many requests\","
                + "\"status\":429,\"detail\":\"wait\",\"error\":\"rate_limited\"}";
        java.util.Map<String, String> headers = new java.util.HashMap<>(java.util.Map.of(
                "Content-Type", "application/problem+json", "Retry-After", "1", "Cache-Control", "no-store"));
        assertThat(contract.check("POST", "/v1/auth_token", 429, name -> Optional.ofNullable(headers.get(name)), limited))
                .isEmpty();
        headers.put("Retry-After", "soon");
        assertThat(contract.check("POST", "/v1/auth_token", 429, name -> Optional.ofNullable(headers.get(name)), limited))
                .singleElement().asString().contains("header Retry-After");
    }

    @Test
    void everyWebhookTypeIsDocumentedUnderWebhooks() {
        Set<String> documented = new TreeSet<>();
        Contract.served().document().path("webhooks").fieldNames().forEachRemaining(documented::add);
        Set<String> sent = new TreeSet<>();
        for (EventType type : EventType.values()) {
            sent.add(type.wireName());
        }
        assertThat(documented).as("webhooks in openapi.yaml").containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void checkerRefusesAWebhookThatBreaksItsSchema() {
        Contract contract = Contract.served();
        java.util.Map<String, String> headers = java.util.Map.of("webhook-id", "msg_1", "webhook-timestamp", "1796000000",
                "webhook-signature", "v1,c2lnbmF0dXJl", "Content-Type", "application/json");
        String ping = "{\"type\":\"webhook.ping\",\"timestamp\":\"2026-12-03T06:00:00Z\","
                + "\"data\":{\"endpoint_id\":\"whe_1\",\"message\":\"hello\"}}";
        assertThat(contract.checkWebhook(name -> Optional.ofNullable(headers.get(name)), ping)).isEmpty();
        assertThat(contract.checkWebhook(name -> Optional.ofNullable(headers.get(name)), ping.replace("message", "note")))
                .isNotEmpty();
        assertThat(contract.checkWebhook(name -> name.equals("webhook-id") ? Optional.empty()
                : Optional.ofNullable(headers.get(name)), ping)).singleElement().asString()
                .contains("required header webhook-id missing");
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
        JsonNode paths = Contract.served().document().path("paths");
        Set<String> documented = new TreeSet<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (Set.of("get", "put", "post", "patch", "delete").contains(operation.getKey())) {
                documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));

        Set<String> registered = new TreeSet<>();
        try (TestLudus ludus = TestLudus.start()) {
            for (RouteTable.Route route : ludus.ludus().routes()) {
                if (route.pattern().startsWith("/console")) {
                    continue; // the console's HTML pages are not part of the JSON API (docs/console.md)
                }
                registered.add(route.method() + " " + route.pattern());
            }
        }

        assertThat(registered).isNotEmpty();
        assertThat(documented).as("routes in openapi.yaml").containsExactlyInAnyOrderElementsOf(registered);
    }
}
