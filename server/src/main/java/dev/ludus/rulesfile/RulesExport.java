package dev.ludus.rulesfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ludus.http.ApiException;
import dev.ludus.rules.StoredRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An application's active rules written as a rules file: every section that holds a rule, in the
 * file's order, rules by key, each definition without the members that hold their default (found
 * with the kind's own codec: a member goes when the definition reads the same without it), so the
 * file reads like one written by hand and loads back to the same rules. Stateless.
 */
final class RulesExport {

    private static final YAMLMapper PLAIN = yaml(true);
    private static final YAMLMapper QUOTED = yaml(false);

    private RulesExport() { }

    /**
     * The rules file of {@code active} (an application's active rules, of every kind) for {@code
     * applicationId}, with the application's settings that a file holds when they are not the defaults
     * ({@code corsOrigins}, when the application lists any).
     */
    static String yaml(String applicationId, List<String> corsOrigins, List<StoredRule<?>> active) {
        ObjectNode root = RulesFile.JSON.createObjectNode();
        if (!corsOrigins.isEmpty()) {
            corsOrigins.forEach(root.putObject(RulesFile.APPLICATION).putArray("cors_origins")::add);
        }
        for (StandardKind kind : StandardKind.values()) {
            for (StoredRule<?> rule : active) {
                if (rule.kind().name().equals(kind.ruleKind().name())) {
                    ObjectNode section = root.has(kind.collection()) ? (ObjectNode) root.get(kind.collection())
                            : root.putObject(kind.collection());
                    section.set(rule.key(), withoutDefaults(kind, rule.key(), rule.definition()));
                }
            }
        }
        if (root.isEmpty()) {
            root.putObject(StandardKind.METRIC.collection());
        }
        String header = "# The rules of application " + applicationId + ", as `ludus apply` and the console read them"
                + " (docs/rules-file.md)\n";
        // Quotes only where YAML needs them, unless that reads back differently (then every string is quoted).
        String plain = write(PLAIN, root);
        return header + (RuleDiff.same(read(plain), root) ? plain : write(QUOTED, root));
    }

    /** {@code canonical} without the members, at any depth, that the codec would fill in the same. */
    static ObjectNode withoutDefaults(StandardKind kind, String key, ObjectNode canonical) {
        ObjectNode body = canonical.deepCopy();
        if (readsAs(kind, key, body, canonical)) {
            prune(kind, key, body, body, canonical);
        }
        return body;
    }

    /** Removes from {@code node} (inside {@code body}) each member whose removal leaves {@code body} reading as {@code canonical}. */
    private static void prune(StandardKind kind, String key, ObjectNode body, JsonNode node, ObjectNode canonical) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> kept = new ArrayList<>();
            for (Map.Entry<String, JsonNode> member : new ArrayList<>(object.properties())) {
                object.remove(member.getKey());
                if (!readsAs(kind, key, body, canonical)) {
                    object.set(member.getKey(), member.getValue());
                    kept.add(member);
                }
            }
            object.removeAll();
            kept.forEach(member -> object.set(member.getKey(), member.getValue()));
            kept.forEach(member -> prune(kind, key, body, member.getValue(), canonical));
        } else if (node.isArray()) {
            node.forEach(item -> prune(kind, key, body, item, canonical));
        }
    }

    private static boolean readsAs(StandardKind kind, String key, ObjectNode body, ObjectNode canonical) {
        try {
            return kind.canonical(key, RulesFile.body(body)).equals(canonical);
        } catch (ApiException e) {
            return false;
        }
    }

    private static YAMLMapper yaml(boolean minimizeQuotes) {
        YAMLMapper.Builder builder = YAMLMapper.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        if (minimizeQuotes) {
            builder.enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE);
        }
        return builder.build();
    }

    private static String write(YAMLMapper mapper, JsonNode root) {
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rules cannot be written as YAML", e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return PLAIN.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
