package dev.ludus.client;

import com.fasterxml.jackson.databind.JavaType;
import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Paths;
import dev.ludus.client.internal.Transport;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One page of a list: its items and the cursor of the next page. Pass {@link #nextCursor()} as the
 * {@code cursor} of the next call; it is null on the last page. A page may hold fewer items than
 * asked for (even none) while a next page exists: follow the cursor until it is null. The
 * {@code ...All} calls do that for you, as a lazy {@link Stream}.
 *
 * @param items the items, in the list's order
 * @param nextCursor the cursor of the next page, or null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** Whether a next page exists ({@link #nextCursor()} is not null). */
    public boolean hasNext() {
        return nextCursor != null;
    }

    /**
     * {@code GET path?limit=...&cursor=...}: one page of a list whose items are {@code itemType}.
     *
     * @param cursor null for the first page
     */
    static <T> Page<T> fetch(Transport transport, Authentication authentication, String path, int limit, String cursor,
            Class<T> itemType) {
        JavaType type = transport.json().getTypeFactory().constructParametricType(Page.class, itemType);
        return transport.call(authentication, "GET", path + Paths.query("limit", limit, "cursor", cursor), null, type);
    }

    /**
     * Every item of every page, fetching the first page when the stream is first consumed and each
     * next page when the items of the one before are used up; a failed fetch throws
     * {@link LudusException} from the stream operation that needed it.
     *
     * @param fetch the page after a cursor (null: the first page)
     */
    static <T> Stream<T> all(Function<String, Page<T>> fetch) {
        Iterator<T> items = new Iterator<>() {
            private Page<T> page;
            private int index;

            @Override
            public boolean hasNext() {
                while (true) {
                    if (page == null) {
                        page = fetch.apply(null);
                        index = 0;
                    }
                    if (index < page.items().size()) {
                        return true;
                    }
                    if (!page.hasNext()) {
                        return false;
                    }
                    page = fetch.apply(page.nextCursor());
                    index = 0;
                }
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.items().get(index++);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(items, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }
}
