package dev.ludus.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * JSON in and out of handlers: snake_case members, instants as ISO 8601 strings; request bodies read
 * as {@link JsonBody}, refusing trailing content and duplicate members. Thread-safe: the mapper is configured once and never changed.
 */
public final class Json {

    /** The media type of every JSON answer. */
    public static final String MEDIA_TYPE = "application/json";

    private final ObjectMapper mapper;

    public Json() {
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .build();
    }

    /** The mapper itself, for answers written as a stream (exports); configured as every answer's. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Serialises {@code value}; a failure here is a bug, not bad input. */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
        }
    }

    /** Reads JSON text stored by Ludus itself (a rule definition, a stored answer). */
    public JsonNode readTrusted(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not readable", e);
        }
    }

    /** Reads stored JSON text as an object for member-by-member reading. */
    public JsonBody bodyOf(String text) {
        if (readTrusted(text) instanceof ObjectNode object) {
            return new JsonBody(object);
        }
        throw new IllegalStateException("stored JSON is not an object");
    }

    /** Converts a value to its JSON tree. */
    public JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    /** Writes a value as JSON text. */
    public String text(Object value) {
        return new String(write(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Sends JSON bytes as they are. */
    public void sendRaw(ServerResponse response, int status, byte[] body) {
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        response.send(body);
    }

    /** Sends {@code value} as a JSON answer with the given status. */
    public void send(ServerResponse response, int status, Object value) {
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        response.send(write(value));
    }

    /**
     * Reads the request body as a JSON object for member-by-member reading; an empty body is an
     * empty object. Anything but a JSON object answers 400.
     */
    public JsonBody body(ServerRequest request) {
        return body(RequestBodies.bytes(request));
    }

    /**
     * Reads JSON that a person gave through another way than a request body (a console form) exactly
     * as {@link #body(ServerRequest)} reads a request's: the same refusals.
     */
    public JsonBody body(byte[] body) {
        if (body.length == 0) {
            return new JsonBody(mapper.createObjectNode());
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON");
        } catch (NumberFormatException | ArithmeticException e) {
            // Jackson refuses an exponent that does not fit an int (1E-2147483648) this way
            throw ApiException.badRequest("the body holds a number whose exponent is out of range (at most "
                    + BodyText.MAX_EXPONENT + " either way)");
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("the body could not be read");
        }
        if (node instanceof ObjectNode object) {
            BodyText.check(object);
            return new JsonBody(object);
        }
        throw ApiException.badRequest("the body must be a JSON object");
    }
}
