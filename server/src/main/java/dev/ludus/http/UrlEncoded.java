package dev.ludus.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes {@code application/x-www-form-urlencoded} text: the OAuth endpoints' bodies and the console's forms. */
public final class UrlEncoded {

    private UrlEncoded() {
    }

    /**
     * Every field with its values, in the order sent.
     *
     * @throws IllegalArgumentException on a malformed %-escape
     */
    public static Map<String, List<String>> decode(String text) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            fields.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return fields;
    }
}
