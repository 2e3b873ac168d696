package dev.ludus.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request body that is a JSON object, read member by member with strict types: a member of the
 * wrong type, out of range, or not expected at all answers 400 {@code invalid_request} naming it.
 * An absent member and an explicit {@code null} are both "not given" for optional members.
 */
public final class JsonBody {

    private final ObjectNode object;

    JsonBody(ObjectNode object) {
        this.object = object;
    }

    /** Refuses members outside {@code allowed}. */
    public JsonBody allowOnly(Set<String> allowed) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.invalidField(name, "unknown member '" + name + "'");
            }
        }
        return this;
    }

    /** True when the member is present (even as {@code null}). */
    public boolean has(String name) {
        return object.has(name);
    }

    /** A required string, stripped, of 1 to {@code maxLength} characters. */
    public String requiredString(String name, int maxLength) {
        return string(name, maxLength)
                .orElseThrow(() -> ApiException.invalidField(name, "'" + name + "' is required"));
    }

    /** An optional string, stripped, of 1 to {@code maxLength} characters. */
    public Optional<String> string(String name, int maxLength) {
        JsonNode node = present(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiException.invalidField(name, "'" + name + "' must be a string");
        }
        String value = node.textValue().strip();
        if (value.isEmpty()) {
            throw ApiException.invalidField(name, "'" + name + "' must not be empty");
        }
        if (value.length() > maxLength) {
            throw ApiException.invalidField(name, "'" + name + "' must be at most " + maxLength + " characters");
        }
        return Optional.of(value);
    }

    /** An optional whole number within {@code [min, max]}. */
    public Optional<Long> integer(String name, long min, long max) {
        JsonNode node = present(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw ApiException.invalidField(name, "'" + name + "' must be a whole number");
        }
        long value = node.longValue();
        if (value < min || value > max) {
            throw ApiException.invalidField(name, "'" + name + "' must be between " + min + " and " + max);
        }
        return Optional.of(value);
    }

    /** An optional boolean. */
    public Optional<Boolean> bool(String name) {
        JsonNode node = present(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw ApiException.invalidField(name, "'" + name + "' must be true or false");
        }
        return Optional.of(node.booleanValue());
    }

    /** An optional array of non-empty strings of at most {@code maxItems} items. */
    public Optional<List<String>> strings(String name, int maxItems, int maxLength) {
        JsonNode node = present(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw ApiException.invalidField(name, "'" + name + "' must be an array of strings");
        }
        if (node.size() > maxItems) {
            throw ApiException.invalidField(name, "'" + name + "' may hold at most " + maxItems + " items");
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isTextual() || item.textValue().isBlank() || item.textValue().length() > maxLength) {
                throw ApiException.invalidField(name, "'" + name + "' must be an array of non-empty strings");
            }
            values.add(item.textValue());
        }
        return Optional.of(List.copyOf(values));
    }

    private JsonNode present(String name) {
        JsonNode node = object.get(name);
        return node == null || node.isNull() ? null : node;
    }
}
