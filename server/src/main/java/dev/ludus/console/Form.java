package dev.ludus.console;

import dev.ludus.http.ApiException;
import dev.ludus.http.RequestBodies;
import dev.ludus.http.UrlEncoded;
import io.helidon.webserver.http.ServerRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a console form ({@code application/x-www-form-urlencoded}, UTF-8), read once per request
 * within the API's body limit and kept in the request's context.
 */
public final class Form {

    private final Map<String, List<String>> fields;

    private Form(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    /** The request's form; an empty form for a request without a form body. */
    public static Form of(ServerRequest request) {
        Optional<Form> cached = request.context().get(Form.class);
        if (cached.isPresent()) {
            return cached.get();
        }
        boolean urlEncoded = request.headers().contentType()
                .map(type -> type.mediaType().text().equalsIgnoreCase("application/x-www-form-urlencoded"))
                .orElse(false);
        Form form = urlEncoded ? parse(RequestBodies.bytes(request)) : new Form(Map.of());
        request.context().register(form);
        return form;
    }

    static Form parse(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the form is not UTF-8");
        }
        try {
            return new Form(UrlEncoded.decode(text));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the form has a malformed %-escape");
        }
    }

    /** The field's first value, stripped; empty when absent or blank. */
    public Optional<String> get(String name) {
        return raw(name).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** The field's first value as sent (a password, a file's text); empty when absent. */
    public Optional<String> raw(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The field's value, stripped, or "" when absent. */
    public String text(String name) {
        return get(name).orElse("");
    }

    /** Every value of a repeated field (checkboxes, multi-selects), in order. */
    public List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }

    /** True when a checkbox of that name was ticked. */
    public boolean checked(String name) {
        return fields.containsKey(name);
    }

    /** The fields as sent, first value each, without the CSRF token: to show a form again after an error. */
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((name, list) -> {
            if (!name.equals(ConsoleFilter.CSRF_FIELD) && !list.isEmpty()) {
                values.put(name, list.get(0));
            }
        });
        return values;
    }
}
