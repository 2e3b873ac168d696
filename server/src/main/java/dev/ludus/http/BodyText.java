package dev.ludus.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Checks a parsed request body once, before any handler reads it: every string and member name is
 * {@link Text well-formed}, and every number has an exponent within {@value #MAX_EXPONENT} either
 * way. A number such as {@code 1e-30000000} parses in microseconds but costs seconds of CPU to
 * rescale or print in plain notation; it is refused here, as 400 naming the member, before any of
 * that can happen.
 */
final class BodyText {

    /**
     * The largest exponent (and scale) of a number in a body. Ludus keeps amounts to six decimal
     * places below 10^12 and counts below 2^63; 1,000 leaves room for any other number a member may
     * carry while keeping its plain form under about a thousand digits.
     */
    static final int MAX_EXPONENT = 1_000;

    private BodyText() { }

    /** Refuses the first flawed string, member name or number of {@code body} with 400 naming it. */
    static void check(ObjectNode body) {
        checkObject(body, "");
    }

    private static void checkObject(ObjectNode object, String path) {
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            String name = member.getKey();
            int flaw = Text.firstFlaw(name);
            if (flaw >= 0) {
                String field = path.isEmpty() ? "(member name)" : path;
                throw ApiException.invalidField(field, "a member name of " + (path.isEmpty() ? "the body" : "'" + path + "'")
                        + " " + Text.flawAt(name, flaw));
            }
            checkValue(member.getValue(), path.isEmpty() ? name : path + "." + name);
        }
    }

    private static void checkValue(JsonNode value, String field) {
        switch (value.getNodeType()) {
            case STRING -> {
                int flaw = Text.firstFlaw(value.textValue());
                if (flaw >= 0) {
                    throw ApiException.invalidField(field, "'" + field + "' " + Text.flawAt(value.textValue(), flaw));
                }
            }
            case NUMBER -> {
                if (value.isBigDecimal() && Math.abs((long) value.decimalValue().scale()) > MAX_EXPONENT) {
                    throw ApiException.invalidField(field, "'" + field + "' is out of range: its exponent must be within "
                            + MAX_EXPONENT + " either way");
                }
            }
            case OBJECT -> checkObject((ObjectNode) value, field);
            case ARRAY -> {
                for (int i = 0; i < value.size(); i++) {
                    checkValue(value.get(i), field + "[" + i + "]");
                }
            }
            default -> { }
        }
    }
}
