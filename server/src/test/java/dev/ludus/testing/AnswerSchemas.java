package dev.ludus.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The contract as the suite checks answers against it: every object schema that names its
 * {@code properties} and says nothing of the others is closed ({@code unevaluatedProperties: false}),
 * so an answer member the contract does not document fails the test. Schemas composed with
 * {@code allOf} are closed at the composition, not in their parts (a closed part would refuse the
 * members of its siblings); a schema used as an {@code allOf} part stays open everywhere.
 */
final class AnswerSchemas {

    private AnswerSchemas() { }

    /** A closed deep copy of {@code document}; the document itself is not changed. */
    static JsonNode closed(JsonNode document) {
        JsonNode copy = document.deepCopy();
        Set<JsonNode> parts = Collections.newSetFromMap(new IdentityHashMap<>());
        collectAllOfParts(copy, copy, parts);
        close(copy, parts);
        return copy;
    }

    private static void collectAllOfParts(JsonNode root, JsonNode node, Set<JsonNode> parts) {
        if (node.isObject()) {
            JsonNode allOf = node.get("allOf");
            if (allOf != null && allOf.isArray()) {
                for (JsonNode part : allOf) {
                    parts.add(part.has("$ref") ? root.at(part.get("$ref").asText().substring(1)) : part);
                }
            }
            node.forEach(child -> collectAllOfParts(root, child, parts));
        } else if (node.isArray()) {
            node.forEach(child -> collectAllOfParts(root, child, parts));
        }
    }

    private static void close(JsonNode node, Set<JsonNode> parts) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            boolean schemaWithMembers = object.has("properties") || object.has("allOf");
            boolean saysNothing = !object.has("additionalProperties") && !object.has("unevaluatedProperties");
            if (schemaWithMembers && saysNothing && !parts.contains(object)) {
                object.put("unevaluatedProperties", false);
            }
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                if (entry.getKey().equals("properties") || entry.getKey().equals("patternProperties")) {
                    entry.getValue().forEach(schema -> close(schema, parts));
                } else if (!entry.getKey().equals("example") && !entry.getKey().equals("examples")) {
                    close(entry.getValue(), parts);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> close(child, parts));
        }
    }
}
