package dev.ludus.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.engine.Amount;
import dev.ludus.engine.LocalizedText;
import dev.ludus.http.ApiException;
import dev.ludus.http.JsonBody;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What every kind's codec shares: the pattern of rule keys and of attribute names, the limits of
 * common members, and readers of a referenced key and of an exact amount. Stateless.
 */
public final class RuleCodec {

    /** Keys of rules of every kind. */
    public static final Pattern KEY = Pattern.compile("[a-z0-9_.-]{1,64}");
    /** Names of event attributes and of trigger filter entries. */
    public static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_FILTER_ENTRIES = 10;
    public static final int MAX_ATTRIBUTE_VALUE = 256;
    /** The largest number of points one trigger, reward or adjustment may name. */
    public static final long MAX_POINTS = 1_000_000_000L;

    private RuleCodec() { }

    /**
     * A {@code week_start} member's value (leaderboards, team boards, seasons); 400 naming it unless it
     * is a day name in lower case.
     */
    public static java.time.DayOfWeek weekStart(JsonBody body, String value) {
        for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
            if (day.name().toLowerCase(java.util.Locale.ROOT).equals(value)) {
                return day;
            }
        }
        throw ApiException.invalidField(body.field("week_start"), "'week_start' must be a day name in lower case, "
                + "'monday' to 'sunday'");
    }

    /** The key from the path; 400 naming {@code key} when malformed. */
    public static String key(String raw) {
        if (raw == null || !KEY.matcher(raw).matches()) {
            throw ApiException.invalidField("key", "a key must match [a-z0-9_.-]{1,64}");
        }
        return raw;
    }

    /**
     * The start of a canonical definition: its {@code name} and {@code description} (null when it has
     * none), each a string or an object of strings by language tag, as given.
     */
    public static ObjectNode named(LocalizedText name, Optional<LocalizedText> description) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("name", json(name));
        node.set("description", description.map(RuleCodec::json).orElse(JsonNodeFactory.instance.nullNode()));
        return node;
    }

    /** {@code text} as a definition holds it: a string, or an object of strings by language tag. */
    public static JsonNode json(LocalizedText text) {
        if (text.isPlain()) {
            return JsonNodeFactory.instance.textNode(text.text());
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        text.values().forEach(node::put);
        return node;
    }

    /** A rule's {@code name}: a string or texts by language; {@code key} when not given. */
    public static LocalizedText name(JsonBody body, String key) {
        return body.text("name", MAX_NAME).orElseGet(() -> LocalizedText.plain(key));
    }

    /** A rule's optional {@code description}: a string or texts by language. */
    public static Optional<LocalizedText> description(JsonBody body) {
        return body.text("description", MAX_DESCRIPTION);
    }

    /** The required member {@code name} of {@code body}, a key of another rule; 400 naming it when malformed. */
    public static String referencedKey(JsonBody body, String name) {
        String value = body.requiredString(name, 64);
        if (!KEY.matcher(value).matches()) {
            throw ApiException.invalidField(body.field(name), "'" + body.field(name) + "' is not a valid key");
        }
        return value;
    }

    /** {@code value} of the member {@code name} as an exact amount; 400 naming it when it has too many decimals. */
    public static Amount amount(JsonBody body, String name, BigDecimal value) {
        try {
            return Amount.exact(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(body.field(name), "'" + body.field(name) + "' " + e.getMessage());
        }
    }
}
