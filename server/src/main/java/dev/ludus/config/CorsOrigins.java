package dev.ludus.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Browser origins allowed to call the {@code /v1} API (CORS), as browsers send them in {@code Origin}:
 * {@code http} or {@code https}, a host, a port only when it is not the scheme's default, nothing else
 * (no path, query, user, or wildcard). Written in lower case, as browsers do.
 */
public final class CorsOrigins {

    /** The server-wide default: origins every application allows, for single-application installs. */
    public static final String VARIABLE = "LUDUS_CORS_ORIGINS";
    /** Most origins one application may list. */
    public static final int MAX_ORIGINS = 100;
    /** Longest origin accepted. */
    public static final int MAX_LENGTH = 253 + 20;

    private CorsOrigins() {
    }

    /**
     * The origin in the form browsers send it (scheme and host in lower case, default port dropped), or
     * empty when {@code text} is not an origin.
     */
    public static Optional<String> normalise(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH || text.contains("*") || text.endsWith("/")) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }

    /**
     * The origins of a list, normalised and without repeats, in order; {@code refuse} gets the first one
     * that is not an origin and answers the exception to throw.
     */
    public static <E extends RuntimeException> List<String> parse(List<String> texts,
            java.util.function.Function<String, E> refuse) {
        Set<String> origins = new LinkedHashSet<>();
        for (String text : texts) {
            origins.add(normalise(text.strip()).orElseThrow(() -> refuse.apply(text)));
        }
        return List.copyOf(origins);
    }

    static List<String> from(Map<String, String> variables) {
        List<String> texts = new ArrayList<>();
        for (String entry : LudusConfig.value(variables, VARIABLE).orElse("").split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                texts.add(entry);
            }
        }
        return parse(texts, text -> new ConfigException(VARIABLE, "must list exact origins such as"
                + " https://app.example.com or http://localhost:5173, separated by commas (no path, no wildcard); '"
                + text + "' is not one"));
    }
}
