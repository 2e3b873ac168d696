package dev.ludus.cli;

import java.util.Arrays;
import java.util.Optional;

/**
 * A JDBC URL fit to print: scheme, host, port and database, and the schema if one is named; never a
 * user's password, whether in the query ({@code password=}) or before the host ({@code user:pass@}).
 */
final class RedactedUrl {

    private RedactedUrl() {
    }

    static String of(String jdbcUrl) {
        String url = jdbcUrl.startsWith("jdbc:") ? jdbcUrl.substring("jdbc:".length()) : jdbcUrl;
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        int authority = base.indexOf("//");
        int at = base.lastIndexOf('@');
        if (authority >= 0 && at > authority) {
            base = base.substring(0, authority + 2) + base.substring(at + 1);
        }
        Optional<String> schema = query < 0 ? Optional.empty() : Arrays.stream(url.substring(query + 1).split("&"))
                .filter(parameter -> parameter.startsWith("currentSchema="))
                .map(parameter -> parameter.substring("currentSchema=".length()))
                .findFirst();
        return base + schema.map(name -> " (schema " + name + ")").orElse("");
    }
}
