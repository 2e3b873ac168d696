package dev.ludus.console;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How templates write values: times in UTC, exact numbers, and the pieces of links (path segments and
 * queries, percent-encoded; the template escapes the result for HTML).
 */
public final class ConsoleText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ConsoleText() { }

    /** {@code 2026-12-01 10:15:30 UTC}; empty for none. */
    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /**
     * How long before {@code now} {@code instant} was, in the largest whole unit that fits: {@code just
     * now} (under a minute, or later than {@code now}), {@code 12 min ago}, {@code 5 h ago} (under two
     * days), {@code 9 days ago}; empty for none.
     */
    public static String ago(Instant instant, Instant now) {
        if (instant == null) {
            return "";
        }
        long seconds = Duration.between(instant, now).toSeconds();
        if (seconds < 60) {
            return "just now";
        }
        if (seconds < 3_600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 2 * 86_400) {
            return seconds / 3_600 + " h ago";
        }
        return seconds / 86_400 + " days ago";
    }

    /** {@code 2026-12-04 00:00:00 Europe/Paris}: the instant as a clock in {@code zone} shows it; empty for none. */
    public static String time(Instant instant, ZoneId zone) {
        return instant == null ? "" : LOCAL.format(instant.atZone(zone)) + " " + zone.getId();
    }

    /** A decimal without an exponent or trailing zeros: {@code 12.5}, {@code 100}; empty for none. */
    public static String number(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    /** A signed whole number: {@code +50}, {@code -20}. */
    public static String signed(long value) {
        return value > 0 ? "+" + value : Long.toString(value);
    }

    /** {@code value} as one segment of a path. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * {@code path} with a query of the non-empty values, in the map's order: {@code /x?a=1&b=two%20words}.
     */
    public static String link(String path, Map<String, String> query) {
        StringJoiner joined = new StringJoiner("&");
        query.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return joined.length() == 0 ? path : path + "?" + joined;
    }

    /**
     * A name or description of a definition as a list shows it: the text, or for texts by language the
     * first given; {@code fallback} when there is none.
     */
    static String shown(com.fasterxml.jackson.databind.JsonNode text, String fallback) {
        if (text.isTextual()) {
            return text.asText();
        }
        if (text.isObject() && !text.isEmpty()) {
            return text.elements().next().asText();
        }
        return fallback;
    }
}
