package dev.ludus.http;

import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Paging of list endpoints: {@code ?limit=} (1 to {@link #MAX_LIMIT}, default {@link #DEFAULT_LIMIT})
 * and {@code ?cursor=} (opaque: the answer's {@code next_cursor}). Lists are ordered by a unique key;
 * the cursor carries the last key of the previous page.
 *
 * @param after the key after which the page starts; empty for the first page
 */
public record PageRequest(int limit, Optional<String> after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
    /** The longest key a cursor may carry (a sort value and a user id of up to 255 characters fit). */
    public static final int MAX_KEY = 512;

    /** A page of items and the cursor of the next one ({@code null} on the last page). */
    public record Page<T>(List<T> items, String nextCursor) { }

    /** Reads {@code limit} and {@code cursor}; 400 naming the parameter when either is malformed. */
    public static PageRequest from(ServerRequest request) {
        int limit = DEFAULT_LIMIT;
        Optional<String> rawLimit = request.query().first("limit").map(value -> value);
        if (rawLimit.isPresent()) {
            try {
                limit = Integer.parseInt(rawLimit.get());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiException.invalidField("limit", "'limit' must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        Optional<String> after = request.query().first("cursor").map(PageRequest::decode);
        return new PageRequest(limit, after);
    }

    /**
     * The page from {@code fetched}, which holds up to {@code limit + 1} items in key order: the
     * extra one only tells that a next page exists.
     */
    public <T> Page<T> page(List<T> fetched, Function<T, String> key) {
        if (fetched.size() <= limit) {
            return new Page<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        return new Page<>(items, encode(key.apply(items.getLast())));
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (key.isEmpty() || key.length() > MAX_KEY) {
                throw new IllegalArgumentException(cursor);
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("cursor", "'cursor' is not a cursor this list gave out");
        }
    }
}
