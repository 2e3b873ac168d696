package dev.ludus.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A small real HTTP client for tests, talking to a server on localhost. Every answer to an operation
 * of {@code openapi.yaml} is checked against the contract ({@link Contract#check}): an undocumented
 * status, media type or body fails the test with an {@link AssertionError}. A test that means to
 * provoke an answer the contract does not describe uses {@link #unchecked()}; {@code
 * -Dludus.test.contract=off} turns the check off for a whole run, and {@code
 * -Dludus.test.contract=report} appends every mismatch to {@code target/contract-mismatches.txt}
 * instead of failing (to list them all in one run). Without the property the check runs when
 * json-schema-validator is on the test class path ({@link Contract#enabled()}).
 */
public final class Http implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final boolean checkContract;

    public Http(int port) {
        this(port, ContractMode.enabled());
    }

    private Http(int port, boolean checkContract) {
        this.base = "http://127.0.0.1:" + port;
        this.checkContract = checkContract;
    }

    /** A client to the same server whose answers are not checked against the contract; close it too. */
    public Http unchecked() {
        return new Http(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), false);
    }

    /** An answer: status, headers and body, with the body readable as JSON. */
    public record Answer(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The {@code error} member of a problem+json answer. */
        public String error() {
            return json().path("error").asText();
        }
    }

    public Answer get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Answer post(String path, String json, String... headers) {
        return send("POST", path, json, headers);
    }

    public Answer patch(String path, String json, String... headers) {
        return send("PATCH", path, json, headers);
    }

    /** Sends a request with a JSON body (or none); {@code headers} are name/value pairs. */
    public Answer send(String method, String path, String json, String... headers) {
        if (json == null) {
            return sendRaw(method, path, null, headers);
        }
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = "application/json";
        return sendRaw(method, path, json, all);
    }

    private Answer sendRaw(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Answer answer = new Answer(response.statusCode(), response.headers(), response.body());
            if (checkContract) {
                Contract.enforce(Contract.served().check(method, path, answer.status(), answer::header, answer.body()));
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Closes the client's connections, so that a stopping server has no idle keep-alive to wait for. */
    @Override
    public void close() {
        client.shutdownNow();
    }

    /** {@code ["Authorization", "Basic " + base64(user:password)]}, UTF-8. */
    public static String[] basic(String user, String password) {
        return new String[] {"Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8))};
    }

    /** Posts a form body ({@code application/x-www-form-urlencoded}). */
    public Answer form(String path, String form, String... headers) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = "application/x-www-form-urlencoded";
        return sendRaw("POST", path, form, all);
    }

    /** {@code ["Authorization", "Bearer " + token]}. */
    public static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }
}
