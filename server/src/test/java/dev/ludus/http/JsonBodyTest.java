package dev.ludus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Reading a request body member by member: each accessor's answer to a member that is absent,
 * {@code null}, of the wrong type, out of range or unexpected is 400 {@code invalid_request} with
 * {@code field} naming it (nested members by their path).
 */
class JsonBodyTest {

    private static final Json JSON = new Json();

    private static JsonBody body(String json) {
        return JSON.bodyOf(json);
    }

    private static void refused(ThrowingCallable read, String field, String detail) {
        assertThatThrownBy(read).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.error()).isEqualTo("invalid_request");
            assertThat(e.members()).containsEntry("field", field);
            assertThat(e.getMessage()).isEqualTo(detail);
        });
    }

    @Test
    void unknownMembersAreRefusedByName() {
        JsonBody body = body("{\"name\":\"a\",\"nmae\":\"b\"}");
        refused(() -> body.allowOnly(Set.of("name")), "nmae", "unknown member 'nmae'");
        assertThat(body.allowOnly(Set.of("name", "nmae"))).isSameAs(body);
        refused(() -> body("{\"outer\":{\"extra\":1}}").requiredObject("outer").allowOnly(Set.of()),
                "outer.extra", "unknown member 'outer.extra'");
    }

    @Test
    void absentAndNullAreBothNotGiven() {
        JsonBody body = body("{\"gone\":null}");
        assertThat(body.string("gone", 10)).isEmpty();
        assertThat(body.string("absent", 10)).isEmpty();
        assertThat(body.integer("gone", 0, 1)).isEmpty();
        assertThat(body.bool("gone")).isEmpty();
        assertThat(body.strings("gone", 1, 1)).isEmpty();
        assertThat(body.object("gone")).isEmpty();
        assertThat(body.objects("gone", 1)).isEmpty();
        assertThat(body.decimal("gone")).isEmpty();
        assertThat(body.stringMap("gone", 1, Pattern.compile(".*"), 1)).isEmpty();
        assertThat(body.timezone("gone")).isEmpty();
        assertThat(body.has("gone")).isTrue();
        assertThat(body.isNull("gone")).isTrue();
        assertThat(body.has("absent")).isFalse();
        assertThat(body.isNull("absent")).isFalse();
    }

    @Test
    void stringsAreStrippedAndHeldToTheirLength() {
        assertThat(body("{\"name\":\"  Ada  \"}").requiredString("name", 3)).isEqualTo("Ada");
        refused(() -> body("{}").requiredString("name", 3), "name", "'name' is required");
        refused(() -> body("{\"name\":null}").requiredString("name", 3), "name", "'name' is required");
        refused(() -> body("{\"name\":\"   \"}").string("name", 3), "name", "'name' must not be empty");
        refused(() -> body("{\"name\":\"Adam\"}").string("name", 3), "name", "'name' must be at most 3 characters");
        refused(() -> body("{\"name\":7}").string("name", 3), "name", "'name' must be a string");
    }

    @Test
    void wholeNumbersMustBeWholeAndWithinTheirRange() {
        JsonBody body = body("{\"low\":1,\"high\":10,\"big\":99999999999999999999,\"half\":1.5,\"text\":\"5\"}");
        assertThat(body.integer("low", 1, 10)).hasValue(1L);
        assertThat(body.integer("high", 1, 10)).hasValue(10L);
        refused(() -> body.integer("low", 2, 10), "low", "'low' must be between 2 and 10");
        refused(() -> body.integer("high", 1, 9), "high", "'high' must be between 1 and 9");
        refused(() -> body.integer("big", 0, Long.MAX_VALUE), "big", "'big' must be a whole number");
        refused(() -> body.integer("half", 0, 10), "half", "'half' must be a whole number");
        refused(() -> body.integer("text", 0, 10), "text", "'text' must be a whole number");
    }

    @Test
    void booleansAreOnlyTrueOrFalse() {
        assertThat(body("{\"on\":false}").bool("on")).hasValue(false);
        refused(() -> body("{\"on\":\"true\"}").bool("on"), "on", "'on' must be true or false");
        refused(() -> body("{\"on\":1}").bool("on"), "on", "'on' must be true or false");
    }

    @Test
    void stringArraysHoldOnlyNonEmptyStringsUpToTheirCount() {
        assertThat(body("{\"tags\":[\"a\",\"b\"]}").strings("tags", 2, 1)).hasValue(List.of("a", "b"));
        refused(() -> body("{\"tags\":\"a\"}").strings("tags", 2, 1), "tags", "'tags' must be an array of strings");
        refused(() -> body("{\"tags\":[\"a\",\"b\",\"c\"]}").strings("tags", 2, 1), "tags",
                "'tags' may hold at most 2 items");
        for (String items : new String[] {"[\" \"]", "[1]", "[\"ab\"]", "[null]"}) {
            refused(() -> body("{\"tags\":" + items + "}").strings("tags", 2, 1), "tags",
                    "'tags' must be an array of non-empty strings");
        }
    }

    @Test
    void timezonesAreIanaRegionsOrUtc() {
        assertThat(body("{\"tz\":\"Europe/Paris\"}").timezone("tz")).hasValue(ZoneId.of("Europe/Paris"));
        assertThat(body("{\"tz\":\"UTC\"}").timezone("tz")).hasValue(ZoneId.of("UTC"));
        for (String zone : new String[] {"+02:00", "Z", "CET", "GMT", "Mars/Olympus_Mons"}) {
            refused(() -> body("{\"tz\":\"" + zone + "\"}").timezone("tz"), "tz",
                    "'tz' must be an IANA time zone such as Europe/Paris or UTC");
        }
        refused(() -> body("{\"tz\":\"" + "A/".repeat(40) + "\"}").timezone("tz"), "tz",
                "'tz' must be at most 64 characters");
    }

    @Test
    void nestedObjectsAreReadWithTheirPath() {
        JsonBody outer = body("{\"outer\":{\"inner\":{\"n\":\"x\"}}}").requiredObject("outer");
        refused(() -> outer.requiredObject("inner").integer("n", 0, 1), "outer.inner.n",
                "'outer.inner.n' must be a whole number");
        refused(() -> body("{\"outer\":[]}").object("outer"), "outer", "'outer' must be an object");
        refused(() -> body("{}").requiredObject("outer"), "outer", "'outer' is required");
    }

    @Test
    void objectArraysNameTheItemAtFault() {
        List<JsonBody> items = body("{\"events\":[{\"v\":1},{\"v\":true}]}").objects("events", 2).orElseThrow();
        assertThat(items.get(0).integer("v", 0, 9)).hasValue(1L);
        refused(() -> items.get(1).integer("v", 0, 9), "events[1].v", "'events[1].v' must be a whole number");
        refused(() -> body("{\"events\":{}}").objects("events", 2), "events", "'events' must be an array of objects");
        refused(() -> body("{\"events\":[{},{},{}]}").objects("events", 2), "events",
                "'events' may hold at most 2 items");
        refused(() -> body("{\"events\":[{},7]}").objects("events", 2), "events[1]", "'events[1]' must be an object");
    }

    @Test
    void decimalsAreExactNotBinaryFloatingPoint() {
        assertThat(body("{\"value\":0.1}").decimal("value").orElseThrow()).isEqualByComparingTo("0.1");
        assertThat(body("{\"value\":12345678901234567890.123456789}").decimal("value").orElseThrow())
                .isEqualByComparingTo("12345678901234567890.123456789");
        assertThat(body("{\"value\":2.50}").decimal("value").orElseThrow()).isEqualByComparingTo("2.5");
        assertThat(body("{\"value\":-7}").decimal("value")).hasValue(new BigDecimal("-7"));
        refused(() -> body("{\"value\":\"2.5\"}").decimal("value"), "value", "'value' must be a number");
    }

    @Test
    void stringMapsCheckCountNamesAndValues() {
        Pattern names = Pattern.compile("[a-z]+");
        assertThat(body("{\"attrs\":{\"country\":\"FR\",\"tier\":\"gold\"}}").stringMap("attrs", 2, names, 4))
                .hasValue(Map.of("country", "FR", "tier", "gold"));
        refused(() -> body("{\"attrs\":[]}").stringMap("attrs", 2, names, 4), "attrs",
                "'attrs' must be an object of strings");
        refused(() -> body("{\"attrs\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}}").stringMap("attrs", 2, names, 4),
                "attrs", "'attrs' may hold at most 2 members");
        refused(() -> body("{\"attrs\":{\"Bad\":\"1\"}}").stringMap("attrs", 2, names, 4), "attrs.Bad",
                "member names of 'attrs' must match [a-z]+");
        refused(() -> body("{\"attrs\":{\"level\":3}}").stringMap("attrs", 2, names, 4), "attrs.level",
                "'attrs.level' must be a string");
        refused(() -> body("{\"attrs\":{\"tier\":\"platinum\"}}").stringMap("attrs", 2, names, 4), "attrs.tier",
                "'attrs.tier' must be at most 4 characters");
    }
}
