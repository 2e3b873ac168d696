package dev.ludus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Walks every operation of {@code openapi.yaml} with mutated requests (hostile path parameters,
 * queries, bodies built from the operation's schema and then broken, and every kind of credential)
 * against a real server, and fails on the first answer that is a 5xx, an error that is not
 * problem+json (OAuth's own JSON errors at {@code /oauth/*}), an answer without {@code X-Request-Id},
 * or an answer slower than 2 s. Deterministic: the seed ({@code LUDUS_FUZZ_SEED}) and the number of
 * requests per operation ({@code LUDUS_FUZZ_ROUNDS}) come from the environment when set, and are
 * printed with every failure.
 */
class ContractFuzzTest {

    private static final long SEED = Long.parseLong(setting("LUDUS_FUZZ_SEED", "20261203"));
    private static final int ROUNDS = Integer.parseInt(setting("LUDUS_FUZZ_ROUNDS", "48"));
    private static final Duration SLOWEST = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    /** Hostile values for any JSON member, as JSON text. */
    private static final List<String> HOSTILE_JSON = List.of(
            "null", "true", "-1", "0", "1.5", "1e-30000000", "1E-2147483648", "1e+30000000", "1e309",
            "9223372036854775808", "-9223372036854775809", "0.0000001", "\"\"", "\" \"", "\"\\u0000\"",
            "\"x\\ud800\"", "\"\\udfff\"", "\"" + "a".repeat(5_000) + "\"", "[]", "{}", "[1,\"a\",null]",
            "{\"a\":{\"b\":{\"c\":[]}}}", "\"2026-13-45T99:99:99Z\"", "\"Europe/Nowhere\"",
            "\"http://169.254.169.254/latest\"", "\"me\"", "\"../../etc/passwd\"", "\"\\ud83d\\ude00\"");

    /** Hostile path segments, already percent-encoded. */
    private static final List<String> HOSTILE_SEGMENTS = List.of(
            "me", "u1", "%00", "a%00b", "%ED%A0%80", "x%F0%9F%98%80", "a%2Fb", "..", "%2E%2E", "x".repeat(300),
            "-1", "0", "%20", "a%3Fb", "%C3%A9t%C3%A9", "null", "0xzz");

    /** Hostile query values, already percent-encoded. */
    private static final List<String> HOSTILE_QUERY = List.of(
            "-1", "0", "1", "abc", "99999999999999999999", "%00", "", "1e-30000000", "x".repeat(3_000),
            "%ED%A0%80", "2026-13-45T99:99:99Z", "true", "%FF");

    /** Whole bodies that are not what any operation takes. */
    private static final List<String> HOSTILE_BODIES = List.of(
            "", "[]", "\"x\"", "null", "{", "{\"a\":1,\"a\":2}", "{\"a\":1} {}", "\u0000", "{\"a\":\"\\ud800\"}",
            "[".repeat(5_000) + "]".repeat(5_000), "{\"x\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}",
            "{\"value\":1E-2147483648}", "\u00ff\u00fe garbage");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(SEED);

    private record Operation(String method, String path, JsonNode node) { }

    private record Credentials(TestApp app, String[] admin, String[] user, String[] service, String[] basic) { }

    @Test
    void everyOperationSurvivesMutatedRequests() throws Exception {
        JsonNode spec = loadSpec();
        List<Operation> operations = operations(spec);
        assertThat(operations).as("operations in openapi.yaml").hasSizeGreaterThan(40);
        int sent = 0;
        for (Operation operation : operations) {
            Credentials credentials = freshApplication();
            for (int round = 0; round < ROUNDS; round++) {
                sent++;
                send(spec, operation, credentials, round);
            }
        }
        assertThat(sent).isGreaterThanOrEqualTo(operations.size() * ROUNDS);
    }

    private static JsonNode loadSpec() throws IOException {
        try (InputStream in = ContractFuzzTest.class.getResourceAsStream("/openapi.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    private static List<Operation> operations(JsonNode spec) {
        List<Operation> operations = new ArrayList<>();
        spec.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (List.of("get", "put", "post", "patch", "delete").contains(method.getKey())) {
                operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), method.getValue()));
            }
        }));
        return operations;
    }

    /** A new application with one rule of each kind, so that most keys and ids name something. */
    private Credentials freshApplication() {
        TestApp app = server.ludus().createApp();
        new GameSetup(server.http(), app)
                .metric("steps")
                .put("/v1/achievements/first", """
                        {"name":"First","trigger":{"type":"metric","metric":"steps","threshold":10}}""")
                .put("/v1/points/xp", """
                        {"name":"XP","triggers":[{"type":"metric","metric":"steps","points":1,"per":1}]}""")
                .put("/v1/streaks/daily", """
                        {"name":"Daily","period":"daily","conditions":[{"metric":"steps","threshold":1}]}""")
                .put("/v1/leaderboards/board", "{\"rank_by\":{\"type\":\"points\",\"system\":\"xp\"}}");
        String[] service = Http.bearer(app.tokenWith("users:read", "users:write"));
        server.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"u1\",\"value\":20}", service);
        return new Credentials(app, Http.bearer(app.tokenWith("admin")), Http.bearer(app.tokenWith("read", "write")),
                service, app.basic());
    }

    private void send(JsonNode spec, Operation operation, Credentials credentials, int round) throws Exception {
        String path = path(operation, credentials);
        String query = query(operation);
        String[] headers = headers(operation, credentials);
        boolean form = operation.node().path("requestBody").path("content").has("application/x-www-form-urlencoded");
        String body = switch (operation.method()) {
            case "GET", "DELETE" -> random.nextInt(8) == 0 ? pick(HOSTILE_BODIES) : null;
            default -> form ? form(operation, spec) : jsonBody(spec, operation);
        };
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.ludus().ludus().port() + path + query))
                .timeout(Duration.ofSeconds(10))
                .method(operation.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            request.header("Content-Type", form ? "application/x-www-form-urlencoded" : "application/json");
        }
        String described = operation.method() + " " + abbreviate(path + query) + " round " + round + " (seed " + SEED + ", rounds "
                + ROUNDS + ")" + (body == null ? "" : " body " + abbreviate(body));
        long started = System.nanoTime();
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).as("status of %s: %s", described, response.body()).isLessThan(500);
        assertThat(took).as("time of %s", described).isLessThan(SLOWEST);
        assertThat(response.headers().firstValue("X-Request-Id")).as("X-Request-Id of %s", described).isPresent();
        if (response.statusCode() >= 400) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            // OAuth's endpoints answer their own errors in RFC 6749's JSON; refusals made before them
            // (a malformed path or query) are problem+json like everywhere else
            List<String> expected = operation.path().startsWith("/oauth/")
                    ? List.of("application/json", "application/problem+json") : List.of("application/problem+json");
            assertThat(expected).as("Content-Type %s of %s", type, described)
                    .anyMatch(mediaType -> type.startsWith(mediaType));
            assertThat(JSON.readTree(response.body()).path("error").isTextual())
                    .as("error code of %s: %s", described, response.body()).isTrue();
        }
    }

    private String path(Operation operation, Credentials credentials) {
        StringBuilder path = new StringBuilder();
        for (String segment : operation.path().split("/", -1)) {
            if (!path.isEmpty() || !segment.isEmpty()) {
                path.append('/');
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                path.append(random.nextInt(3) == 0 ? pick(HOSTILE_SEGMENTS)
                        : known(segment.substring(1, segment.length() - 1), credentials));
            } else {
                path.append(segment);
            }
        }
        return path.toString();
    }

    private String known(String parameter, Credentials credentials) {
        return switch (parameter) {
            case "tenant_id" -> credentials.app().tenantId();
            case "application_id" -> credentials.app().applicationId();
            case "id" -> random.nextBoolean() ? "u1" : "me";
            case "system" -> "xp";
            case "address" -> "0x" + "ab".repeat(20);
            default -> pick(List.of("steps", "first", "xp", "daily", "board", "new_key"));
        };
    }

    private String query(Operation operation) {
        List<String> pairs = new ArrayList<>();
        for (JsonNode parameter : operation.node().path("parameters")) {
            if (parameter.path("in").asText().equals("query") && random.nextBoolean()) {
                pairs.add(parameter.path("name").asText() + "=" + pick(HOSTILE_QUERY));
            }
        }
        if (random.nextInt(6) == 0) {
            pairs.add("unknown=" + pick(HOSTILE_QUERY));
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private String[] headers(Operation operation, Credentials credentials) {
        List<String> headers = new ArrayList<>();
        int pick = random.nextInt(10);
        String[] auth;
        if (operation.path().startsWith("/admin/")) {
            auth = pick < 7 ? TestLudus.operator() : pick == 7 ? credentials.admin() : new String[0];
        } else if (operation.path().startsWith("/oauth/") || operation.path().equals("/v1/auth_token")
                && operation.method().equals("POST")) {
            auth = pick < 6 ? credentials.basic() : pick == 6 ? Http.basic("cid_x\u00e9", "%00")
                    : pick == 7 ? new String[] {"Authorization", "Basic %%%"} : credentials.admin();
        } else {
            auth = switch (pick) {
                case 0, 1, 2, 3 -> credentials.admin();
                case 4, 5 -> credentials.service();
                case 6 -> credentials.user();
                case 7 -> new String[] {"Authorization", "Bearer a.b.c"};
                case 8 -> credentials.basic();
                default -> new String[0];
            };
        }
        headers.addAll(List.of(auth));
        if (random.nextInt(4) == 0) {
            headers.addAll(List.of("Idempotency-Key", pick(List.of("k1", "x".repeat(300), "k\u00e9", " "))));
        }
        return headers.toArray(String[]::new);
    }

    private String form(Operation operation, JsonNode spec) {
        JsonNode schema = resolve(spec, operation.node().path("requestBody").path("content")
                .path("application/x-www-form-urlencoded").path("schema"));
        List<String> pairs = new ArrayList<>();
        schema.path("properties").properties().forEach(property -> {
            if (random.nextInt(4) != 0) {
                String value = random.nextBoolean() ? example(spec, property.getValue(), 0).asText()
                        : pick(HOSTILE_QUERY);
                pairs.add(property.getKey() + "=" + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)
                        .replace("%25", "%"));
            }
        });
        return String.join("&", pairs);
    }

    /** A body built from the operation's schema, then broken in one of several ways. */
    private String jsonBody(JsonNode spec, Operation operation) throws IOException {
        JsonNode schema = operation.node().path("requestBody").path("content").path("application/json").path("schema");
        int how = random.nextInt(10);
        if (how == 0 || schema.isMissingNode()) {
            return pick(HOSTILE_BODIES);
        }
        JsonNode valid = example(spec, schema, 0);
        String text = JSON.writeValueAsString(valid);
        if (how == 1 || !(valid instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
            return text;
        }
        List<String> members = new ArrayList<>();
        object.fieldNames().forEachRemaining(members::add);
        switch (how) {
            case 2 -> {
                if (!members.isEmpty()) {
                    object.remove(pick(members));
                }
                return JSON.writeValueAsString(object);
            }
            case 3 -> {
                return JSON.writeValueAsString(object).replaceFirst("^\\{", "{\"unexpected\\u0000\":" + pick(HOSTILE_JSON)
                        + (members.isEmpty() ? "" : ","));
            }
            default -> {
                // one member, at any depth the text shows, replaced by a hostile value
                String member = members.isEmpty() ? "x" : pick(members);
                object.remove(member);
                String rest = JSON.writeValueAsString(object);
                return "{\"" + member + "\":" + pick(HOSTILE_JSON) + (rest.equals("{}") ? "}" : "," + rest.substring(1));
            }
        }
    }

    /** A plausible value for {@code schema}: the first enum value, an example, or a made-up one of its type. */
    private JsonNode example(JsonNode spec, JsonNode schema, int depth) {
        JsonNode resolved = resolve(spec, schema);
        var nodes = JSON.getNodeFactory();
        if (depth > 6) {
            return nodes.nullNode();
        }
        if (resolved.has("example")) {
            return resolved.get("example");
        }
        if (resolved.has("enum")) {
            return resolved.get("enum").get(random.nextInt(resolved.get("enum").size()));
        }
        for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
            if (resolved.has(combinator) && resolved.get(combinator).size() > 0) {
                JsonNode options = resolved.get(combinator);
                if (combinator.equals("allOf")) {
                    var merged = nodes.objectNode();
                    for (JsonNode part : options) {
                        JsonNode value = example(spec, part, depth + 1);
                        if (value.isObject()) {
                            merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) value);
                        }
                    }
                    return merged;
                }
                return example(spec, options.get(random.nextInt(options.size())), depth + 1);
            }
        }
        String type = resolved.path("type").isArray() ? resolved.path("type").get(0).asText() : resolved.path("type").asText();
        return switch (type) {
            case "object" -> {
                var object = nodes.objectNode();
                resolved.path("properties").properties().forEach(property ->
                        object.set(property.getKey(), example(spec, property.getValue(), depth + 1)));
                yield object;
            }
            case "array" -> nodes.arrayNode().add(example(spec, resolved.path("items"), depth + 1));
            case "integer" -> nodes.numberNode(random.nextInt(100));
            case "number" -> nodes.numberNode(random.nextInt(1000) / 10.0);
            case "boolean" -> nodes.booleanNode(random.nextBoolean());
            case "string" -> nodes.textNode(switch (resolved.path("format").asText()) {
                case "date-time" -> "2026-12-01T10:00:00Z";
                case "uri" -> "https://example.com/hook";
                case "email" -> "a@example.com";
                default -> pick(List.of("steps", "u1", "xp", "Name"));
            });
            default -> nodes.textNode("steps");
        };
    }

    private static JsonNode resolve(JsonNode spec, JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; hops < 10 && current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            current = spec.at(ref.substring(1));
        }
        return current;
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " characters)";
    }
}
