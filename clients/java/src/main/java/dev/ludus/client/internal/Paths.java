package dev.ludus.client.internal;

import java.nio.charset.StandardCharsets;

/** Builds request paths: path segments and query parameters, percent-encoded as RFC 3986 asks. */
public final class Paths {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Paths() { }

    /**
     * {@code value} as one path segment: its UTF-8 bytes percent-encoded except the unreserved
     * characters ({@code A-Z a-z 0-9 - . _ ~}), so that a user id holding {@code /}, {@code #},
     * {@code ?}, {@code %}, {@code +}, spaces or any Unicode stays one segment. A segment of dots
     * alone ({@code .}, {@code ..}) has them encoded too, lest it be read as a relative path.
     *
     * @param name what the value is, for the message when it is null or empty
     */
    public static String segment(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be null or empty");
        }
        boolean onlyDots = value.chars().allMatch(c -> c == '.');
        return encode(value, onlyDots);
    }

    /**
     * {@code ?name=value&...} of the parameters whose value is not null, in order, each name and value
     * percent-encoded; empty when every value is null.
     *
     * @param namesAndValues a name, its value, the next name, its value, ...
     */
    public static String query(Object... namesAndValues) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value != null) {
                query.append(query.length() == 0 ? '?' : '&').append(encode(namesAndValues[i].toString(), false))
                        .append('=').append(encode(value.toString(), false));
            }
        }
        return query.toString();
    }

    private static String encode(String value, boolean encodeDots) {
        StringBuilder encoded = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '~' || (c == '.' && !encodeDots);
            if (unreserved) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }
}
