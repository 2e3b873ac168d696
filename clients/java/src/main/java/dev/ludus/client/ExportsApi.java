package dev.ludus.client;

import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Paths;
import dev.ludus.client.internal.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@code /v1/export}: every event and every user of the application, of any size (docs/exports.md).
 * Scope {@code admin}.
 *
 * <p>The answers are streamed: {@link #events(ExportQuery)} and {@link #users(String)} read the
 * server's NDJSON a line at a time as the {@link Stream} is consumed, never the whole export into
 * memory, so <b>close the stream</b> (try-with-resources): closing it early drops the connection.
 * {@link #eventsRaw} and {@link #usersRaw} copy the body as it arrives (NDJSON or CSV) to an
 * {@link OutputStream}. The request is sent when the call is made, so a refusal (400 naming the
 * parameter in {@link LudusException#field()}, 403) throws from the call itself; the client's request
 * timeout bounds the wait for the answer to begin, not the reading of it. An export that breaks off
 * throws {@link LudusException} {@code io_error} from the stream operation (or the raw call) that read
 * it: resume with the id of the last record received as {@code after}.
 *
 * <pre>{@code
 * try (Stream<RecordedEvent> events = admin.exports().events(ExportQuery.all().withAfter(lastId))) {
 *     events.forEach(event -> save(event));
 * }
 * }</pre>
 */
public final class ExportsApi {

    /** The format of a raw export, asked for with {@code Accept}. */
    public enum Format {
        /** One JSON object a line ({@code application/x-ndjson}). */
        NDJSON("application/x-ndjson"),
        /** A header line, then a line a record, RFC 4180 quoting ({@code text/csv}). */
        CSV("text/csv");

        private final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        /** The media type sent as {@code Accept}. */
        public String mediaType() {
            return mediaType;
        }
    }

    private static final int BUFFER = 64 * 1024;

    private final Transport transport;
    private final Authentication authentication;

    ExportsApi(Transport transport, Authentication authentication) {
        this.transport = transport;
        this.authentication = authentication;
    }

    /** Every event of the application, in the order they were committed; see {@link #events(ExportQuery)}. */
    public Stream<RecordedEvent> events() {
        return events(ExportQuery.all());
    }

    /**
     * {@code GET /v1/export/events}: the application's events of {@code query} (received in
     * {@code [from, to)}, after the event {@code after}), in the order they were committed, read a line
     * at a time as the stream is consumed. The events are those committed when the export starts.
     * Close the stream.
     */
    public Stream<RecordedEvent> events(ExportQuery query) {
        return records(eventsPath(query), RecordedEvent.class);
    }

    /**
     * {@code GET /v1/export/events} in {@code format}: copies the body as it arrives to {@code out}
     * (not closed; flushed at the end) and answers the number of bytes copied. A CSV export starts
     * with its header line.
     */
    public long eventsRaw(ExportQuery query, Format format, OutputStream out) {
        return copy(eventsPath(query), format, out);
    }

    /** Every user of the application, in id order; see {@link #users(String)}. */
    public Stream<ExportedUser> users() {
        return users(null);
    }

    /**
     * {@code GET /v1/export/users}: the application's users in id order, after the user {@code after}
     * (the id of the last user received, to resume; null: from the first), each with their totals,
     * balances and achievements, read a line at a time as the stream is consumed. Close the stream.
     */
    public Stream<ExportedUser> users(String after) {
        return records(usersPath(after), ExportedUser.class);
    }

    /**
     * {@code GET /v1/export/users} in {@code format}: copies the body as it arrives to {@code out} (not
     * closed; flushed at the end) and answers the number of bytes copied. In CSV, the profile's columns,
     * then one column {@code metric:<key>} per active metric and {@code points:<key>} per active points
     * system, then {@code achievements} (their keys, separated by spaces).
     */
    public long usersRaw(String after, Format format, OutputStream out) {
        return copy(usersPath(after), format, out);
    }

    private static String eventsPath(ExportQuery query) {
        Objects.requireNonNull(query, "query");
        return "/v1/export/events" + Paths.query("from", query.from(), "to", query.to(), "after", query.after());
    }

    private static String usersPath(String after) {
        return "/v1/export/users" + Paths.query("after", after);
    }

    /** The NDJSON lines of {@code path} read as {@code type}, lazily; closing the stream closes the body. */
    private <T> Stream<T> records(String path, Class<T> type) {
        InputStream body = transport.stream(authentication, path, Format.NDJSON.mediaType());
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        Iterator<T> records = new Iterator<>() {
            private String line;
            private long read;

            @Override
            public boolean hasNext() {
                while (line == null) {
                    try {
                        line = reader.readLine();
                    } catch (IOException e) {
                        throw broken(path, read, e);
                    }
                    if (line == null) {
                        return false;
                    }
                    if (line.isBlank()) {
                        line = null;
                    }
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String text = line;
                line = null;
                read++;
                try {
                    return transport.json().readValue(text, type);
                } catch (IOException e) {
                    throw new LudusException(200, "unreadable_answer", null, "line " + read + " of GET "
                            + path(path) + " is not the expected JSON: " + e.getMessage(), null, null, null, e);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(records, Spliterator.ORDERED
                | Spliterator.NONNULL), false).onClose(() -> closeQuietly(reader));
    }

    private long copy(String path, Format format, OutputStream out) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        InputStream body = transport.stream(authentication, path, format.mediaType());
        try {
            byte[] buffer = new byte[BUFFER];
            long copied = 0;
            while (true) {
                int count;
                try {
                    count = body.read(buffer);
                } catch (IOException e) {
                    throw broken(path, -1, e);
                }
                if (count < 0) {
                    out.flush();
                    return copied;
                }
                out.write(buffer, 0, count);
                copied += count;
            }
        } catch (IOException writing) {
            throw new UncheckedIOException("cannot write the export of " + path(path), writing);
        } finally {
            closeQuietly(body);
        }
    }

    private static LudusException broken(String path, long records, IOException e) {
        return new LudusException(0, "io_error", null, "GET " + path(path) + " broke off"
                + (records >= 0 ? " after " + records + " records" : "") + ": " + e.getMessage()
                + "; resume after the id of the last record received", null, null, null, e);
    }

    private static String path(String pathWithQuery) {
        int query = pathWithQuery.indexOf('?');
        return query < 0 ? pathWithQuery : pathWithQuery.substring(0, query);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // the connection is dropped either way
        }
    }
}
