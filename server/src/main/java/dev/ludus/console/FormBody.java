package dev.ludus.console;

import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.JsonBody;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A console form's fields as the JSON body the API would receive, so that the API's own readers check
 * them (the same limits, the same words, the same field names): a page refuses exactly what the API
 * refuses. Build one per request; not thread-safe. See ADR 0026.
 */
final class FormBody {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,18}");

    private final Json json;
    private final Map<String, Object> members = new LinkedHashMap<>();

    FormBody(Json json) {
        this.json = json;
    }

    /** The member as text, as typed. */
    FormBody text(String name, String value) {
        members.put(name, value);
        return this;
    }

    /** The member as a whole number when it is written as one; as text otherwise (which the API refuses). */
    FormBody number(String name, String value) {
        String stripped = value.strip();
        members.put(name, WHOLE_NUMBER.matcher(stripped).matches() ? (Object) Long.parseLong(stripped) : stripped);
        return this;
    }

    /** The member as true or false (a checkbox). */
    FormBody bool(String name, boolean value) {
        members.put(name, value);
        return this;
    }

    /** The member as an array of strings (checkboxes of one name). */
    FormBody strings(String name, List<String> values) {
        members.put(name, List.copyOf(values));
        return this;
    }

    /** The body to hand to the API's reader. */
    JsonBody body() {
        return json.bodyOf(json.text(members));
    }

    /**
     * The error of a refused form, by field: the problem's {@code field} (or {@code ""} for the form as a
     * whole) to its words. Anything but a 400 is not about the form and is thrown again.
     */
    static Map<String, String> errors(ApiException refusal) {
        if (refusal.status() != 400) {
            throw refusal;
        }
        Object field = refusal.members().get("field");
        return Map.of(field instanceof String name ? name : "", refusal.detail());
    }
}
