package dev.ludus.testing;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The served contract, {@code openapi.yaml}, read strictly (a duplicate key is an error) and able to
 * check a real answer against the operation that documents it: the status must be documented, the
 * media type must be one the status lists, and a JSON body must match the schema (JSON Schema
 * 2020-12 with the OpenAPI 3.1 dialect, formats asserted). The check reads every object schema as
 * closed ({@link AnswerSchemas#closed}), so that a member the server answers but the contract does
 * not name is a mismatch too, while the published contract keeps answers open to additions.
 * Immutable once built; the schema cache is a concurrent map, so one instance serves every test
 * thread.
 */
public final class Contract {

    /** The base IRI the document is registered under, so that {@code #/components/...} references resolve. */
    static final String BASE = "https://ludus.test/openapi.yaml";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final JsonNode document;
    private final List<Route> routes;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    /** The JSON pointer of every node of the document, by identity; read-only after construction. */
    private final Map<JsonNode, String> pointers = new IdentityHashMap<>();

    private record Route(String template, Pattern pattern, int literalSegments, JsonNode item) {}

    private Contract(JsonNode document) {
        this.document = document;
        this.routes = new ArrayList<>();
        index(document, "");
        document.path("paths").properties().forEach(entry -> routes.add(route(entry.getKey(), entry.getValue())));
        String json;
        try {
            json = JSON.writeValueAsString(AnswerSchemas.closed(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(BASE, json))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    /**
     * True when answers and webhooks are checked: {@code -Dludus.test.contract=fail} (a mismatch fails
     * the test) or {@code report} (it is appended to {@code target/contract-mismatches.txt}); false
     * with {@code off}. Unset, the check runs when json-schema-validator 2.x is on the test class path.
     */
    public static boolean enabled() {
        return ContractMode.enabled();
    }

    /**
     * Fails with the mismatches, or with {@code -Dludus.test.contract=report} appends them to
     * {@code target/contract-mismatches.txt} (to list every mismatch of the suite in one run).
     */
    public static void enforce(List<String> mismatches) {
        if (mismatches.isEmpty() || !enabled()) {
            return;
        }
        if (!ContractMode.reports()) {
            throw new AssertionError("the answer breaks openapi.yaml:\n" + String.join("\n", mismatches));
        }
        synchronized (Contract.class) {
            try {
                Files.write(Path.of("target", "contract-mismatches.txt"), mismatches,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The contract on the test class path (the one the server serves). */
    public static Contract served() {
        return Served.INSTANCE;
    }

    /** Loaded on first use, so that a broken contract fails the tests that use it, not the class. */
    private static final class Served {
        static final Contract INSTANCE = load();
    }

    /** Reads the YAML text of {@code openapi.yaml}, as served. */
    public static String servedText() {
        try (InputStream in = Contract.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses YAML text strictly: a duplicate key anywhere is an error, as it is for strict YAML readers. */
    public static JsonNode parseStrictly(String yaml) throws IOException {
        YAMLMapper mapper = YAMLMapper.builder(new YAMLFactory()).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        return mapper.readTree(yaml);
    }

    private static Contract load() {
        try {
            return new Contract(parseStrictly(servedText()));
        } catch (IOException e) {
            throw new UncheckedIOException("openapi.yaml is not strict YAML", e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /**
     * The mismatches between an answer and the contract; empty when the answer is documented or when
     * no operation of the contract serves {@code method} on {@code path} (unknown paths and methods
     * answer 404 and 405 from the router, which the contract describes in prose).
     */
    public List<String> check(String method, String path, int status, Optional<String> contentType, String body) {
        return check(method, path, status, name -> name.equalsIgnoreCase("Content-Type") ? contentType : Optional.empty(),
                body);
    }

    /** As {@link #check(String, String, int, Optional, String)}, with the answer's headers checked too. */
    public List<String> check(String method, String path, int status, Function<String, Optional<String>> headers,
            String body) {
        Optional<String> contentType = headers.apply("Content-Type");
        String rawPath = path.split("[?#]", 2)[0];
        Optional<Route> route = routes.stream().filter(candidate -> candidate.pattern().matcher(rawPath).matches())
                .max((a, b) -> Integer.compare(a.literalSegments(), b.literalSegments()));
        JsonNode operation = route.map(found -> found.item().path(method.toLowerCase(Locale.ROOT))).orElse(null);
        if (operation == null || operation.isMissingNode()) {
            return List.of();
        }
        String where = method + " " + route.get().template() + " (" + path + ") answered " + status;
        JsonNode responses = operation.path("responses");
        String key = Integer.toString(status);
        JsonNode response = responses.has(key) ? responses.get(key)
                : responses.has(key.charAt(0) + "XX") ? responses.get(key.charAt(0) + "XX") : responses.path("default");
        if (response.isMissingNode()) {
            return List.of(where + ": status not documented (documented: " + names(responses) + ")");
        }
        response = resolve(response);
        List<String> mismatches = new ArrayList<>(headerMismatches(where, response.path("headers"), headers));
        mismatches.addAll(bodyMismatches(where, response, contentType, body));
        return mismatches;
    }

    private List<String> bodyMismatches(String where, JsonNode response, Optional<String> contentType, String body) {
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return body.isEmpty() ? List.of() : List.of(where + ": documented without a body, but one came");
        }
        String mediaType = contentType.map(value -> value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
        JsonNode media = content.path(mediaType);
        if (media.isMissingNode()) {
            return List.of(where + ": media type '" + mediaType + "' not documented (documented: " + names(content) + ")");
        }
        if (!(mediaType.endsWith("/json") || mediaType.endsWith("+json")) || media.path("schema").isMissingNode()) {
            return List.of();
        }
        String pointer = pointerTo(media.path("schema"));
        return validate(pointer, body).stream().map(error -> where + ": " + error).toList();
    }

    /** Documented headers: present when required, and matching their schema when present. */
    private List<String> headerMismatches(String where, JsonNode documented,
            Function<String, Optional<String>> headers) {
        List<String> mismatches = new ArrayList<>();
        documented.properties().forEach(entry -> {
            if (entry.getKey().equalsIgnoreCase("Content-Type")) {
                return;
            }
            JsonNode header = resolve(entry.getValue());
            Optional<String> value = headers.apply(entry.getKey());
            if (value.isEmpty()) {
                if (header.path("required").asBoolean(false)) {
                    mismatches.add(where + ": required header " + entry.getKey() + " missing");
                }
                return;
            }
            if (header.has("schema")) {
                headerValueErrors(header.get("schema"), value.get()).forEach(error ->
                        mismatches.add(where + ": header " + entry.getKey() + ": " + error));
            }
        });
        return mismatches;
    }

    /**
     * The mismatches between a webhook request Ludus sent and the {@code webhooks} entry of its
     * {@code type}: the body's schema and the required, patterned Standard Webhooks headers.
     */
    public List<String> checkWebhook(Function<String, Optional<String>> headers, String body) {
        String type;
        try {
            type = JSON.readTree(body).path("type").asText();
        } catch (IOException e) {
            return List.of("webhook: the body is not JSON: " + abbreviate(body));
        }
        JsonNode operation = document.path("webhooks").path(type).path("post");
        String where = "webhook " + type;
        if (operation.isMissingNode()) {
            return List.of(where + ": type not documented under webhooks");
        }
        List<String> mismatches = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode header = resolve(parameter);
            Optional<String> value = headers.apply(header.path("name").asText());
            if (value.isEmpty()) {
                if (header.path("required").asBoolean(false)) {
                    mismatches.add(where + ": required header " + header.path("name").asText() + " missing");
                }
            } else {
                headerValueErrors(header.get("schema"), value.get()).forEach(error ->
                        mismatches.add(where + ": header " + header.path("name").asText() + ": " + error));
            }
        }
        JsonNode media = operation.path("requestBody").path("content").path(
                headers.apply("Content-Type").map(v -> v.split(";", 2)[0].trim()).orElse(""));
        if (media.isMissingNode()) {
            mismatches.add(where + ": media type " + headers.apply("Content-Type").orElse("(none)") + " not documented");
        } else {
            validate(pointerTo(media.get("schema")), body).forEach(error -> mismatches.add(where + ": " + error));
        }
        return mismatches;
    }

    /**
     * A header value against its schema. Headers travel as text: a value that reads as a JSON number
     * or boolean is also tried as one (the simple style of OpenAPI), so {@code Retry-After: 1} meets
     * {@code type: integer}.
     */
    private List<String> headerValueErrors(JsonNode schema, String value) {
        String pointer = pointerTo(schema);
        List<String> asText = validate(pointer, JSON.valueToTree(value).toString());
        if (asText.isEmpty() || !value.strip().matches("-?[0-9]+(\\.[0-9]+)?|true|false")) {
            return asText;
        }
        List<String> asLiteral = validate(pointer, value.strip());
        return asLiteral.isEmpty() ? List.of() : asText;
    }

    /** The mismatches between a JSON text and the schema at a JSON pointer of the document. */
    public List<String> validate(String pointer, String json) {
        JsonNode instance;
        try {
            instance = JSON.readTree(json);
        } catch (IOException e) {
            return List.of("the body is not JSON: " + e.getMessage());
        }
        Schema schema = schemas.computeIfAbsent(pointer, at -> registry.getSchema(SchemaLocation.of(BASE + "#" + at)));
        List<Error> errors = schema.validate(instance);
        return errors.stream().map(error -> error.toString() + " in " + abbreviate(json)).toList();
    }

    /** Follows a {@code $ref} to a response or parameter object within the document. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("only local references are supported: " + ref);
            }
            current = document.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalStateException("dangling reference " + ref);
            }
        }
        return current;
    }

    /** The JSON pointer of a node of the document. */
    private String pointerTo(JsonNode target) {
        String pointer = pointers.get(target);
        if (pointer == null) {
            throw new IllegalStateException("not a node of the contract");
        }
        return pointer;
    }

    private void index(JsonNode node, String pointer) {
        pointers.put(node, pointer);
        if (node.isObject()) {
            node.properties().forEach(entry -> index(entry.getValue(), pointer + "/" + escape(entry.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                index(node.get(i), pointer + "/" + i);
            }
        }
    }

    private static String escape(String key) {
        String escaped = key.replace("~", "~0").replace("/", "~1");
        StringBuilder out = new StringBuilder();
        for (byte b : escaped.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static Route route(String template, JsonNode item) {
        StringBuilder regex = new StringBuilder();
        int literal = 0;
        for (String segment : template.substring(1).split("/", -1)) {
            regex.append('/');
            if (segment.startsWith("{") && segment.endsWith("}")) {
                regex.append("[^/]+");
            } else {
                regex.append(Pattern.quote(segment));
                literal++;
            }
        }
        return new Route(template, Pattern.compile(regex.toString()), literal, item);
    }

    private static String names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String abbreviate(String body) {
        return body.length() <= 600 ? body : body.substring(0, 600) + "...";
    }
}
