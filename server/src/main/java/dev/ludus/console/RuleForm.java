package dev.ludus.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The form of one rule kind, and the one engine that turns any kind's form into a definition and back:
 * the fields hold members of the definition by path, so a definition fills the form for editing,
 * the form's text becomes the JSON body that the rules service reads (and refuses, naming a member),
 * and a refused member is found again among the fields. Nothing here checks a rule: what the text
 * means is the kind's to say, through the same service as the API. Immutable; thread-safe.
 *
 * @param title the kind in the plural, as headings show it ({@code Points systems})
 * @param fields the inputs after the key, in order
 */
public record RuleForm(String title, List<RuleField> fields) {

    /** Reads YAML (and JSON, which is YAML) with numbers exact and duplicate members refused; writes block YAML. */
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    /** Numbers with a larger exponent are passed on as typed, for the API to refuse, never expanded here. */
    private static final int MAX_EXPONENT = 1_000;

    public RuleForm {
        fields = List.copyOf(fields);
    }

    /**
     * A form's text made into a definition: the body to give the rules service, and what could not
     * be read at all (YAML that does not parse), by form field.
     */
    public record Body(ObjectNode body, Map<String, String> errors) { }

    /** The form's text (form field name to value, as posted) as the body of a rule PUT. */
    public Body body(Map<String, String> values) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        Map<String, String> errors = new LinkedHashMap<>();
        for (RuleField field : fields) {
            if (!applies(field, values)) {
                continue;
            }
            String typed = values.getOrDefault(field.formName(), "");
            // YAML keeps its indentation; other text is trimmed, as the API trims strings
            String text = field.type() == RuleField.Type.YAML && !typed.isBlank() ? typed : typed.strip();
            try {
                Optional<JsonNode> value = value(field, text);
                if (value.isPresent() && field.name().isEmpty() && !value.get().isObject()) {
                    errors.put(field.formName(), "the definition must be a mapping of members (name: value)");
                } else {
                    value.ifPresent(node -> put(body, field.name(), node));
                }
            } catch (JsonProcessingException e) {
                errors.put(field.formName(), "this is not YAML or JSON that can be read: "
                        + e.getOriginalMessage().lines().findFirst().orElse("") + lineOf(e));
            }
        }
        return new Body(body, errors);
    }

    /** A stored definition as the form's text, to edit it. */
    public Map<String, String> values(ObjectNode definition) {
        Map<String, String> values = new LinkedHashMap<>();
        for (RuleField field : fields) {
            JsonNode node = field.name().isEmpty() ? definition : definition.at("/" + field.name().replace('.', '/'));
            text(field, node).ifPresent(text -> values.put(field.formName(), text));
        }
        return values;
    }

    /**
     * The form field next to which a refusal naming {@code member} ({@code trigger.threshold},
     * {@code levels[2].threshold}, {@code trigger}) is shown: the field that holds the member, else
     * the first filled field inside it (one that names another rule first), else {@code ""} (the form
     * as a whole).
     */
    public String fieldFor(String member, Map<String, String> values) {
        if (member.equals("key")) {
            return "key";
        }
        Optional<RuleField> holder = fields.stream().filter(field -> applies(field, values))
                .filter(field -> field.name().isEmpty() || member.equals(field.name())
                        || member.startsWith(field.name() + ".") || member.startsWith(field.name() + "["))
                .max(Comparator.comparingInt(field -> field.name().length()));
        if (holder.isPresent()) {
            return holder.get().formName();
        }
        return fields.stream().filter(field -> applies(field, values))
                .filter(field -> field.name().startsWith(member + "."))
                .filter(field -> !values.getOrDefault(field.formName(), "").isBlank())
                .min(Comparator.comparing(field -> !field.reference()))
                .map(RuleField::formName).orElse("");
    }

    /** Whether the field applies to what the form holds: always, or while the field it depends on has one of its values. */
    public boolean applies(RuleField field, Map<String, String> values) {
        if (field.when().isEmpty()) {
            return true;
        }
        String decider = values.get(field.when());
        if (decider == null) {
            decider = fields.stream().filter(other -> other.formName().equals(field.when())).findFirst()
                    .filter(other -> !other.options().isEmpty()).map(other -> other.options().getFirst()).orElse("");
        }
        return field.whenValues().contains(decider);
    }

    /** A definition or a member of it as YAML, as the rule pages show it. */
    public static String yaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a definition cannot be written as YAML", e);
        }
    }

    private static Optional<JsonNode> value(RuleField field, String text) throws JsonProcessingException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (field.type()) {
            case FLAG -> Optional.of(nodes.booleanNode(!text.isEmpty()));
            case TEXT, LONG_TEXT, CHOICE -> text.isEmpty() ? Optional.empty() : Optional.of(nodes.textNode(text));
            case TEXTS, LONG_TEXTS -> text.isEmpty() ? Optional.empty() : Optional.of(texts(text));
            case NUMBER -> text.isEmpty() ? Optional.empty() : Optional.of(number(text));
            case KEYS -> {
                ArrayNode keys = nodes.arrayNode();
                for (String key : text.split("[,\\s]+")) {
                    if (!key.isEmpty()) {
                        keys.add(key);
                    }
                }
                yield keys.isEmpty() ? Optional.empty() : Optional.of(keys);
            }
            case YAML -> text.isEmpty() ? Optional.empty() : Optional.ofNullable(YAML.readTree(text))
                    .filter(node -> !node.isMissingNode());
        };
    }

    /**
     * A name or description as typed: texts by language when it is a JSON object (as the field shows a
     * name given in several languages), else the text itself, which may well hold braces.
     */
    private static JsonNode texts(String text) {
        if (text.startsWith("{") && text.endsWith("}")) {
            try {
                JsonNode node = YAML.readTree(text);
                if (node.isObject() && !node.isEmpty() && node.valueStream()
                        .allMatch(value -> value.isTextual() && !value.asText().isBlank())) {
                    return node;
                }
            } catch (JsonProcessingException e) {
                // not JSON: a name that happens to start and end with braces
            }
        }
        return JsonNodeFactory.instance.textNode(text);
    }

    /** The number typed, whole when it has no fraction; text that is no number stays text, which the API refuses. */
    private static JsonNode number(String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return JsonNodeFactory.instance.textNode(text);
        }
        if (Math.abs((long) value.scale()) > MAX_EXPONENT) {
            return JsonNodeFactory.instance.numberNode(value);
        }
        if (value.signum() == 0 || value.stripTrailingZeros().scale() <= 0) {
            return JsonNodeFactory.instance.numberNode(value.toBigIntegerExact());
        }
        return JsonNodeFactory.instance.numberNode(value);
    }

    private static Optional<String> text(RuleField field, JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        return switch (field.type()) {
            case FLAG -> node.asBoolean() ? Optional.of("on") : Optional.empty();
            case NUMBER -> Optional.of(node.isNumber() ? node.decimalValue().stripTrailingZeros().toPlainString()
                    : node.asText());
            case KEYS -> {
                List<String> keys = new java.util.ArrayList<>();
                node.forEach(item -> keys.add(item.asText()));
                yield Optional.of(String.join(", ", keys));
            }
            case YAML -> node.isEmpty() ? Optional.empty() : Optional.of(yaml(node));
            case TEXT, LONG_TEXT, CHOICE, TEXTS, LONG_TEXTS -> Optional.of(node.isValueNode() ? node.asText()
                    : node.toString());
        };
    }

    /** Sets {@code value} at {@code path} (names joined by dots) in {@code body}, making the objects on the way. */
    private static void put(ObjectNode body, String path, JsonNode value) {
        if (path.isEmpty()) {
            body.setAll((ObjectNode) value);
            return;
        }
        String[] names = path.split("\\.");
        ObjectNode parent = body;
        for (int i = 0; i < names.length - 1; i++) {
            parent = parent.get(names[i]) instanceof ObjectNode object ? object : parent.putObject(names[i]);
        }
        parent.set(names[names.length - 1], value);
    }

    private static String lineOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }
}
