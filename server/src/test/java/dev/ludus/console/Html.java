package dev.ludus.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading what a console page shows, for HTTP tests: the text of an element, the error next to a field. */
final class Html {

    private Html() {
    }

    /** The text of the element with that id; fails the test when the page has none. */
    static String text(String page, String id) {
        Matcher matcher = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("no element #" + id + " in " + page);
        }
        return unescape(matcher.group(1).strip());
    }

    /** The error shown next to the field (its {@code data-error-for}); fails the test when there is none. */
    static String errorFor(String page, String field) {
        Matcher matcher = Pattern.compile("data-error-for=\"" + Pattern.quote(field) + "\">([^<]*)<").matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("no error next to '" + field + "' in " + page);
        }
        return unescape(matcher.group(1).strip());
    }

    /** The text of HTML-escaped content. */
    static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&amp;", "&");
    }

    /** The id that ends a path such as {@code /console/tenants/ten_x?done=created}. */
    static String lastSegment(String location) {
        String path = location.contains("?") ? location.substring(0, location.indexOf('?')) : location;
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
