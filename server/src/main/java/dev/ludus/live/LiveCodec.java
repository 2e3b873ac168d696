package dev.ludus.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Entries as JSON: one for a page ({@link #text}), and lists of them in notifications of at most
 * {@link #MAX_PAYLOAD} bytes ({@link #payloads}), the limit PostgreSQL sets on {@code NOTIFY}.
 * Stateless; thread-safe.
 */
final class LiveCodec {

    /** Longest notification payload, in bytes: PostgreSQL's limit is 8000. */
    static final int MAX_PAYLOAD = 7900;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    private static final TypeReference<List<LiveEntry>> ENTRIES = new TypeReference<>() { };

    private LiveCodec() { }

    /** One entry as JSON text. */
    static String text(LiveEntry entry) {
        try {
            return MAPPER.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a live entry cannot be written as JSON", e);
        }
    }

    /**
     * The entries as JSON arrays of at most {@link #MAX_PAYLOAD} bytes each, in order; an entry that
     * alone is longer (a very long user id and many changes) goes without its changes.
     */
    static List<String> payloads(List<LiveEntry> entries) {
        List<String> payloads = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int bytes = 0;
        for (LiveEntry entry : entries) {
            String text = text(entry);
            int size = text.getBytes(StandardCharsets.UTF_8).length;
            if (size + 2 > MAX_PAYLOAD) {
                text = text(new LiveEntry(entry.applicationId(), entry.userId(), entry.eventId(), entry.metric(),
                        entry.value(), entry.occurredAt(), entry.committedAt(), List.of()));
                size = text.getBytes(StandardCharsets.UTF_8).length;
            }
            if (bytes > 0 && bytes + size + 2 > MAX_PAYLOAD) {
                payloads.add(current.append(']').toString());
                current.setLength(0);
                bytes = 0;
            }
            current.append(bytes == 0 ? '[' : ',').append(text);
            bytes += size + 1;
        }
        if (bytes > 0) {
            payloads.add(current.append(']').toString());
        }
        return payloads;
    }

    /** The entries of a notification's payload. */
    static List<LiveEntry> entries(String payload) {
        try {
            return MAPPER.readValue(payload, ENTRIES);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a payload of live entries", e);
        }
    }
}
