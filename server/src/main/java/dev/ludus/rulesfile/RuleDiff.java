package dev.ludus.rulesfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** How a rule in a rules file differs from the server's view of it, member by member. Stateless. */
public final class RuleDiff {

    private static final int MAX_SHOWN = 60;

    /**
     * One member that differs: {@code member} as the API names it ({@code levels[1].threshold}), its
     * value on the server and in the file ({@code null} for absent). {@link #toString()} is how
     * {@code ludus apply} prints it, long values shortened: {@code trigger.threshold 1000 -> 2000}.
     */
    public record Difference(String member, JsonNode before, JsonNode after) {

        @Override
        public String toString() {
            return member + " " + shown(before) + " -> " + shown(after);
        }
    }

    private RuleDiff() { }

    /** The members of {@code canonical} that {@code view} shows differently. */
    public static List<Difference> differences(JsonNode view, ObjectNode canonical) {
        List<Difference> differences = new ArrayList<>();
        canonical.properties().forEach(entry -> {
            if (!ApplyPlan.VIEW_ONLY.contains(entry.getKey())) {
                compare(entry.getKey(), view.get(entry.getKey()), entry.getValue(), differences);
            }
        });
        return differences;
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<Difference> differences) {
        JsonNode a = before == null || before.isMissingNode() ? NullNode.instance : before;
        JsonNode b = after == null || after.isMissingNode() ? NullNode.instance : after;
        if (same(a, b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            b.fieldNames().forEachRemaining(names::add);
            a.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> compare(path + "." + name, a.get(name), b.get(name), differences));
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                compare(path + "[" + i + "]", a.get(i), b.get(i), differences);
            }
        } else {
            differences.add(new Difference(path, a, b));
        }
    }

    /** JSON equality with numbers compared by value (1000 = 1000.0) and null = absent. */
    static boolean same(JsonNode a, JsonNode b) {
        JsonNode x = a == null || a.isMissingNode() ? NullNode.instance : a;
        JsonNode y = b == null || b.isMissingNode() ? NullNode.instance : b;
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue()) == 0;
        }
        if (x.isObject() && y.isObject()) {
            Set<String> names = new HashSet<>();
            x.fieldNames().forEachRemaining(names::add);
            y.fieldNames().forEachRemaining(names::add);
            return names.stream().allMatch(name -> same(x.get(name), y.get(name)));
        }
        if (x.isArray() && y.isArray()) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return x.equals(y);
    }

    private static String shown(JsonNode node) {
        String text;
        try {
            text = RulesFile.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            text = node.toString();
        }
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN - 3) + "...";
    }
}
