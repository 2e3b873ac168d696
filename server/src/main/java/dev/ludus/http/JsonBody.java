package dev.ludus.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.engine.LocalizedText;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
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

    /** Longest timezone accepted; the longest IANA region id has 32 characters. */
    public static final int MAX_TIMEZONE_LENGTH = 64;
    /** The most languages one name or description may be given in. */
    public static final int MAX_LANGUAGES = 50;
    public static final int MAX_LANGUAGE_TAG_LENGTH = 35;
    public static final int MAX_URL_LENGTH = 2048;

    private final ObjectNode object;
    private final String path;

    JsonBody(ObjectNode object) {
        this(object, "");
    }

    private JsonBody(ObjectNode object, String path) {
        this.object = object;
        this.path = path;
    }

    /** The member's name as errors show it: {@code name}, or {@code outer.name} and {@code list[2].name} when nested. */
    public String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Refuses members outside {@code allowed}. */
    public JsonBody allowOnly(Set<String> allowed) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.invalidField(field(name), "unknown member '" + field(name) + "'");
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
                .orElseThrow(() -> ApiException.invalidField(field(name), "'" + field(name) + "' is required"));
    }

    /** An optional string, stripped, of 1 to {@code maxLength} characters. */
    public Optional<String> string(String name, int maxLength) {
        JsonNode node = present(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiException.invalidField(field(name), "'" + field(name) + "' must be a string");
        }
        String value = node.textValue().strip();
        if (value.isEmpty()) {
            throw ApiException.invalidField(field(name), "'" + field(name) + "' must not be empty");
        }
        if (value.length() > maxLength) {
            throw ApiException.invalidField(field(name), "'" + field(name) + "' must be at most " + maxLength + " characters");
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
            throw ApiException.invalidField(field(name), "'" + field(name) + "' must be a whole number");
        }
        long value = node.longValue();
        if (value < min || value > max) {
            throw ApiException.invalidField(field(name), "'" + field(name) + "' must be between " + min + " and " + max);
        }
        return Optional.of(value);
    }

    /** An optional instant: an ISO 8601 date and time with an offset ({@code 2026-12-24T00:00:00Z}), to the millisecond. */
    public Optional<java.time.Instant> instant(String name) {
        return string(name, 64).map(text -> {
            try {
                return java.time.Instant.parse(text).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            } catch (java.time.format.DateTimeParseException e) {
                throw ApiException.invalidField(field(name), "'" + field(name)
                        + "' must be an ISO 8601 date and time with an offset, such as 2026-12-24T00:00:00Z");
            }
        });
    }

    /** An optional boolean. */
    public Optional<Boolean> bool(String name) {
        JsonNode node = present(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw ApiException.invalidField(field(name), "'" + field(name) + "' must be true or false");
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
            throw ApiException.invalidField(field(name), "'" + field(name) + "' must be an array of strings");
        }
        if (node.size() > maxItems) {
            throw ApiException.invalidField(field(name), "'" + field(name) + "' may hold at most " + maxItems + " items");
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isTextual() || item.textValue().isBlank() || item.textValue().length() > maxLength) {
                throw ApiException.invalidField(field(name), "'" + field(name) + "' must be an array of non-empty strings");
            }
            values.add(item.textValue());
        }
        return Optional.of(List.copyOf(values));
    }

    /**
     * An optional IANA time zone: a region id such as {@code Europe/Paris}, or {@code UTC}, answered
     * as {@link ZoneId#getId()}. Offsets ({@code +02:00}), {@code Z} and abbreviations ({@code CET},
     * {@code GMT}) are refused: a region follows its daylight saving time, an offset does not. The one
     * rule for every timezone a request sets (a user's, an application's default).
     */
    public Optional<ZoneId> timezone(String name) {
        return string(name, MAX_TIMEZONE_LENGTH).map(zone -> {
            try {
                if (!zone.contains("/") && !zone.equals("UTC")) {
                    throw new DateTimeException("not a region id");
                }
                return ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw ApiException.invalidField(field(name), "'" + field(name)
                        + "' must be an IANA time zone such as Europe/Paris or UTC");
            }
        });
    }

    private JsonNode present(String name) {
        JsonNode node = object.get(name);
        return node == null || node.isNull() ? null : node;
    }

    /** An optional nested object, read with the same rules. */
    public Optional<JsonBody> object(String name) {
        JsonNode node = present(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!(node instanceof ObjectNode nested)) {
            throw ApiException.invalidField(field(name), "'" + field(name) + "' must be an object");
        }
        return Optional.of(new JsonBody(nested, field(name)));
    }

    /** A required nested object. */
    public JsonBody requiredObject(String name) {
        return object(name).orElseThrow(() -> ApiException.invalidField(field(name), "'" + field(name) + "' is required"));
    }

    /** An optional array of objects of at most {@code maxItems} items. */
    public Optional<List<JsonBody>> objects(String name, int maxItems) {
        JsonNode node = present(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw ApiException.invalidField(field(name), "'" + field(name) + "' must be an array of objects");
        }
        if (node.size() > maxItems) {
            throw ApiException.invalidField(field(name), "'" + field(name) + "' may hold at most " + maxItems + " items");
        }
        List<JsonBody> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String itemPath = field(name) + "[" + i + "]";
            if (!(node.get(i) instanceof ObjectNode item)) {
                throw ApiException.invalidField(itemPath, "'" + itemPath + "' must be an object");
            }
            items.add(new JsonBody(item, itemPath));
        }
        return Optional.of(List.copyOf(items));
    }

    /** An optional finite decimal number, exactly as written. */
    public Optional<BigDecimal> decimal(String name) {
        JsonNode node = present(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isNumber()) {
            throw ApiException.invalidField(field(name), "'" + field(name) + "' must be a number");
        }
        return Optional.of(node.decimalValue());
    }

    /**
     * An optional flat object of strings: at most {@code maxEntries} members, names matching
     * {@code namePattern}, values of at most {@code maxValueLength} characters.
     */
    public Optional<Map<String, String>> stringMap(String name, int maxEntries, Pattern namePattern,
            int maxValueLength) {
        JsonNode node = present(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!(node instanceof ObjectNode map)) {
            throw ApiException.invalidField(field(name), "'" + field(name) + "' must be an object of strings");
        }
        if (map.size() > maxEntries) {
            throw ApiException.invalidField(field(name), "'" + field(name) + "' may hold at most " + maxEntries
                    + " members");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            String member = field(name) + "." + entry.getKey();
            if (!namePattern.matcher(entry.getKey()).matches()) {
                throw ApiException.invalidField(member, "member names of '" + field(name) + "' must match "
                        + namePattern.pattern());
            }
            if (!entry.getValue().isTextual()) {
                throw ApiException.invalidField(member, "'" + member + "' must be a string");
            }
            if (entry.getValue().textValue().length() > maxValueLength) {
                throw ApiException.invalidField(member, "'" + member + "' must be at most " + maxValueLength
                        + " characters");
            }
            values.put(entry.getKey(), entry.getValue().textValue());
        }
        return Optional.of(Collections.unmodifiableMap(values));
    }

    /**
     * An optional name or description: one string, or an object of strings by BCP 47 language tag
     * ({@code {"en": "...", "fr": "..."}}, 1 to {@value #MAX_LANGUAGES} members, tags kept in their
     * canonical form), each value stripped, 1 to {@code maxLength} characters.
     */
    public Optional<LocalizedText> text(String name, int maxLength) {
        JsonNode node = present(name);
        if (node == null || node.isTextual()) {
            return string(name, maxLength).map(LocalizedText::plain);
        }
        if (!(node instanceof ObjectNode map)) {
            throw ApiException.invalidField(field(name), "'" + field(name)
                    + "' must be a string or an object of strings by language tag");
        }
        if (map.isEmpty() || map.size() > MAX_LANGUAGES) {
            throw ApiException.invalidField(field(name), "'" + field(name) + "' must hold 1 to " + MAX_LANGUAGES
                    + " languages");
        }
        JsonBody texts = new JsonBody(map, field(name));
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            String tag = LocalizedText.canonicalTag(entry.getKey()).orElseThrow(() -> ApiException.invalidField(
                    texts.field(entry.getKey()), "'" + entry.getKey() + "' in '" + field(name)
                            + "' is not a BCP 47 language tag such as en or pt-BR"));
            if (values.put(tag, texts.requiredString(entry.getKey(), maxLength)) != null) {
                throw ApiException.invalidField(texts.field(entry.getKey()), "'" + field(name) + "' names "
                        + tag + " twice");
            }
        }
        return Optional.of(new LocalizedText(values));
    }

    /** An optional BCP 47 language tag ({@code en}, {@code pt-BR}), answered in its canonical form. */
    public Optional<String> languageTag(String name) {
        return string(name, MAX_LANGUAGE_TAG_LENGTH).map(tag -> LocalizedText.canonicalTag(tag).orElseThrow(
                () -> ApiException.invalidField(field(name), "'" + field(name)
                        + "' must be a BCP 47 language tag such as en or pt-BR")));
    }

    /**
     * An optional absolute {@code https} address of at most {@value #MAX_URL_LENGTH} characters with a
     * host and no user information (a picture's address that answers carry to browsers).
     */
    public Optional<String> httpsUrl(String name) {
        return string(name, MAX_URL_LENGTH).map(url -> {
            try {
                java.net.URI uri = new java.net.URI(url);
                if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null) {
                    return url;
                }
            } catch (java.net.URISyntaxException e) {
                // refused below
            }
            throw ApiException.invalidField(field(name), "'" + field(name)
                    + "' must be an https address such as https://cdn.example.com/badge.png");
        });
    }

    /** True when the member is present and explicitly {@code null} (a request to clear it). */
    public boolean isNull(String name) {
        JsonNode node = object.get(name);
        return node != null && node.isNull();
    }

    /** The object as parsed, for canonical hashing and storage. */
    public ObjectNode node() {
        return object;
    }
}
