package dev.ludus.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the console's templates (precompiled from {@code src/main/jte} at build time, so a template
 * that names a missing field fails the build) into HTML answers. Every {@code ${...}} is HTML-escaped.
 * Thread-safe: the engine is.
 */
public final class Views {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /**
     * Answers {@code status} with the template rendered from {@code params}, given as name, value
     * pairs; {@code page} is always passed as {@code page}.
     */
    public void render(ServerResponse response, int status, String template, Page page, Object... params) {
        if (params.length % 2 != 0) {
            throw new IllegalArgumentException("params are name, value pairs");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("page", page);
        for (int i = 0; i < params.length; i += 2) {
            values.put((String) params[i], params[i + 1]);
        }
        Utf8ByteOutput output = new Utf8ByteOutput();
        engine.render(template, values, output);
        byte[] bytes;
        try (var out = new java.io.ByteArrayOutputStream(output.getContentLength())) {
            output.writeTo(out);
            bytes = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        response.status(Status.create(status));
        response.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        response.send(bytes);
    }

    /** Answers a refusal as an HTML page: its status, title and words, and its headers ({@code Retry-After}). */
    public void error(io.helidon.webserver.http.ServerRequest request, ServerResponse response,
            dev.ludus.http.ApiException error) {
        error.headers().forEach(response::header);
        render(response, error.status(), "error.jte", Console.optionalPage(request, error.title()), "error", error);
    }

    /** Answers 200 with the template. */
    public void render(ServerResponse response, String template, Page page, Object... params) {
        render(response, 200, template, page, params);
    }
}
