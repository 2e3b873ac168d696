package dev.ludus.client;

import com.fasterxml.jackson.databind.JavaType;
import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Paths;
import dev.ludus.client.internal.Transport;
import java.util.stream.Stream;

/** The four calls every kind of rule has, under {@code /v1/<collection>}; the typed APIs delegate here. */
final class RuleCalls<R> {

    /** The largest page the server gives out, for the {@code ...All} calls. */
    static final int MAX_LIMIT = 100;

    private final Transport transport;
    private final Authentication authentication;
    private final String collection;
    private final Class<R> type;
    private final JavaType pageType;

    RuleCalls(Transport transport, Authentication authentication, String collection, Class<R> type) {
        this.transport = transport;
        this.authentication = authentication;
        this.collection = "/v1/" + collection;
        this.type = type;
        this.pageType = transport.json().getTypeFactory().constructParametricType(Page.class, type);
    }

    R put(String key, Object definition) {
        return transport.call(authentication, "PUT", one(key), definition, type);
    }

    R get(String key) {
        return transport.call(authentication, "GET", one(key), null, type);
    }

    Page<R> list(int limit, String cursor, boolean includeArchived) {
        String query = Paths.query("limit", limit, "cursor", cursor, "include_archived", includeArchived ? "true" : null);
        return transport.call(authentication, "GET", collection + query, null, pageType);
    }

    Stream<R> listAll(boolean includeArchived) {
        return Page.all(cursor -> list(MAX_LIMIT, cursor, includeArchived));
    }

    void archive(String key) {
        transport.send(authentication, "DELETE", one(key), null);
    }

    private String one(String key) {
        return collection + "/" + Paths.segment(key, "key");
    }
}
